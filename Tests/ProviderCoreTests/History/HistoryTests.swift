import Foundation
import Testing
import ProviderCore
import ProviderStore
import TaskSequenceModel
import TaskSequenceXML
import TestSupport

/// Revisions: every change is one, each reads back exactly (sequence, properties, step IDs),
/// whole-sequence writes keep step IDs, rollback, retention.
@Suite struct HistoryTests {
    static let corpusFile = "DeploymentResearch__DRFiles__Misc__Windows10UpgradeTS.zip__SMS_TaskSequencePackage__PS10000E__object.xml"
    let alice = Caller(uid: 0, groupIDs: [0], userName: "alice")
    let bob = Caller(uid: 0, groupIDs: [0], userName: "bob")

    private func importCorpus(_ fixture: ServiceFixture) throws -> String {
        try fixture.service.importPackage(data: Fixtures.data(Self.corpusFile), for: fixture.root)
    }

    /// The sequence as GetSequence gives it, with the step at `path` renamed.
    private func renamed(_ xml: String, at path: [Int], to name: String) throws -> String {
        var sequence = try TaskSequenceReader().sequence(fromXML: xml)
        sequence.updateEachStep { stepPath, step in
            if stepPath.indices == path { step.attributes["name"] = name }
        }
        return try TaskSequenceWriter(form: .export).sequenceXML(sequence)
    }

    @Test func aRoundTripThatRenamesOneStepKeepsEveryStepIDAndRecordsOneStep() throws {
        let fixture = try ServiceFixture()
        let recorder = EventRecorder()
        fixture.service.addObserver(recorder)
        let id = try importCorpus(fixture)
        let before = try fixture.service.snapshot(of: id, at: nil, for: fixture.root)
        #expect(before.stepIDs.count > 10)
        let target = try #require(before.stepIDs.keys.sorted { $0.description < $1.description }.first { $0.components.count == 2 })
        let xml = try fixture.service.sequenceXML(packageID: id, for: fixture.root)
        let recorded = recorder.events.count

        let version = try fixture.service.setSequence(packageID: id, xml: try renamed(xml, at: target.indices, to: "Renamed by a round trip"),
                                                      expectedSourceVersion: before.sourceVersion, for: alice)

        let after = try fixture.service.snapshot(of: id, at: nil, for: fixture.root)
        #expect(after.stepIDs == before.stepIDs)
        let stepID = try #require(before.stepIDs[target])
        #expect(after.sequence.step(at: target.indices)?.name == "Renamed by a round trip")
        let history = try fixture.service.history(of: id, for: fixture.root)
        #expect(history.last?.summary == "step \(stepID) renamed")
        #expect(history.last?.sourceVersion == version)
        let stepEvents = recorder.events.dropFirst(recorded).filter { if case .step = $0.object { true } else { false } }
        #expect(stepEvents.map(\.kind) == [.modified])
        #expect(stepEvents.first?.object == .step(packageID: id, stepID: stepID))
        // The revision holds the image of that one step only.
        let images = try fixture.service.store.read { db in
            try db.value(Int.self, "SELECT COUNT(*) FROM revisionStep WHERE revisionID = (SELECT MAX(id) FROM revision WHERE packageID = ?)", [id])
        }
        #expect(images == 1)
    }

    @Test func setSequenceGivesNewIDsOnlyToNewStepsAndReportsEachStep() throws {
        let fixture = try ServiceFixture()
        let recorder = EventRecorder()
        fixture.service.addObserver(recorder)
        let id = try importCorpus(fixture)
        let before = try fixture.service.snapshot(of: id, at: nil, for: fixture.root)
        var sequence = before.sequence
        // Delete the last top-level step and append a new one.
        let topLevel = sequence.steps
        let removedPath = StepPath([StepPath.Component(kind: topLevel[topLevel.count - 1].kind, index: topLevel.count - 1)])
        let removedIDs = before.stepIDs.filter { $0.key.components.first == removedPath.components.first }.map(\.value)
        var steps = topLevel
        steps.removeLast()
        steps.append(Step(kind: .step, attributes: ["type": "SMS_TaskSequence_RunCommandLineAction", "name": "Added"],
                          children: [.action(ActionElement(text: "cmd /c exit 0")),
                                     .variables(VariableList(kind: .defaults, entries: [.variable(Variable(name: "CommandLine", property: "CommandLine", value: "cmd /c exit 0"))]))]))
        sequence.steps = steps
        let recorded = recorder.events.count
        _ = try fixture.service.setSequence(packageID: id, xml: try TaskSequenceWriter(form: .export).sequenceXML(sequence), expectedSourceVersion: 0, for: alice)

        let after = try fixture.service.snapshot(of: id, at: nil, for: fixture.root)
        for (path, stepID) in before.stepIDs where !removedIDs.contains(stepID) {
            #expect(after.stepIDs[path] == stepID, "step at \(path) lost its ID")
        }
        let added = try #require(after.stepIDs[StepPath([StepPath.Component(kind: .step, index: steps.count - 1)])])
        #expect(!before.stepIDs.values.contains(added))
        let stepEvents = recorder.events.dropFirst(recorded).filter { if case .step = $0.object { true } else { false } }
        #expect(Set(stepEvents.filter { $0.kind == .deleted }.map(\.object)) == Set(removedIDs.map { ObjectReference.step(packageID: id, stepID: $0) }))
        #expect(stepEvents.filter { $0.kind == .created }.map(\.object) == [.step(packageID: id, stepID: added)])
        #expect(stepEvents.filter { $0.kind == .modified }.isEmpty)
    }

    @Test func threeEditsGiveFourRevisionsEachReadableExactly() throws {
        let fixture = try ServiceFixture()
        let id = try importCorpus(fixture)
        let imported = try fixture.service.export(packageID: id, format: .package, for: fixture.root)
        var snapshots = [try fixture.service.snapshot(of: id, at: nil, for: fixture.root)]
        let stepID = try #require(snapshots[0].stepIDs.values.min())
        try fixture.service.setStepProperty("Name", to: "First edit", stepID: stepID, packageID: id, for: alice)
        snapshots.append(try fixture.service.snapshot(of: id, at: nil, for: fixture.root))
        let unconditioned = snapshots[0].stepIDs.filter { snapshots[0].sequence.step(at: $0.key.indices)?.condition == nil }
        let other = try #require(unconditioned.values.filter { $0 != stepID }.max())
        _ = try fixture.service.addExpression(className: "SMS_TaskSequence_VariableConditionExpression",
                                              properties: [("Variable", "_SMSTSInWinPE"), ("Operator", "equals"), ("Value", "false")],
                                              stepID: other, packageID: id, parentID: nil, for: bob)
        snapshots.append(try fixture.service.snapshot(of: id, at: nil, for: fixture.root))
        try fixture.service.updatePackage(id, for: alice) { $0.description = "Third edit" }
        snapshots.append(try fixture.service.snapshot(of: id, at: nil, for: fixture.root))

        let history = try fixture.service.history(of: id, for: fixture.root)
        #expect(history.map(\.sourceVersion) == [1, 2, 3, 4])
        #expect(history.map(\.userName) == ["root", "alice", "bob", "alice"])
        #expect(history.dropFirst().map(\.summary) == ["step \(stepID) renamed", "condition added to step \(other)", "set Description"])
        #expect(history.allSatisfy { $0.isReadable })
        for (index, expected) in snapshots.enumerated() {
            let read = try fixture.service.snapshot(of: id, at: UInt32(index + 1), for: fixture.root)
            #expect(read.sequence == expected.sequence, "sequence of revision \(index + 1)")
            #expect(read.properties == expected.properties, "properties of revision \(index + 1)")
            #expect(read.stepIDs == expected.stepIDs, "step IDs of revision \(index + 1)")
        }
        #expect(try fixture.service.export(packageID: id, at: 1, format: .package, for: fixture.root) == imported)
    }

    @Test func rollbackToTheImportGivesItsXMLAgainAsANewRevisionWithTheSameStepIDs() throws {
        let fixture = try ServiceFixture()
        let recorder = EventRecorder()
        fixture.service.addObserver(recorder)
        let id = try importCorpus(fixture)
        let imported = try fixture.service.sequenceXML(packageID: id, for: fixture.root)
        let original = try fixture.service.snapshot(of: id, at: nil, for: fixture.root)
        let first = try #require(original.stepIDs.values.min())
        try fixture.service.setStepProperty("Name", to: "Changed", stepID: first, packageID: id, for: alice)
        try fixture.service.deleteStep(try #require(original.stepIDs.values.max()), packageID: id, for: alice)
        try fixture.service.updatePackage(id, for: alice) { $0.name = "Changed name" }
        let recorded = recorder.events.count

        let version = try fixture.service.rollback(packageID: id, to: 1, expectedSourceVersion: 4, for: bob)

        #expect(version == 5)
        #expect(try fixture.service.sequenceXML(packageID: id, for: fixture.root) == imported)
        let now = try fixture.service.snapshot(of: id, at: nil, for: fixture.root)
        #expect(now.stepIDs == original.stepIDs)
        #expect(now.properties.name == original.properties.name)
        let last = try #require(try fixture.service.history(of: id, for: fixture.root).last)
        #expect(last.summary == "rolled back to 1")
        #expect(last.userName == "bob")
        let events = recorder.events.dropFirst(recorded)
        #expect(events.contains { $0.kind == .created && $0.object == .step(packageID: id, stepID: original.stepIDs.values.max() ?? 0) })
        #expect(events.contains { $0.kind == .modified && $0.object == .step(packageID: id, stepID: first) })
        #expect(events.contains { $0.kind == .modified && $0.object == .package(id) && $0.changedProperties.contains("Name") })
    }

    @Test func referencesReadBackAsEachRevisionHadThem() throws {
        let fixture = try ServiceFixture()
        let id = try importCorpus(fixture)
        let imported = try fixture.service.snapshot(of: id, at: nil, for: fixture.root)
        #expect(!imported.properties.references.isEmpty)
        let upgrades = imported.stepIDs.filter { imported.sequence.step(at: $0.key.indices)?.setting("InstallPackageID") != nil }.map(\.value).sorted()
        let first = try #require(upgrades.first)
        try fixture.service.setStepProperty("Description", to: "unrelated", stepID: first, packageID: id, for: alice)
        for upgrade in upgrades { try fixture.service.deleteStep(upgrade, packageID: id, for: alice) }
        let after = try fixture.service.package(id, for: fixture.root)
        #expect(after.references != imported.properties.references)

        #expect(try fixture.service.snapshot(of: id, at: 1, for: fixture.root).properties == imported.properties)
        #expect(try fixture.service.snapshot(of: id, at: 2, for: fixture.root).properties.references == imported.properties.references)
        #expect(try fixture.service.snapshot(of: id, at: after.sourceVersion, for: fixture.root).properties == after)
        // The edit that left References alone stored none; a delete that changed them stored the new list.
        let stored = try fixture.service.store.read { db in
            try db.rows(#"SELECT "references" FROM revisionPackage WHERE packageID = ? ORDER BY revisionID"#, [id]).map { try $0.decode(at: 0, as: String?.self) }
        }
        #expect(stored.first.map { $0 != nil } == true)
        #expect(stored.dropFirst().first.map { $0 == nil } == true)
        #expect(stored.dropFirst(2).contains { $0 != nil })
        _ = try fixture.service.rollback(packageID: id, to: 1, for: bob)
        #expect(try fixture.service.package(id, for: fixture.root).references == imported.properties.references)
    }

    @Test func rightsChangesOnAPackageAreInItsHistoryAtItsSourceVersion() throws {
        let fixture = try ServiceFixture(knownPrincipals: ["carol"])
        let id = try importCorpus(fixture)
        let before = try fixture.service.snapshot(of: id, at: nil, for: fixture.root)
        let entry = PermissionEntry(userName: "carol", objectKey: SecuredClass.taskSequencePackage.objectKey, instanceKey: id, rights: [.read])
        let reference = try fixture.service.setPermission(entry, for: alice)
        try fixture.service.changeRights(of: reference, to: [.read, .modify], for: alice)

        let history = try fixture.service.history(of: id, for: fixture.root)
        #expect(history.map(\.sourceVersion) == [1, 1, 1])
        #expect(history.dropFirst().map(\.summary) == ["rights: carol: Read on SMS_TaskSequencePackage \(id) (was none)",
                                                         "rights: carol: Read|Modify on SMS_TaskSequencePackage \(id) (was Read)"])
        #expect(history.dropFirst().allSatisfy { $0.userName == "alice" && $0.isReadable })
        let read = try fixture.service.snapshot(of: id, at: 1, for: fixture.root)
        #expect(read.sequence == before.sequence && read.stepIDs == before.stepIDs)
    }

    @Test func rollbackNeedsModifyAndAFreshSourceVersion() throws {
        let fixture = try ServiceFixture()
        let id = try importCorpus(fixture)
        try fixture.service.updatePackage(id, for: alice) { $0.description = "changed" }
        #expect(throws: ProviderError.conflict(expected: 1, actual: 2)) {
            try fixture.service.rollback(packageID: id, to: 1, expectedSourceVersion: 1, for: fixture.root)
        }
        #expect(throws: ProviderError.accessDenied(right: "superuser", object: "org.tsprovider.Provider1 (only administrators may use the provider)")) {
            try fixture.service.rollback(packageID: id, to: 1, for: fixture.stranger)
        }
        #expect(throws: ProviderError.notFound(object: "revision 9 of SMS_TaskSequencePackage.PackageID=\"\(id)\"")) {
            try fixture.service.rollback(packageID: id, to: 9, for: fixture.root)
        }
        #expect(try fixture.service.history(of: id, for: fixture.root).count == 2)
    }

    @Test func manyEditsTakeSnapshotsNowAndThenAndEveryRevisionStillReadsBack() throws {
        let fixture = try ServiceFixture()
        var properties = PackageProperties()
        properties.name = "small"
        let id = try fixture.service.createPackage(properties, for: fixture.root)
        var stepIDs: [Int64] = []
        for index in 0..<4 {
            stepIDs.append(try fixture.service.insertStep(Step(kind: .group, attributes: ["name": "Group \(index)"]),
                                                          packageID: id, parentID: nil, index: nil, for: fixture.root))
        }
        var expected: [UInt32: PackageSnapshot] = [:]
        for round in 0..<60 {
            try fixture.service.setStepProperty("Description", to: "round \(round)", stepID: stepIDs[round % 4], packageID: id, for: fixture.root)
            let snapshot = try fixture.service.snapshot(of: id, at: nil, for: fixture.root)
            expected[snapshot.sourceVersion] = snapshot
        }
        let snapshots = try fixture.service.store.read { db in
            try db.value(Int.self, "SELECT COUNT(*) FROM revisionPackage WHERE packageID = ? AND isSnapshot = 1", [id]) ?? 0
        }
        // The creation is a snapshot; then a delta per change (4 inserts, 60 edits, one step
        // each), and a snapshot instead once deltas have written 32 step images (the floor).
        #expect(snapshots == 1 + (4 + 60) / 32)
        for (version, snapshot) in expected {
            let read = try fixture.service.snapshot(of: id, at: version, for: fixture.root)
            #expect(read.sequence == snapshot.sequence && read.stepIDs == snapshot.stepIDs && read.properties == snapshot.properties, "revision \(version)")
        }
    }
}
