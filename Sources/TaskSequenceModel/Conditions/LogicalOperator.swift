/// The logical operators of a condition (`SMS_TaskSequence_ConditionOperator.OperatorType`).
public enum LogicalOperator: String, Sendable, Hashable, CaseIterable, Codable {
    /// All operands hold.
    case and
    /// At least one holds.
    case or
    /// None holds.
    case not
}
