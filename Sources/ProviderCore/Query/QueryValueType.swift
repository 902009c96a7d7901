import GRDB

/// How a property's values are typed, in SQL and in results.
enum QueryValueType: Sendable, Hashable {
    case string, boolean, uint32, sint32, int64, dateTime

    var isNumeric: Bool {
        switch self {
        case .uint32, .sint32, .int64, .dateTime: true
        case .string, .boolean: false
        }
    }

    var name: String {
        switch self {
        case .string: "string"
        case .boolean: "boolean"
        case .uint32: "uint32"
        case .sint32: "sint32"
        case .int64: "sint64"
        case .dateTime: "datetime"
        }
    }

    /// The value a typed SQL result holds (integers for booleans, numbers and datetimes).
    func value(from databaseValue: DatabaseValue) -> QueryValue? {
        switch (self, databaseValue.storage) {
        case (_, .null): nil
        case (.string, .string(let text)): .string(text)
        case (.string, .int64(let number)): .string(String(number))
        case (.boolean, .int64(let number)): .boolean(number != 0)
        case (.uint32, .int64(let number)): UInt32(exactly: number).map(QueryValue.uint32)
        case (.sint32, .int64(let number)): Int32(exactly: number).map(QueryValue.sint32)
        case (.int64, .int64(let number)): .int64(number)
        case (.dateTime, .int64(let number)): .dateTime(number)
        default: nil
        }
    }

    /// The value of text as task sequence XML writes it (settings, expression properties,
    /// attributes). Text that does not read as the type gives no value — the same rule as
    /// ``sqlConversion(of:)``, so what a query returns and what it filters on agree.
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

    /// SQL reading the text column `column` as this type (see ``value(fromText:)``); datetimes
    /// held as text stay text.
    func sqlConversion(of column: String) -> String {
        switch self {
        case .string, .dateTime:
            return column
        case .boolean:
            return "CASE lower(\(column)) WHEN 'true' THEN 1 WHEN 'false' THEN 0 END"
        case .uint32:
            return "CASE WHEN \(column) <> '' AND \(column) NOT GLOB '*[^0-9]*' AND length(\(column)) <= 10 AND CAST(\(column) AS INTEGER) <= 4294967295 THEN CAST(\(column) AS INTEGER) END"
        case .sint32, .int64:
            let magnitude = "ltrim(\(column), '-')"
            let range = self == .sint32 ? " AND CAST(\(column) AS INTEGER) BETWEEN -2147483648 AND 2147483647" : ""
            return "CASE WHEN \(magnitude) <> '' AND \(magnitude) NOT GLOB '*[^0-9]*' AND length(\(column)) - length(\(magnitude)) <= 1 "
                + "AND length(\(magnitude)) <= 18\(range) THEN CAST(\(column) AS INTEGER) END"
        }
    }
}
