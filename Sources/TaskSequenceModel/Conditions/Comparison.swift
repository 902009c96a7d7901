/// How a condition expression compares: the Operator of variable and registry expressions, the
/// VersionOperator and DateTimeOperator of file and folder ones. Raw values are the variable
/// expression's spellings; the registry class says `nonExists` (``registrySpelling``).
public enum Comparison: String, Sendable, Hashable, CaseIterable {
    /// The variable, key or value exists.
    case exists
    /// It does not exist.
    case notExists
    /// Equal.
    case equals
    /// Not equal.
    case notEquals
    /// Less than.
    case less
    /// Less than or equal.
    case lessEqual
    /// Greater than.
    case greater
    /// Greater than or equal.
    case greaterEqual
    /// Matches a pattern with `*` and `?` (variables only).
    case like
    /// Does not match the pattern (variables only).
    case notLike

    /// The comparison named `text` in any case, with the usual symbols accepted
    /// (`=`, `!=`, `<>`, `<`, `<=`, `>`, `>=`) and `nonExists` for ``notExists``.
    public init?(parsing text: String) {
        let symbols: [String: Comparison] = [
            "=": .equals, "==": .equals, "!=": .notEquals, "<>": .notEquals, "<": .less, "<=": .lessEqual, ">": .greater, ">=": .greaterEqual,
            "nonexists": .notExists,
        ]
        if let comparison = symbols[text.lowercased()] {
            self = comparison
        } else if let comparison = Self.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) {
            self = comparison
        } else {
            return nil
        }
    }

    /// How the registry expression spells it: ``notExists`` is `nonExists` there.
    public var registrySpelling: String { self == .notExists ? ExpressionOperator.nonExists : rawValue }
}
