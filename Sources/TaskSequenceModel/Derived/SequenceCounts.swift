/// How big a sequence is: what `tsctl xml check` reports and the corpus manifest lists.
public struct SequenceCounts: Sendable, Hashable {
    /// Steps that are not groups: actions, `<subtasksequence>` and untyped MDT steps.
    public var steps = 0
    public var groups = 0
    /// Steps and groups written with `disable="true"`.
    public var disabled = 0
    /// The deepest nesting: 1 for steps directly in the sequence, 2 inside a group, …
    public var maximumDepth = 0
    /// Steps and groups that have a `<condition>`.
    public var conditions = 0
    /// Condition expressions by class name.
    public var expressions: [String: Int] = [:]
    /// Condition operators by type as written lowercased (`and`, `or`, `not`); OS groups count
    /// under their element name (`osConditionGroup`, `osExpressionGroup`).
    public var operators: [String: Int] = [:]

    public init() {}

    /// Every condition expression.
    public var expressionTotal: Int { expressions.values.reduce(0, +) }
}

extension TaskSequence {
    /// Counts of steps, groups, nesting and conditions.
    public var counts: SequenceCounts {
        var counts = SequenceCounts()
        forEachStepWithDepth { depth, step in
            if step.kind == .group { counts.groups += 1 } else { counts.steps += 1 }
            if !step.isEnabled { counts.disabled += 1 }
            counts.maximumDepth = max(counts.maximumDepth, depth)
            if let condition = step.condition {
                counts.conditions += 1
                count(condition.operands, into: &counts)
            }
        }
        return counts
    }

    private func count(_ operands: [ConditionOperand], into counts: inout SequenceCounts) {
        for operand in operands {
            switch operand {
            case .expression(let expression):
                counts.expressions[expression.className, default: 0] += 1
            case .operator(let op):
                let key = op.kind == .operator ? op.operatorType.lowercased() : op.kind.rawValue
                counts.operators[key, default: 0] += 1
                count(op.operands, into: &counts)
            case .foreign:
                break
            }
        }
    }
}
