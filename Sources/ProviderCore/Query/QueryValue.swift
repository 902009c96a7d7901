/// A property value in a query result, typed as the class schema declares it.
///
/// ProviderDBus maps each case to a D-Bus variant (`s`, `b`, `u`, `i`, `x`, and a datetime as the
/// package interface shows it).
public enum QueryValue: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case boolean(Bool)
    case uint32(UInt32)
    case sint32(Int32)
    /// Keys such as StepID and OperandID.
    case int64(Int64)
    /// A CIM datetime, in seconds since 1970-01-01 UTC.
    case dateTime(Int64)

    public var description: String {
        switch self {
        case .string(let value): value
        case .boolean(let value): value ? "TRUE" : "FALSE"
        case .uint32(let value): String(value)
        case .sint32(let value): String(value)
        case .int64(let value): String(value)
        case .dateTime(let value): DateTimeLiteral.dmtf(value)
        }
    }
}
