import GRDB
import Testing
import TestSupport
import TaskSequenceModel
@testable import ProviderStore

@Suite struct ConditionTreeTests {
    private func firstGroupID(_ fixture: TemporaryStore) throws -> Int64 {
        try fixture.store.read { try SequenceTree.childStepIDs(packageID: "PS100001", parentID: nil, in: $0)[0] }
    }

    @Test func operandsAddedInsideOperatorsComeBackInOrder() throws {
        let fixture = try TemporaryStore()
        try fixture.addPackage(sequence: TaskSequence(schemaVersion: "3.10", steps: [Samples.runCommand("a", "b")]))
        let step = try firstGroupID(fixture)
        try fixture.store.write { db in
            let or = try ConditionTree.insert(.operator(ConditionOperator("or", [])), stepID: step, parentID: nil, in: db)
            try ConditionTree.insert(.expression(ConditionExpression(className: ConditionClass.variable, properties: ["Variable": "B"])), stepID: step, parentID: or, in: db)
            try ConditionTree.insert(.expression(ConditionExpression(className: ConditionClass.variable, properties: ["Variable": "A"])), stepID: step, parentID: or, at: 0, in: db)
            let leaf = try ConditionTree.operandRows(stepID: step, parentID: or, in: db)[0]
            #expect(throws: StoreError.self) {
                try ConditionTree.insert(.operator(ConditionOperator("and", [])), stepID: step, parentID: leaf.id, in: db)
            }
        }
        #expect(try fixture.store.read { try StepRow.fetchOne($0, id: step)?.hasCondition } == true, "the first operand creates the condition")
        let condition = try #require(try fixture.store.read { try ConditionTree.load(stepID: step, in: $0) })
        guard case .operator(let or) = condition.operands.first else { Issue.record("no operator"); return }
        let names = or.operands.compactMap { if case .expression(let e) = $0 { e["Variable"] } else { nil } }
        #expect(names == ["A", "B"])
        let step2 = try fixture.store.read { try SequenceTree.loadStep(id: step, in: $0) }
        #expect(step2.condition == condition)
    }

    @Test func propertiesAreQueryableAndDeletesCascade() throws {
        let fixture = try TemporaryStore()
        try fixture.addPackage(sequence: Samples.rich)
        let group = try firstGroupID(fixture)
        // The expression property as WQL reads it, from the operand row (any case of its name).
        let variable = QuerySQL(.expressionProperty(content: "o.content", name: "VARIABLE", conversion: nil))
        let conditioned = try fixture.store.read { db in
            let statement = QuerySQL("SELECT DISTINCT o.stepID FROM conditionOperand o WHERE \(variable) = '_SMSTSInWinPE'").render(db.dialect)
            return try db.values(Int64.self, statement.sql, statement.arguments)
        }
        #expect(conditioned == [group])
        try fixture.store.write { db in
            let not = try ConditionTree.operandRows(stepID: group, parentID: nil, in: db)[1]
            try ConditionTree.delete(operandID: try #require(not.id), stepID: group, in: db)
            #expect(try db.count("conditionOperand") == 1)
            #expect(try StepRow.fetchOne(db, id: group)?.hasCondition == true)
            try ConditionTree.replace(stepID: group, with: nil, in: db)
            #expect(try db.count("conditionOperand") == 0)
            #expect(try StepRow.fetchOne(db, id: group)?.hasCondition == false)
            #expect(try ConditionTree.load(stepID: group, in: db) == nil)
        }
        let loaded = try fixture.store.read { try SequenceTree.load(packageID: "PS100001", in: $0) }
        #expect(loaded.steps[0].condition == nil)
        #expect(loaded.steps[0].steps.count == 2)
    }

    /// An expression's properties are its `<variable>` entries, read from the operand row: foreign
    /// markup between them and a variable without a name are passed over, the first of two with
    /// the same name wins, names compare without regard to case — on both engines.
    @Test(arguments: [TestStoreEngine.sqlite, .postgresql])
    func expressionPropertiesAreReadFromTheOperandRow(engine: TestStoreEngine) throws {
        let fixture = try TemporaryStore(engine: engine)
        let expression = ConditionExpression(attributes: ["type": ConditionClass.variable], entries: [
            .foreign(.comment("note")),
            .variable(Variable(attributes: [:], value: "nameless")),
            .variable(Variable(attributes: ["name": "Variable"], value: "OSDComputerName")),
            .variable(Variable(attributes: ["name": "variable"], value: "second")),
            .variable(Variable(attributes: ["name": "Operator"], value: "exists")),
        ])
        var step = Samples.runCommand("conditioned", "cmd /c exit 0")
        step.condition = Condition(operands: [.expression(expression), .foreign(.comment("outside"))])
        try fixture.addPackage(sequence: TaskSequence(schemaVersion: "3.10", steps: [step]))
        let (found, fetched) = try fixture.store.read { db in
            let variable = QuerySQL(.expressionProperty(content: "o.content", name: "VARIABLE", conversion: nil))
            let statement = QuerySQL("SELECT o.id, \(variable) FROM conditionOperand o WHERE o.kind = 'expression'").render(db.dialect)
            let rows = try db.rows(statement.sql, statement.arguments)
            let ids = try rows.map { try $0.decode(at: 0, as: Int64.self) }
            let values = try rows.map { try $0.decode(at: 1, as: String.self) }
            let details = try QuerySource.Details.expressionProperties(idColumn: 2, content: "o.content").fetch(ids: ids, in: db)
            return (values, ids.first.flatMap { details[$0] } ?? [])
        }
        #expect(found == ["OSDComputerName"])
        #expect(fetched.map(\.name) == ["", "Variable", "variable", "Operator"])
        #expect(fetched.map(\.value) == ["nameless", "OSDComputerName", "second", "exists"])
    }
}
