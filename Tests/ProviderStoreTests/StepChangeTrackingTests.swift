import Testing
import TestSupport
import TaskSequenceModel
@testable import ProviderStore

/// Every writer of a package's step rows notes exactly the steps whose row, variables or
/// condition operands it changed — created and deleted ones included — which is what the next
/// revision's delta images (`StepChangeTracking`; row triggers did it before v9).
@Suite struct StepChangeTrackingTests {
    private static let packageID = "PS100001"

    /// One write of each kind the Tree layer offers.
    enum Write: String, CaseIterable, Sendable {
        case renameStep, changeSettings, insertFirstInGroup, appendAtTop, moveOutOfGroup, deleteStep, deleteGroup
        case addOperand, updateOperand, deleteOperand, removeCondition, replaceSequence, applyChangedSequence
    }

    /// The steps whose row, variables or operands differ between two images, by ID.
    private func changedSteps(from before: PackageImage, to after: PackageImage) -> Set<Int64> {
        func parts(_ image: PackageImage) -> [Int64: String] {
            var parts: [Int64: String] = [:]
            for row in image.steps { if let id = row.id { parts[id, default: ""] += "\(row)" } }
            for row in image.variables { parts[row.stepID, default: ""] += "\(row)" }
            for row in image.operands { parts[row.stepID, default: ""] += "\(row)" }
            return parts
        }
        let old = parts(before), new = parts(after)
        return Set(old.keys).union(new.keys).filter { old[$0] != new[$0] }
    }

    private func write(_ write: Write, in db: StoreDatabase) throws {
        let packageID = Self.packageID
        let top = try SequenceTree.childStepIDs(packageID: packageID, parentID: nil, in: db)
        let inGroup = try SequenceTree.childStepIDs(packageID: packageID, parentID: top[0], in: db)
        let operands = try ConditionTree.operandRows(stepID: top[0], parentID: nil, in: db).compactMap(\.id)
        switch write {
        case .renameStep:
            try SequenceTree.setAttributes(["type": "SMS_TaskSequence_RunCommandLineAction", "name": "Renamed"], stepID: inGroup[1], in: db)
        case .changeSettings:
            try SequenceTree.setSettings(VariableList(variables: [Variable(name: "CommandLine", property: "CommandLine", value: "cmd /c exit 0")]),
                                         actionText: "smsswd.exe /run: cmd /c exit 0", stepID: inGroup[0], in: db)
        case .insertFirstInGroup:
            try SequenceTree.insert(Step.group(name: "inner", steps: [Samples.runCommand("deep", "cmd /c echo d")]),
                                    packageID: packageID, parentID: top[0], at: 0, in: db)
        case .appendAtTop:
            try SequenceTree.insert(Samples.runCommand("last", "cmd /c echo 9"), packageID: packageID, parentID: nil, at: nil, in: db)
        case .moveOutOfGroup:
            try SequenceTree.move(stepID: inGroup[1], toParent: nil, at: 0, in: db)
        case .deleteStep:
            try SequenceTree.delete(stepID: inGroup[0], in: db)
        case .deleteGroup:
            try SequenceTree.delete(stepID: top[0], in: db)
        case .addOperand:
            try ConditionTree.insert(.expression(ConditionExpression(className: ConditionClass.variable, properties: ["Operator": "Exists", "Variable": "X"])),
                                     stepID: top[0], parentID: nil, at: 0, in: db)
        case .updateOperand:
            try ConditionTree.update(operandID: operands[0], stepID: top[0], attributes: ["type": ConditionClass.variable],
                                     entries: [.variable(Variable(name: "Variable", value: "Y"))], in: db)
        case .deleteOperand:
            try ConditionTree.delete(operandID: operands[1], stepID: top[0], in: db)
        case .removeCondition:
            try ConditionTree.replace(stepID: top[0], with: nil, in: db)
        case .replaceSequence:
            try SequenceTree.replace(packageID: packageID, with: TaskSequence(schemaVersion: "3.10", steps: [Samples.runCommand("only", "cmd /c echo 0")]), in: db)
        case .applyChangedSequence:
            let image = try SequenceTree.image(packageID: packageID, in: db)
            var sequence = try image.sequence()
            var ids = image.stepIDs()
            // The group's second step goes, the untyped step is renamed, a new step comes last.
            guard case .step(var group) = sequence.children[1] else { throw StoreError.corrupt("no group in the sample") }
            group.children.removeAll { if case .step(let step) = $0 { step.name == "two" } else { false } }
            sequence.children[1] = .step(group)
            guard case .step(var untyped) = sequence.children[3] else { throw StoreError.corrupt("no untyped step in the sample") }
            untyped.attributes["name"] = "Renamed"
            sequence.children[3] = .step(untyped)
            sequence.children.append(.step(Samples.runCommand("new", "cmd /c echo n")))
            ids = ids.filter { $0.value != inGroup[1] }
            _ = try SequenceTree.apply(sequence, ids: ids, packageID: packageID, in: db)
        }
    }

    @Test(arguments: Write.allCases, [TestStoreEngine.sqlite, .postgresql])
    func eachWriteNotesExactlyTheStepsItChanged(write: Write, engine: TestStoreEngine) throws {
        let fixture = try TemporaryStore(engine: engine)
        try fixture.addPackage(Self.packageID, sequence: Samples.rich)
        try fixture.store.write { db in
            try RevisionImages.forgetTouchedSteps(in: db)
            let before = try SequenceTree.image(packageID: Self.packageID, in: db)
            try self.write(write, in: db)
            let after = try SequenceTree.image(packageID: Self.packageID, in: db)
            let noted = Set(try db.values(Int64.self, "SELECT stepID FROM revisionTouchedStep"))
            let changed = changedSteps(from: before, to: after)
            #expect(!changed.isEmpty, "the write changed nothing")
            #expect(noted == changed)
        }
    }

    @Test(arguments: [TestStoreEngine.sqlite, .postgresql])
    func aWriteWithoutTrackingNotesNothing(engine: TestStoreEngine) throws {
        let fixture = try TemporaryStore(engine: engine)
        try fixture.addPackage(Self.packageID, sequence: Samples.rich)
        try fixture.store.write { db in
            try RevisionImages.forgetTouchedSteps(in: db)
            try RevisionImages.withoutTracking(in: db) {
                try SequenceTree.replace(packageID: Self.packageID, with: TaskSequence(schemaVersion: "3.10", steps: [Samples.runCommand("only", "cmd /c echo 0")]), in: db)
            }
            #expect(try db.value(Int.self, "SELECT COUNT(*) FROM revisionTouchedStep") == 0)
        }
    }
}
