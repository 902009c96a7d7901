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
        forEachStepWithDepth { depth, step in counts.add(step, atDepth: depth) }
        return counts
    }
}

extension SequenceCounts {
    /// Counts `step` (not the steps inside it), found at `depth`.
    mutating func add(_ step: Step, atDepth depth: Int) {
        if step.kind == .group { groups += 1 } else { steps += 1 }
        if !step.isEnabled { disabled += 1 }
        maximumDepth = max(maximumDepth, depth)
        if let condition = step.condition {
            conditions += 1
            add(condition.operands)
        }
    }

    private mutating func add(_ operands: [ConditionOperand]) {
        for operand in operands {
            switch operand {
            case .expression(let expression):
                expressions[expression.className, default: 0] += 1
            case .operator(let op):
                let key = op.kind == .operator ? op.operatorType.lowercased() : op.kind.rawValue
                operators[key, default: 0] += 1
                add(op.operands)
            case .foreign:
                break
            }
        }
    }
}
