import ProviderStore

extension QueryValueType {
    /// The value a typed SQL result holds (integers for booleans, numbers and datetimes).
    func value(from value: SQLValue) -> QueryValue? {
        switch (self, value) {
        case (_, .null): nil
        case (.string, .text(let text)): .string(text)
        case (.string, .integer(let number)): .string(String(number))
        case (.boolean, .integer(let number)): .boolean(number != 0)
        case (.uint32, .integer(let number)): UInt32(exactly: number).map(QueryValue.uint32)
        case (.sint32, .integer(let number)): Int32(exactly: number).map(QueryValue.sint32)
        case (.int64, .integer(let number)): .int64(number)
        case (.dateTime, .integer(let number)): .dateTime(number)
        default: nil
        }
    }

    /// The value of text as task sequence XML writes it (settings, expression properties,
    /// attributes). Text that does not read as the type gives no value — the same rule as
    /// ``textConversion``, so what a query returns and what it filters on agree.
    func value(fromText text: String) -> QueryValue? {
        switch self {
        case .string, .dateTime: return .string(text)
        case .boolean:
            switch text.lowercased() {
            case "true": return .boolean(true)
            case "false": return .boolean(false)
            default: return nil
            }
        case .uint32:
            guard !text.isEmpty, text.count <= 10, text.allSatisfy(\.isASCIIDigit) else { return nil }
            return UInt32(text).map(QueryValue.uint32)
        case .sint32:
            let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
            guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy(\.isASCIIDigit) else { return nil }
            return Int32(text).map(QueryValue.sint32)
        case .int64:
            let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
            guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy(\.isASCIIDigit) else { return nil }
            return Int64(text).map(QueryValue.int64)
        }
    }
}
