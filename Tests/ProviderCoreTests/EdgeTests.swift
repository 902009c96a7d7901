import Foundation
import GRDB
import Testing
import ProviderCore
import ProviderStore
import TaskSequenceModel
import TestSupport

/// Arguments at and beyond their limits, and a store that cannot take a write: each refused
/// with an error that names what was wrong, the store unchanged.
@Suite struct EdgeTests {
    /// A package with two top-level steps (a group, an action) and one action in the group.
    private func package(_ fixture: ServiceFixture) throws -> (id: String, group: Int64, action: Int64, inner: Int64) {
        let xml = #"""
            <sequence version="3.10"><group name="Tools"><step type="SMS_TaskSequence_RunCommandLineAction" name="Inner"><action>smsswd.exe /run: cmd /c echo in</action><defaultVarList><variable name="CommandLine" property="CommandLine">cmd /c echo in</variable></defaultVarList></step></group><step type="SMS_TaskSequence_RunCommandLineAction" name="Outer"><action>smsswd.exe /run: cmd /c echo out</action><defaultVarList><variable name="CommandLine" property="CommandLine">cmd /c echo out</variable></defaultVarList></step></sequence>
            """#
        let id = try fixture.service.importPackage(data: Data(xml.utf8), for: fixture.root)
        let top = try fixture.service.topLevelStepIDs(packageID: id, for: fixture.root)
        let inner = try fixture.service.childStepIDs(packageID: id, parentID: top[0], for: fixture.root)[0]
        return (id, top[0], top[1], inner)
    }

    private func outOfRange(_ index: Int, _ count: Int) -> ProviderError {
        .invalidArgument(name: "index", problem: "index \(index) is out of range: expected -1…\(count) (-1 appends)")
    }

    @Test(arguments: [-2, Int(Int32.min), 1_000_000, 3])
    func anAddOrMoveAtAnIndexOutsideMinusOneToCountIsRefusedNamingTheRange(index: Int) throws {
        let fixture = try ServiceFixture()
        let (id, group, action, _) = try package(fixture)
        let before = try fixture.service.sequenceXML(packageID: id, for: fixture.root)
        let version = try fixture.service.package(id, for: fixture.root).sourceVersion
        #expect(throws: outOfRange(index, 2)) {
            try fixture.service.addStep(className: "SMS_TaskSequence_RunCommandLineAction", properties: ["Name": "x", "CommandLine": "cmd"],
                                        packageID: id, parentID: nil, index: index, for: fixture.root)
        }
        #expect(throws: outOfRange(index, 2)) {
            try fixture.service.addStep(className: StepClass.group, properties: ["Name": "g"], packageID: id, parentID: nil, index: index, for: fixture.root)
        }
        // Within its own parent the step counts itself ("before the step now at index").
        #expect(throws: outOfRange(index, 2)) {
            try fixture.service.moveStep(action, packageID: id, toParent: nil, index: index, for: fixture.root)
        }
        // Into another container every child there counts.
        #expect(throws: outOfRange(index, 1)) {
            try fixture.service.moveStep(action, packageID: id, toParent: group, index: index, for: fixture.root)
        }
        #expect(try fixture.service.sequenceXML(packageID: id, for: fixture.root) == before)
        #expect(try fixture.service.package(id, for: fixture.root).sourceVersion == version)
    }

    @Test func minusOneAndCountBothAppendAndZeroPutsFirst() throws {
        let fixture = try ServiceFixture()
        let (id, group, action, inner) = try package(fixture)
        let last = try fixture.service.addStep(className: StepClass.group, properties: ["Name": "Last"], packageID: id, parentID: nil, index: 2, for: fixture.root)
        let appended = try fixture.service.addStep(className: StepClass.group, properties: ["Name": "Appended"], packageID: id, parentID: nil, index: -1, for: fixture.root)
        let first = try fixture.service.addStep(className: StepClass.group, properties: ["Name": "First"], packageID: id, parentID: nil, index: 0, for: fixture.root)
        #expect(try fixture.service.topLevelStepIDs(packageID: id, for: fixture.root) == [first, group, action, last, appended])
        // Among its own siblings the step counts too: count puts it last.
        try fixture.service.moveStep(first, packageID: id, toParent: nil, index: 5, for: fixture.root)
        #expect(try fixture.service.topLevelStepIDs(packageID: id, for: fixture.root) == [group, action, last, appended, first])
        try fixture.service.moveStep(action, packageID: id, toParent: group, index: 1, for: fixture.root)
        #expect(try fixture.service.childStepIDs(packageID: id, parentID: group, for: fixture.root) == [inner, action])
    }

    @Test func aMissingParentIsNamedAndAnActionIsNotAGroup() throws {
        let fixture = try ServiceFixture()
        let (id, _, action, _) = try package(fixture)
        #expect(throws: ProviderError.notFound(object: "parent group 99999 of package \(id)")) {
            try fixture.service.moveStep(action, packageID: id, toParent: 99999, index: nil, for: fixture.root)
        }
        #expect(throws: ProviderError.notFound(object: "parent group 99999 of package \(id)")) {
            try fixture.service.addStep(className: StepClass.group, properties: ["Name": "g"], packageID: id, parentID: 99999, index: nil, for: fixture.root)
        }
        let notAGroup = ProviderError.invalidArgument(name: "parent", problem: "step \(action) is an action (SMS_TaskSequence_RunCommandLineAction), not a group")
        #expect(throws: notAGroup) {
            try fixture.service.addStep(className: StepClass.group, properties: ["Name": "g"], packageID: id, parentID: action, index: nil, for: fixture.root)
        }
        #expect(throws: notAGroup) {
            try fixture.service.moveStep(action, packageID: id, toParent: action, index: nil, for: fixture.root)
        }
    }

    @Test func settingsOnAGroupSayItIsAGroup() throws {
        let fixture = try ServiceFixture()
        let (id, group, _, _) = try package(fixture)
        #expect(throws: ProviderError.invalidArgument(name: "step", problem: "step \(group) is a group: it has no settings")) {
            try fixture.service.setStepSettings(["CommandLine": "cmd"], stepID: group, packageID: id, for: fixture.root)
        }
    }

    @Test func aMissingOperatorParentIsNamedAndAnExpressionIsNotAnOperator() throws {
        let fixture = try ServiceFixture()
        let (id, _, action, _) = try package(fixture)
        #expect(throws: ProviderError.notFound(object: "parent operator 99999 of the condition of step \(action) in package \(id)")) {
            try fixture.service.addOperator("and", stepID: action, packageID: id, parentID: 99999, for: fixture.root)
        }
        let expression = try fixture.service.addExpression(
            className: ConditionClass.variable, properties: [("Operator", "equals"), ("Value", "x"), ("Variable", "V")],
            stepID: action, packageID: id, parentID: nil, for: fixture.root)
        #expect(throws: ProviderError.invalidArgument(name: "parent", problem: "operand \(expression) is an expression (\(ConditionClass.variable)), not an operator")) {
            try fixture.service.addOperator("or", stepID: action, packageID: id, parentID: expression, for: fixture.root)
        }
    }

    /// A sequence of `count` command-line steps: enough rows to need many pages.
    private func largeSequence(_ count: Int) -> Data {
        let step = #"<step type="SMS_TaskSequence_RunCommandLineAction" name="Step"><action>smsswd.exe /run: cmd /c echo padding padding padding padding</action><defaultVarList><variable name="CommandLine" property="CommandLine">cmd /c echo padding padding padding padding</variable></defaultVarList></step>"#
        return Data((#"<sequence version="3.10">"# + String(repeating: step, count: count) + "</sequence>").utf8)
    }

    /// SQLite only: the store's room is capped through `PRAGMA max_page_count`, which
    /// PostgreSQL has no twin of (a full disk there is the server's, SQLSTATE 53100).
    @Test(.enabled(if: TestStoreEngine.current == .sqlite))
    func aFullDiskIsStorageFullAndChangesNothing() throws {
        let fixture = try ServiceFixture()
        let (id, _, _, _) = try package(fixture)
        let pages = try fixture.service.store.database.read { try Int.fetchOne($0, sql: "PRAGMA page_count") ?? 0 }
        // The writer's connection may grow the file by a few pages only: SQLite answers
        // SQLITE_FULL, as it does when the disk runs out.
        try fixture.service.store.database.writeWithoutTransaction { try $0.execute(sql: "PRAGMA max_page_count = \(pages + 4)") }
        let before = try fixture.service.sequenceXML(packageID: id, for: fixture.root)
        do {
            _ = try fixture.service.importPackage(data: largeSequence(2_000), for: fixture.root)
            Issue.record("an import beyond the store's room succeeded")
        } catch ProviderError.storageFull(let detail) {
            #expect(detail.contains("SQLite code 13"), "detail: \(detail)")
        }
        try fixture.service.store.database.writeWithoutTransaction { try $0.execute(sql: "PRAGMA max_page_count = 1073741823") }
        #expect(try fixture.service.packageIDs(for: fixture.root) == [id])
        #expect(try fixture.service.sequenceXML(packageID: id, for: fixture.root) == before)
        // With room again the same import goes through.
        _ = try fixture.service.importPackage(data: largeSequence(2_000), for: fixture.root)
    }

    /// SQLite only: the store is made read-only through `PRAGMA query_only` on the writer's
    /// connection; PostgreSQL's read-only refusal is mapped in PostgresValueTests.
    @Test(.enabled(if: TestStoreEngine.current == .sqlite))
    func aReadOnlyStoreIsStorageReadOnlyAndChangesNothing() throws {
        let fixture = try ServiceFixture()
        let (id, _, action, _) = try package(fixture)
        try fixture.service.store.database.writeWithoutTransaction { try $0.execute(sql: "PRAGMA query_only = ON") }
        do {
            try fixture.service.setStepProperty("Name", to: "Renamed", stepID: action, packageID: id, for: fixture.root)
            Issue.record("a write to a read-only store succeeded")
        } catch ProviderError.storageReadOnly(let detail) {
            #expect(detail.contains("SQLite code 8"), "detail: \(detail)")
        }
        try fixture.service.store.database.writeWithoutTransaction { try $0.execute(sql: "PRAGMA query_only = OFF") }
        #expect(try fixture.service.step(action, packageID: id, for: fixture.root).name == "Outer")
    }
}
