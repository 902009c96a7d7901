/// Spellings real files use for a value the object model spells otherwise. Imports keep them as
/// written (with a warning) and the evaluator understands them; edits must use the documented
/// spelling.
public enum SpellingVariants {
    /// Variant (lowercased) to the documented spelling.
    private static let documented: [String: String] = [
        // SMS_TaskSequence_RegistryConditionExpression.Operator: the SDK says `nonExists`; the
        // other expression classes, and current-branch exports of registry ones, say `notExists`.
        ExpressionOperator.notExists.lowercased(): ExpressionOperator.nonExists,
    ]

    /// The documented spelling `value` stands for, when it is a known variant.
    public static func documentedSpelling(of value: String) -> String? {
        documented[value.lowercased()]
    }
}
