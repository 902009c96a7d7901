/// The values bound to a statement's `?` placeholders, in order.
///
/// Written as an array literal: `[packageID, name, nil]`. PostgreSQL connections renumber the
/// placeholders (`$1`, `$2` …), so SQL is written once with `?`.
public struct SQLArguments: Sendable, Equatable, ExpressibleByArrayLiteral {
    public var values: [SQLValue]

    public init(_ values: [SQLValue]) {
        self.values = values
    }

    public init(arrayLiteral elements: (any SQLValueConvertible)?...) {
        values = elements.map { $0?.sqlValue ?? .null }
    }

    public init<Values: Sequence>(binding elements: Values) where Values.Element: SQLValueConvertible {
        values = elements.map(\.sqlValue)
    }

    public mutating func append(_ value: (any SQLValueConvertible)?) {
        values.append(value?.sqlValue ?? .null)
    }

    public static func + (lhs: SQLArguments, rhs: SQLArguments) -> SQLArguments {
        SQLArguments(lhs.values + rhs.values)
    }
}
