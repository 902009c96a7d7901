import Testing
import TestSupport
import TaskSequenceModel
@testable import ProviderStore

/// A tree write reserves the IDs of its new steps and operands at once (`PendingRows`): they
/// must behave as IDs the engine handed out row by row — never given twice, parents before
/// their children, the same under both engines.
@Suite struct ReservedIDsTests {
    private static func ids(_ db: StoreDatabase, _ table: String) throws -> [Int64] {
        try db.values(Int64.self, "SELECT id FROM \(table) ORDER BY id")
    }

    /// The steps of a package, with their parents, in document order (depth first).
    private static func stepsInDocumentOrder(_ db: StoreDatabase, packageID: String) throws -> [(id: Int64, parentID: Int64?)] {
        var result: [(Int64, Int64?)] = []
        func walk(_ parentID: Int64?) throws {
            for id in try SequenceTree.childStepIDs(packageID: packageID, parentID: parentID, in: db) {
                result.append((id, parentID))
                try walk(id)
            }
        }
        try walk(nil)
        return result
    }

    @Test(arguments: [TestStoreEngine.sqlite, .postgresql])
    func idsOfDeletedRowsAreNeverGivenAgain(engine: TestStoreEngine) throws {
        let fixture = try TemporaryStore(engine: engine)
        try fixture.addPackage(sequence: Samples.rich)
        let (steps, operands) = try fixture.store.read { db in (try Self.ids(db, "step"), try Self.ids(db, "conditionOperand")) }
        #expect(steps.count == 5 && operands.count == 5)
        // The newest rows go too, so a "largest ID + 1" would hand their IDs out again.
        try fixture.store.write { try PackageRow.delete($0, packageID: "PS100001") }
        try fixture.addPackage("PS100002", sequence: Samples.rich)
        let (newSteps, newOperands) = try fixture.store.read { db in (try Self.ids(db, "step"), try Self.ids(db, "conditionOperand")) }
        #expect(newSteps.count == 5 && newOperands.count == 5)
        #expect(try #require(newSteps.first) > (steps.last ?? 0))
        #expect(try #require(newOperands.first) > (operands.last ?? 0))
        // A row added alone afterwards (a step through `apply`, an operand through an edit)
        // still gets an ID above every reserved one.
        let added = try fixture.store.write { db in
            let top = try SequenceTree.childStepIDs(packageID: "PS100002", parentID: nil, in: db)
            var stored = try SequenceTree.load(packageID: "PS100002", in: db)
            stored.children.append(.step(Samples.runCommand("after", "cmd /c exit 0")))
            let pathIDs = try SequenceTree.image(packageID: "PS100002", in: db).stepIDs()
            let changes = try SequenceTree.apply(stored, ids: pathIDs, packageID: "PS100002", in: db)
            let operand = try ConditionTree.insert(.expression(ConditionExpression(className: ConditionClass.variable,
                                                                                    properties: ["Operator": "Equals", "Value": "1", "Variable": "X"])),
                                                   stepID: try #require(top.first), parentID: nil, in: db)
            return (changes.created, operand)
        }
        #expect(added.0.count == 1)
        #expect(try #require(added.0.first) > (newSteps.last ?? 0))
        #expect(added.1 > (newOperands.last ?? 0))
    }

    @Test(arguments: [TestStoreEngine.sqlite, .postgresql])
    func idsRiseInDocumentOrderAndParentsComeFirst(engine: TestStoreEngine) throws {
        let fixture = try TemporaryStore(engine: engine)
        try fixture.addPackage(sequence: Samples.rich)
        let order = try fixture.store.read { try Self.stepsInDocumentOrder($0, packageID: "PS100001") }
        #expect(order.map(\.id) == order.map(\.id).sorted())
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($0.element.id, $0.offset) })
        for step in order {
            if let parent = step.parentID { #expect(try #require(position[parent]) < (position[step.id] ?? -1)) }
        }
        // Operands: each belongs to the step that holds the condition, inside its operator.
        let operands = try fixture.store.read { db in try ConditionOperandRow.fetchAll(db, packageID: "PS100001") }
        let group = try #require(order.first?.id)
        #expect(operands.allSatisfy { $0.stepID == group })
        for operand in operands {
            if let parent = operand.parentID { #expect(parent < (operand.id ?? 0)) }
        }
        #expect(try fixture.store.read { try SequenceTree.load(packageID: "PS100001", in: $0) } == Samples.rich)
    }

    /// More new rows than one multi-row statement takes, in a group inserted into a stored
    /// sequence: the new group's ID is the one returned, its children hang below it.
    @Test(arguments: [TestStoreEngine.sqlite, .postgresql])
    func aLargeSubtreeInsertedIntoAStoredSequence(engine: TestStoreEngine) throws {
        let fixture = try TemporaryStore(engine: engine)
        try fixture.addPackage(sequence: Samples.rich)
        let steps = (0..<150).map { Samples.runCommand("step \($0)", "cmd /c exit \($0)") }
        let group = Step.group(name: "Many", steps: steps)
        let id = try fixture.store.write { try SequenceTree.insert(group, packageID: "PS100001", parentID: nil, at: 1, in: $0) }
        let loaded = try fixture.store.read { try SequenceTree.loadStep(id: id, in: $0) }
        #expect(loaded == group)
        let children = try fixture.store.read { try SequenceTree.childStepIDs(packageID: "PS100001", parentID: id, in: $0) }
        #expect(children.count == 150 && children == children.sorted() && (children.first ?? 0) > id)
    }

    /// Rows are written in groups as the walk goes: conditions of more operands than a group, on
    /// steps of more than one group, inside operators whose operands straddle groups, come back
    /// whole, and every new row's parent was written before it.
    @Test(arguments: [TestStoreEngine.sqlite, .postgresql])
    func manyStepsAndOperandsAcrossGroups(engine: TestStoreEngine) throws {
        let fixture = try TemporaryStore(engine: engine)
        func expression(_ index: Int) -> ConditionOperand {
            .expression(ConditionExpression(className: ConditionClass.variable, properties: ["Operator": "equals", "Value": "\(index)", "Variable": "V\(index)"]))
        }
        let steps = (0..<90).map { index -> Step in
            var step = Samples.runCommand("step \(index)", "cmd /c exit \(index)")
            if index % 3 == 0 {
                step.condition = Condition(operands: [.operator(ConditionOperator("or", (0..<50).map(expression))), expression(index)])
            }
            return step
        }
        let group = Step.group(name: "Outer", steps: [Step.group(name: "Inner", steps: steps)] + steps)
        let sequence = TaskSequence(schemaVersion: "3.10", steps: [group])
        try fixture.addPackage(sequence: sequence)
        #expect(try fixture.store.read { try SequenceTree.load(packageID: "PS100001", in: $0) } == sequence)
        let (stepRows, operandRows) = try fixture.store.read { db in
            (try StepRow.fetchAll(db, packageID: "PS100001"), try ConditionOperandRow.fetchAll(db, packageID: "PS100001"))
        }
        #expect(stepRows.count == 182 && operandRows.count == 60 * 52)
        #expect(stepRows.allSatisfy { row in row.parentID.map { $0 < (row.id ?? 0) } ?? true })
        #expect(operandRows.allSatisfy { row in row.parentID.map { $0 < (row.id ?? 0) } ?? true })
    }
}
