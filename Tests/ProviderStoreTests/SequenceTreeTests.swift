import Foundation
import GRDB
import Testing
import TaskSequenceModel
@testable import ProviderStore
import TestSupport

/// A store in a fresh temporary directory, removed when the test ends.
final class TemporaryStore {
    let directory: URL
    let store: ProviderStore

    /// A fresh store on the engine the suites run on, or on `engine` for checks of one engine's
    /// own schema.
    init(engine: TestStoreEngine = .current) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tsp-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try TestStores.makeStore(engine: engine)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func addPackage(_ id: String = "PS100001", sequence: TaskSequence) throws {
        try store.write { db in
            var properties = PackageProperties()
            properties.packageID = id
            properties.name = "Package \(id)"
            try PackageRow(properties: properties).insert(db)
            try SequenceTree.replace(packageID: id, with: sequence, in: db)
        }
    }
}

enum Samples {
    static func runCommand(_ name: String, _ commandLine: String) -> Step {
        Step.action(
            className: "SMS_TaskSequence_RunCommandLineAction", name: name, commandLine: "smsswd.exe /run: \(commandLine)",
            variables: [Variable(name: "CommandLine", property: "CommandLine", value: commandLine, hidden: true)]
        )
    }

    /// A sequence with everything the store must keep: MDT's global variables, foreign markup
    /// between steps, an empty MDT `<action/>` in a group, nested operators, untyped steps.
    static var rich: TaskSequence {
        var group = Step.group(name: "Install", steps: [runCommand("one", "cmd /c echo 1"), runCommand("two", "cmd /c echo 2")])
        group.children.insert(.action(ActionElement()), at: 0)
        group.condition = Condition(operands: [
            .expression(ConditionExpression(className: ConditionClass.variable, properties: ["Operator": "Equals", "Value": "false", "Variable": "_SMSTSInWinPE"])),
            .operator(ConditionOperator("not", [
                .expression(ConditionExpression(className: ConditionClass.wmi, properties: ["Namespace": "root\\cimv2", "Query": "SELECT * FROM Win32_Battery"])),
                .operator(ConditionOperator("or", [.foreign(.comment("kept"))])),
            ])),
        ])
        var untyped = Step(kind: .step, attributes: ["name": "Next Phase", "disable": "false", "continueOnError": "false", "successCodeList": "0 3010"])
        untyped.children = [.action(ActionElement(text: "cscript.exe \"%SCRIPTROOT%\\ZTINextPhase.wsf\"")), .variables(VariableList(variables: []))]
        return TaskSequence(attributes: ["version": "3.00", "name": "MDT", "description": "d"], children: [
            .variables(VariableList(kind: .globals, variables: [Variable(name: "OSGUID", value: "{x}")])),
            .step(group),
            .foreign(.element(MarkupElement(name: "mdtExtra", attributes: ["a": "1"], children: [.text("x")]))),
            .step(untyped),
            .step(Step.group(name: "empty")),
        ])
    }
}

@Suite struct SequenceTreeTests {
    @Test func aSequenceComesBackExactlyAsStored() throws {
        let fixture = try TemporaryStore()
        try fixture.addPackage(sequence: Samples.rich)
        let loaded = try fixture.store.read { try SequenceTree.load(packageID: "PS100001", in: $0) }
        #expect(loaded == Samples.rich)
    }

    /// Variables and condition properties go in multi-row INSERTs of up to 64 rows: more than
    /// one statement's worth come back complete and in order.
    @Test func manyVariablesAndConditionPropertiesComeBackInOrder() throws {
        let count = 150
        let step = Step.action(
            className: "SMS_TaskSequence_RunCommandLineAction", name: "Many", commandLine: "smsswd.exe /run: cmd /c exit 0",
            variables: (0..<count).map { Variable(name: "V\($0)", property: "P\($0)", value: "value \($0)", hidden: false) })
        let expression = ConditionExpression(
            attributes: ["type": "SMS_TaskSequence_VariableConditionExpression"],
            entries: (0..<count).map { .variable(Variable(attributes: ["name": "Property\($0)"], value: "\($0)")) })
        var group = Step.group(name: "Held", description: "", steps: [step])
        group.children.insert(.condition(Condition(operands: [.expression(expression)])), at: 0)
        let sequence = TaskSequence(schemaVersion: "3.10", steps: [group])
        let fixture = try TemporaryStore()
        try fixture.addPackage(sequence: sequence)
        let loaded = try fixture.store.read { try SequenceTree.load(packageID: "PS100001", in: $0) }
        #expect(loaded == sequence)
    }

    @Test func replacingASequenceRemovesTheOldRows() throws {
        let fixture = try TemporaryStore()
        try fixture.addPackage(sequence: Samples.rich)
        let small = TaskSequence(schemaVersion: "3.10", steps: [Samples.runCommand("only", "x")])
        try fixture.store.write { try SequenceTree.replace(packageID: "PS100001", with: small, in: $0) }
        let counts = try fixture.store.read { db in
            (try db.count("step"), try StepVariableRow.rows(of: StepRow.fetchAll(db, packageID: "PS100001")).count, try db.count("conditionOperand"))
        }
        #expect(counts.0 == 1 && counts.1 == 1 && counts.2 == 0)
        #expect(try fixture.store.read { try SequenceTree.load(packageID: "PS100001", in: $0) } == small)
    }

    @Test func insertMoveAndDeleteKeepStepIDsAndOtherChildren() throws {
        let fixture = try TemporaryStore()
        try fixture.addPackage(sequence: Samples.rich)
        try fixture.store.write { db in
            let top = try SequenceTree.childStepIDs(packageID: "PS100001", parentID: nil, in: db)
            #expect(top.count == 3)
            let group = top[0]
            let inside = try SequenceTree.childStepIDs(packageID: "PS100001", parentID: group, in: db)
            // Insert at the front of the group: the group's condition and MDT action stay first.
            let new = try SequenceTree.insert(Samples.runCommand("zero", "x"), packageID: "PS100001", parentID: group, at: 0, in: db)
            #expect(try SequenceTree.childStepIDs(packageID: "PS100001", parentID: group, in: db) == [new] + inside)
            // Move the untyped step into the group, between "zero" and "one": its ID is kept.
            try SequenceTree.move(stepID: top[1], toParent: group, at: 1, in: db)
            #expect(try SequenceTree.childStepIDs(packageID: "PS100001", parentID: group, in: db) == [new, top[1]] + inside)
            try SequenceTree.delete(stepID: inside[0], in: db)
        }
        let loaded = try fixture.store.read { try SequenceTree.load(packageID: "PS100001", in: $0) }
        var expected = Samples.rich
        var group = expected.steps[0]
        let moved = expected.steps[1]
        group.removeStep(at: 0)
        group.insertStep(moved, at: 0)
        group.insertStep(Samples.runCommand("zero", "x"), at: 0)
        expected.children = [expected.children[0], .step(group), expected.children[2], expected.children[4]]
        #expect(loaded == expected)
    }

    @Test func aGroupCannotMoveIntoItselfAndStepsHoldNoChildren() throws {
        let fixture = try TemporaryStore()
        let inner = Step.group(name: "inner")
        try fixture.addPackage(sequence: TaskSequence(schemaVersion: "3.10", steps: [.group(name: "outer", steps: [inner]), Samples.runCommand("a", "b")]))
        try fixture.store.write { db in
            let top = try SequenceTree.childStepIDs(packageID: "PS100001", parentID: nil, in: db)
            let innerID = try SequenceTree.childStepIDs(packageID: "PS100001", parentID: top[0], in: db)[0]
            #expect(throws: StoreError.wouldCreateCycle(step: top[0], parent: innerID)) {
                try SequenceTree.move(stepID: top[0], toParent: innerID, at: nil, in: db)
            }
            #expect(throws: StoreError.self) { try SequenceTree.insert(inner, packageID: "PS100001", parentID: top[1], at: nil, in: db) }
            #expect(throws: StoreError.stepNotFound(999)) { try SequenceTree.delete(stepID: 999, in: db) }
        }
    }

    @Test func manyInsertsAtTheSameSlotRenumberWithoutLosingOrder() throws {
        let fixture = try TemporaryStore()
        try fixture.addPackage(sequence: TaskSequence(schemaVersion: "3.10", steps: [Samples.runCommand("first", "a"), Samples.runCommand("last", "b")]))
        try fixture.store.write { db in
            for number in 0..<40 {
                try SequenceTree.insert(Samples.runCommand("n\(number)", "x"), packageID: "PS100001", parentID: nil, at: 1, in: db)
            }
        }
        let names = try fixture.store.read { try SequenceTree.load(packageID: "PS100001", in: $0) }.steps.map(\.name)
        #expect(names == ["first"] + (0..<40).reversed().map { "n\($0)" } + ["last"])
    }

    @Test func settingsAndAttributesChangeOneStepInPlace() throws {
        let fixture = try TemporaryStore()
        try fixture.addPackage(sequence: Samples.rich)
        try fixture.store.write { db in
            let group = try SequenceTree.childStepIDs(packageID: "PS100001", parentID: nil, in: db)[0]
            let step = try SequenceTree.childStepIDs(packageID: "PS100001", parentID: group, in: db)[0]
            var attributes = try #require(try StepRow.fetchOne(db, id: step)).attributeList()
            attributes["name"] = "renamed"
            attributes.setFlag("continueOnError", true)
            try SequenceTree.setAttributes(attributes, stepID: step, in: db)
            var list = try #require(try SequenceTree.loadStep(id: step, in: db).variables)
            list.setValue("powershell.exe -File x.ps1", forProperty: "CommandLine")
            try SequenceTree.setSettings(list, actionText: "smsswd.exe /run: powershell.exe -File x.ps1", stepID: step, in: db)
            let row = try #require(try StepRow.fetchOne(db, id: step))
            #expect(row.name == "renamed" && row.continueOnError)
            let loaded = try SequenceTree.loadStep(id: step, in: db)
            #expect(loaded.setting("commandline") == "powershell.exe -File x.ps1")
            #expect(loaded.actionCommandLine == "smsswd.exe /run: powershell.exe -File x.ps1")
        }
    }
}
