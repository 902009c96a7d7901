/// How a text value (an action setting, an expression property, an attribute) reads as a typed
/// query value: the rule both engines apply in SQL, and the provider applies in Swift to the
/// values it returns, so that what a query filters on and what it returns agree.
public enum QueryTextConversion: Sendable, Hashable {
    /// `true`/`false` in any case, as 1/0.
    case boolean
    /// Decimal digits only, at most 10, at most 4294967295.
    case uint32
    /// An optional `-` and at most 18 digits, within the 32-bit range.
    case sint32
    /// An optional `-` and at most 18 digits.
    case int64
}
