import Foundation
import GRDB
import Testing
import TaskSequenceModel
@testable import ProviderStore

/// Revision images in the store: the migration makes stores written before it readable from
/// their latest revision on, deltas hold only touched steps, and a delta read back equals the
/// rows it was taken from.
@Suite struct RevisionImagesTests {
    /// What the store written before history-v5 holds: a step with two variables.
    static let oldStoreSequence: TaskSequence = {
        var run = Samples.runCommand("one", "cmd /c echo 1")
        if let index = run.children.firstIndex(where: { if case .variables = $0 { true } else { false } }),
           case .variables(var list) = run.children[index] {
            list.entries.append(.variable(Variable(name: "SuccessCodes", property: "SuccessCodes", value: "second")))
            run.children[index] = .variables(list)
        }
        return TaskSequence(schemaVersion: "3.10", steps: [Step.group(name: "Prepare"), run])
    }()

    static let sequence = TaskSequence(schemaVersion: "3.10", steps: [
        Step.group(name: "Prepare"),
        Step(kind: .step, attributes: ["type": "SMS_TaskSequence_RebootAction", "name": "Restart"]),
    ])

    private func insertPackage(_ id: String, in db: StoreDatabase) throws {
        var properties = PackageProperties()
        properties.packageID = id
        properties.name = "Package \(id)"
        properties.sourceVersion = 1
        try PackageRow(properties: properties).insert(db)
        try SequenceTree.replace(packageID: id, with: Self.sequence, in: db)
    }

    /// Writes `sequence`'s top-level steps as a store before v10 held them: step rows without
    /// `variables`, each variable a `stepVariable` row.
    private func insertPackageAsBeforeV10(_ id: String, sequence: TaskSequence, in db: Database) throws {
        var properties = PackageProperties()
        properties.packageID = id
        properties.name = "Package \(id)"
        properties.sourceVersion = 1
        try PackageRow(properties: properties).insert(db)
        let top = StepContent(children: sequence.children)
        try db.run("UPDATE package SET layout = ? WHERE packageID = ?", [try JSONColumn.encode(top.layout), id])
        let columns = StepRow.Columns.allCases.filter { $0 != .id && $0 != .variables }.map(\.rawValue)
        for (index, step) in top.childSteps.enumerated() {
            let content = StepContent(children: step.children)
            let row = try StepRow(step: step, packageID: id, parentID: nil, position: Int64(index + 1) * SequenceTree.positionGap,
                                  layout: content.layout, variables: [], contributesFacts: StepRow.contributesFacts(step))
            try db.run("INSERT INTO step (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))",
                       SQLArguments(Array(row.valuesWithoutID.dropLast())))
            let stepID = db.lastInsertedRowID
            for (position, entry) in content.variables.enumerated() {
                let variable = try StepVariableRow(stepID: stepID, position: Int64(position), entry: entry)
                try db.run("""
                    INSERT INTO stepVariable (stepID, position, name, property, value, attributes, "foreign") VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, [stepID, variable.position, variable.name, variable.property, variable.value, variable.attributes, variable.foreign])
            }
        }
    }

    @Test func theMigrationSnapshotsEveryExistingPackageAtItsLatestRevision() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tsp-history-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("store.sqlite").path
        // A store as the release before history-v5 left it: a package, its steps, two revisions.
        do {
            let queue = try DatabaseQueue(path: path)
            try StoreSchema.migrator.migrate(queue, upTo: "v4-import-warnings")
            try queue.write { db in
                try insertPackageAsBeforeV10("PS100001", sequence: Self.oldStoreSequence, in: db)
                var first = RevisionRow(packageID: "PS100001", sourceVersion: 1, uid: 0, userName: "root", time: 1, change: "import (sequence)", xml: "<sequence/>")
                try first.insert(db)
                var second = RevisionRow(packageID: "PS100001", sourceVersion: 1, uid: 0, userName: "root", time: 2, change: "set Description")
                try second.insert(db)
            }
        }
        let store = try ProviderStore(path: path)
        try store.read { db in
            let history = try RevisionRow.history(packageID: "PS100001", in: db)
            #expect(history.map(\.readable) == [false, true])
            let latest = try #require(history.last?.row.id)
            let image = try #require(try RevisionImages.image(revisionID: latest, packageID: "PS100001", in: db))
            #expect(try image.sequence() == SequenceTree.load(packageID: "PS100001", in: db))
            // v10 moved the variables into the step rows and the step images, in order.
            #expect(try SequenceTree.load(packageID: "PS100001", in: db) == Self.oldStoreSequence)
            #expect(try StepVariableRow.rows(of: StepRow.fetchAll(db, packageID: "PS100001")).map(\.value) == ["cmd /c echo 1", "second"])
            #expect(image.properties.name == "Package PS100001")
            let oldest = try #require(history.first?.row.id)
            #expect(try RevisionRow.xml(revisionID: oldest, in: db) == "<sequence/>")
            #expect(try db.value(Int.self, "SELECT COUNT(*) FROM revisionTouchedStep") == 0)
        }
    }

    @Test func aDeltaHoldsOnlyTheTouchedStepAndReadsBackExactly() throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        try store.write { db in
            try insertPackage("PS100001", in: db)
            try insertPackage("PS100002", in: db)
            var first = RevisionRow(packageID: "PS100001", sourceVersion: 1, uid: 0, userName: "root", time: 1, change: "import")
            try first.insert(db)
            try RevisionImages.record(revisionID: try #require(first.id), packageID: "PS100001", whole: true, in: db)
            let ids = try SequenceTree.childStepIDs(packageID: "PS100001", parentID: nil, in: db)
            try SequenceTree.setAttributes(["type": "SMS_TaskSequence_RebootAction", "name": "Restart now"], stepID: ids[1], in: db)
            var second = RevisionRow(packageID: "PS100001", sourceVersion: 2, uid: 0, userName: "root", time: 2, change: "step renamed")
            try second.insert(db)
            let revision = try #require(second.id)
            try RevisionImages.record(revisionID: revision, packageID: "PS100001", whole: false, in: db)

            #expect(try db.values(Int64.self, "SELECT id FROM revisionStep WHERE revisionID = ?", [revision]) == [ids[1]])
            let image = try #require(try RevisionImages.image(revisionID: revision, packageID: "PS100001", in: db))
            let live = try SequenceTree.image(packageID: "PS100001", in: db)
            #expect(image.steps == live.steps && image.variables == live.variables && image.operands == live.operands)
            #expect(try image.sequence() == SequenceTree.load(packageID: "PS100001", in: db))
            let firstID = try #require(first.id)
            let before = try #require(try RevisionImages.image(revisionID: firstID, packageID: "PS100001", in: db))
            #expect(try before.sequence() == Self.sequence)
            #expect(before.stepIDs() == live.stepIDs())
        }
    }

    @Test func aStepRemovedInADeltaIsGoneFromThatRevisionOnAndKeptBefore() throws {
        let fixture = try TemporaryStore()
        try fixture.store.write { db in
            try insertPackage("PS100001", in: db)
            var first = RevisionRow(packageID: "PS100001", sourceVersion: 1, uid: 0, userName: "root", time: 1, change: "import")
            try first.insert(db)
            let firstID = try #require(first.id)
            try RevisionImages.record(revisionID: firstID, packageID: "PS100001", whole: true, in: db)
            let ids = try SequenceTree.childStepIDs(packageID: "PS100001", parentID: nil, in: db)
            try SequenceTree.delete(stepID: ids[1], in: db)
            var second = RevisionRow(packageID: "PS100001", sourceVersion: 2, uid: 0, userName: "root", time: 2, change: "removeStep")
            try second.insert(db)
            let secondID = try #require(second.id)
            try RevisionImages.record(revisionID: secondID, packageID: "PS100001", whole: false, in: db)

            let after = try #require(try RevisionImages.image(revisionID: secondID, packageID: "PS100001", in: db))
            #expect(after.steps.map(\.id) == [ids[0]])
            #expect(try after.sequence() == SequenceTree.load(packageID: "PS100001", in: db))
            let before = try #require(try RevisionImages.image(revisionID: firstID, packageID: "PS100001", in: db))
            #expect(before.steps.map(\.id) == [ids[0], ids[1]])
            #expect(try before.sequence() == Self.sequence)
        }
    }
}
