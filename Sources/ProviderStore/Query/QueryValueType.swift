/// How a property's values are typed in a query: what WQL compares them as, and how the store
/// reads text (settings, expression properties, attributes) as that type.
public enum QueryValueType: Sendable, Hashable {
    case string, boolean, uint32, sint32, int64, dateTime

    public var isNumeric: Bool {
        switch self {
        case .uint32, .sint32, .int64, .dateTime: true
        case .string, .boolean: false
        }
    }

    /// The CIM name of the type, for messages.
    public var name: String {
        switch self {
        case .string: "string"
        case .boolean: "boolean"
        case .uint32: "uint32"
        case .sint32: "sint32"
        case .int64: "sint64"
        case .dateTime: "datetime"
        }
    }

    /// How the store reads text as this type; `nil`: it stays text (datetimes held as text
    /// stay text). The provider applies the same rule to the values it returns.
    public var textConversion: QueryTextConversion? {
        switch self {
        case .string, .dateTime: nil
        case .boolean: .boolean
        case .uint32: .uint32
        case .sint32: .sint32
        case .int64: .int64
        }
    }

    /// `expression` (text) read as this type.
    func converting(_ expression: QuerySQL) -> QuerySQL {
        textConversion.map { QuerySQL(.textAs($0, expression)) } ?? expression
    }
}
