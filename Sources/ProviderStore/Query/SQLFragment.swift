/// A piece of SQL and the values bound to its `?` placeholders, in order: what the WQL renderer
/// and the Read filters compose before a statement runs.
public struct SQLFragment: Sendable, Equatable, ExpressibleByStringLiteral {
    public var sql: String
    public var arguments: SQLArguments

    public init(_ sql: String, _ arguments: SQLArguments = []) {
        self.sql = sql
        self.arguments = arguments
    }

    public init(stringLiteral sql: String) {
        self.init(sql)
    }

    /// A single `?` bound to `value`.
    public static func value(_ value: SQLValue) -> SQLFragment {
        SQLFragment("?", SQLArguments([value]))
    }

    /// `(?, ?, …)` bound to `values`, for `IN`.
    public static func list(_ values: [String]) -> SQLFragment {
        SQLFragment("(" + Array(repeating: "?", count: values.count).joined(separator: ", ") + ")", SQLArguments(binding: values))
    }

    public static func + (lhs: SQLFragment, rhs: SQLFragment) -> SQLFragment {
        SQLFragment(lhs.sql + rhs.sql, lhs.arguments + rhs.arguments)
    }

    public static func += (lhs: inout SQLFragment, rhs: SQLFragment) {
        lhs = lhs + rhs
    }
}

extension Array where Element == SQLFragment {
    /// The fragments one after the other with `separator` between them.
    public func joined(separator: String) -> SQLFragment {
        var result = SQLFragment("")
        for (index, fragment) in enumerated() {
            if index > 0 { result.sql += separator }
            result += fragment
        }
        return result
    }
}
