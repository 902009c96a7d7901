import Testing
import TestSupport
import TaskSequenceModel
@testable import ProviderStore

/// A snapshot revision keeps no copy while the package is unchanged (`revisionLiveImage`); the
/// first change of any kind — a step, a variable, a condition operand, a delete, the package's
/// deletion — copies the rows as they were before it, so the revision reads back the same.
@Suite struct LiveImageTests {
    private static let packageID = "PS100001"

    /// Which first change is made after the snapshot.
    enum Change: String, CaseIterable, Sendable {
        case renameStep, changeVariables, addConditionOperand, deleteStep, insertStep, deletePackage
    }

    private func counts(revisionID: Int64, in db: StoreDatabase) throws -> (live: Int, steps: Int, variables: Int, operands: Int) {
        (try db.value(Int.self, "SELECT COUNT(*) FROM revisionLiveImage WHERE revisionID = ?", [revisionID]) ?? -1,
         try db.value(Int.self, "SELECT COUNT(*) FROM revisionStep WHERE revisionID = ?", [revisionID]) ?? -1,
         // A step image's variables are in its row's document.
         try db.values(String.self, "SELECT variables FROM revisionStep WHERE revisionID = ? AND removed = 0", [revisionID])
            .reduce(0) { $0 + (try StepVariableRow.rows(stepID: 0, document: $1).count) },
         try db.value(Int.self, "SELECT COUNT(*) FROM revisionConditionOperand WHERE revisionID = ?", [revisionID]) ?? -1)
    }

    @Test(arguments: Change.allCases, [TestStoreEngine.sqlite, .postgresql])
    func theFirstChangeCopiesTheRowsAsTheyWereBeforeIt(change: Change, engine: TestStoreEngine) throws {
        let fixture = try TemporaryStore(engine: engine)
        try fixture.addPackage(Self.packageID, sequence: Samples.rich)
        let revisionID = try fixture.store.write { db in
            var revision = RevisionRow(packageID: Self.packageID, sourceVersion: 1, uid: 0, userName: "root", time: 1, change: "import")
            try revision.insert(db)
            let id = try #require(revision.id)
            try RevisionImages.record(revisionID: id, packageID: Self.packageID, whole: true, in: db)
            return id
        }
        let stored = try fixture.store.read { db in
            let rows = try counts(revisionID: revisionID, in: db)
            #expect(rows.live == 1 && rows.steps == 0 && rows.variables == 0 && rows.operands == 0, "nothing copied yet: \(rows)")
            let image = try #require(try RevisionImages.image(revisionID: revisionID, packageID: Self.packageID, in: db))
            #expect(try image.sequence() == Samples.rich)
            return try SequenceTree.image(packageID: Self.packageID, in: db)
        }

        try fixture.store.write { db in
            let top = try SequenceTree.childStepIDs(packageID: Self.packageID, parentID: nil, in: db)
            let inGroup = try SequenceTree.childStepIDs(packageID: Self.packageID, parentID: top[0], in: db)
            switch change {
            case .renameStep:
                try SequenceTree.setAttributes(["type": "SMS_TaskSequence_Group", "name": "Renamed"], stepID: top[0], in: db)
            case .changeVariables:
                try SequenceTree.setSettings(VariableList(variables: [Variable(name: "CommandLine", property: "CommandLine", value: "cmd /c exit 0")]),
                                             actionText: "smsswd.exe /run: cmd /c exit 0", stepID: inGroup[0], in: db)
            case .addConditionOperand:
                try ConditionTree.insert(.expression(ConditionExpression(className: ConditionClass.variable, properties: ["Operator": "Exists", "Variable": "X"])),
                                         stepID: top[0], parentID: nil, in: db)
            case .deleteStep:
                try SequenceTree.delete(stepID: inGroup[1], in: db)
            case .insertStep:
                try SequenceTree.insert(Samples.runCommand("three", "cmd /c echo 3"), packageID: Self.packageID, parentID: top[0], at: nil, in: db)
            case .deletePackage:
                try PackageRow.delete(db, packageID: Self.packageID)
            }
        }

        try fixture.store.read { db in
            let rows = try counts(revisionID: revisionID, in: db)
            #expect(rows.live == 0, "the change copied the image and forgot the live marker")
            #expect(rows.steps == stored.steps.count && rows.variables == stored.variables.count && rows.operands == stored.operands.count)
            let image = try #require(try RevisionImages.image(revisionID: revisionID, packageID: Self.packageID, in: db))
            #expect(image.steps == stored.steps && image.variables == stored.variables && image.operands == stored.operands)
            #expect(try image.sequence() == Samples.rich)
        }
    }

    @Test func aNewPackageWrittenWholeCopiesNothingOfAnotherPackagesLiveImage() throws {
        let fixture = try TemporaryStore()
        try fixture.addPackage("PS100001", sequence: Samples.rich)
        try fixture.store.write { db in
            var revision = RevisionRow(packageID: "PS100001", sourceVersion: 1, uid: 0, userName: "root", time: 1, change: "import")
            try revision.insert(db)
            try RevisionImages.record(revisionID: try #require(revision.id), packageID: "PS100001", whole: true, in: db)
        }
        try fixture.addPackage("PS100002", sequence: Samples.rich)
        let (markers, copied) = try fixture.store.read { db in
            (try db.value(Int.self, "SELECT COUNT(*) FROM revisionLiveImage"), try db.value(Int.self, "SELECT COUNT(*) FROM revisionStep"))
        }
        #expect(markers == 1 && copied == 0)
    }
}
