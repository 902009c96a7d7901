import TaskSequenceModel

/// Builds model steps from rows fetched in bulk (one query per table, not one per step).
struct TreeAssembler {
    private var stepsByParent: [Int64?: [StepRow]] = [:]
    private var variablesByStep: [Int64: [StepVariableRow]] = [:]
    private var operandsByContainer: [OperandContainer: [ConditionOperandRow]] = [:]

    private struct OperandContainer: Hashable {
        var stepID: Int64
        var parentID: Int64?
    }

    /// Rows must come ordered by position within their container.
    init(steps: [StepRow], variables: [StepVariableRow], operands: [ConditionOperandRow]) throws {
        for row in steps { stepsByParent[row.parentID, default: []].append(row) }
        for row in variables { variablesByStep[row.stepID, default: []].append(row) }
        for row in operands { operandsByContainer[OperandContainer(stepID: row.stepID, parentID: row.parentID), default: []].append(row) }
    }

    func steps(inside parentID: Int64?) throws -> [Step] {
        try (stepsByParent[parentID] ?? []).map(step)
    }

    func step(_ row: StepRow) throws -> Step {
        guard let id = row.id else { throw StoreError.corrupt("step row without ID") }
        let children = StepContent.children(
            layout: try row.layoutEntries(),
            actionText: row.actionText,
            variables: try (variablesByStep[id] ?? []).map { try $0.entry() },
            condition: try operands(stepID: id, parentID: nil),
            childSteps: try steps(inside: id)
        )
        return Step(kind: row.kind, attributes: try row.attributeList(), children: children)
    }

    func operands(stepID: Int64, parentID: Int64?) throws -> [ConditionOperand] {
        try (operandsByContainer[OperandContainer(stepID: stepID, parentID: parentID)] ?? []).map { row in
            guard let id = row.id else { throw StoreError.corrupt("operand row without ID") }
            let children = row.kind.operatorKind == nil ? [] : try operands(stepID: stepID, parentID: id)
            return try row.operand(children: children)
        }
    }
}
