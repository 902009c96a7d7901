/// A statement (or part of one) that the WQL translator builds without knowing the engine: SQL
/// both engines read alike, values as arguments, and named pieces that each engine writes in
/// its own dialect (case-insensitive comparison, pattern matching, typed reading of text,
/// JSON attributes, Read filters). ``render(_:)`` writes it for one engine.
///
/// Written like GRDB's `SQL` literal: `"\(column) = \(value)"` binds `value` as an argument,
/// `"\(sql: text)"` inserts trusted text, and `"\(other)"` embeds another `QuerySQL`.
public struct QuerySQL: Sendable, Equatable, ExpressibleByStringInterpolation {
    /// One piece of a statement.
    public indirect enum Piece: Sendable, Equatable {
        /// Trusted SQL text both engines read alike.
        case text(String)
        /// A value bound to a `?` placeholder.
        case value(SQLValue)
        /// `(?, ?, …)` bound to values, for `IN`.
        case list([SQLValue])
        /// `expression` compared, ordered and made distinct without regard to case.
        case caseless(QuerySQL)
        /// A condition that holds for no row / every row.
        case never, always
        /// Whether an integer 0/1 expression (a stored flag) is true, as a condition.
        case isTrue(QuerySQL)
        /// `subject` matching a WQL `LIKE` pattern, without regard to case.
        case like(QuerySQL, QueryPattern)
        /// A text expression read as a number or flag (`nil`: stays text) when it reads as one,
        /// else NULL.
        case textAs(QueryTextConversion, QuerySQL)
        /// The value of attribute `name` in the JSON `AttributeList` (`[[name, value], …]`)
        /// column `column`, read as `conversion`.
        case attribute(column: String, name: String, conversion: QueryTextConversion?)
        /// The value of the first `<variable>` whose `name` attribute is `name` (compared without
        /// regard to case) among a condition expression's entries, JSON column `content`
        /// (`[VariableListEntry]`), read as `conversion`.
        case expressionProperty(content: String, name: String, conversion: QueryTextConversion?)
        /// The entries of JSON array column `column` as rows `alias(value, key)`, `key` the index.
        case jsonElements(column: String, alias: String)
        /// Member `key` of the JSON object `alias.value` as text (NULL when absent or null).
        case jsonMember(alias: String, key: String)
        /// `IN (…)` over integer IDs bound as one argument.
        case inIDs([Int64])
        /// The condition that a row's key `column` is in `set`; `nil` condition (every row)
        /// renders as `always`.
        case readable(ReadableSet, column: String)
        /// The caller's visibility of permission entries over `userName`, `objectKey`,
        /// `instanceKey`.
        case permissionEntries(PermissionVisibility, instances: Bool)
    }

    public var pieces: [Piece]

    public init(pieces: [Piece]) {
        self.pieces = pieces
    }

    /// Trusted SQL text.
    public init(sql: String) {
        pieces = sql.isEmpty ? [] : [.text(sql)]
    }

    public init(_ piece: Piece) {
        pieces = [piece]
    }

    public init(stringLiteral value: String) {
        self.init(sql: value)
    }

    public init(stringInterpolation: Interpolation) {
        pieces = stringInterpolation.pieces
    }

    public var isEmpty: Bool { pieces.isEmpty }

    /// Builds a `QuerySQL` from a literal with interpolations.
    public struct Interpolation: StringInterpolationProtocol {
        var pieces: [Piece] = []

        public init(literalCapacity: Int, interpolationCount: Int) {}

        public mutating func appendLiteral(_ literal: String) {
            if !literal.isEmpty { pieces.append(.text(literal)) }
        }

        /// Another statement part.
        public mutating func appendInterpolation(_ sql: QuerySQL) {
            pieces += sql.pieces
        }

        /// Trusted text.
        public mutating func appendInterpolation(sql: String) {
            if !sql.isEmpty { pieces.append(.text(sql)) }
        }

        /// A value, bound as an argument.
        public mutating func appendInterpolation(_ value: some SQLValueConvertible) {
            pieces.append(.value(value.sqlValue))
        }

        /// A list of values for `IN`, bound as arguments.
        public mutating func appendInterpolation(_ values: [String]) {
            pieces.append(.list(values.map(\.sqlValue)))
        }

        public mutating func appendInterpolation(_ values: [SQLValue]) {
            pieces.append(.list(values))
        }
    }

    public static func + (lhs: QuerySQL, rhs: QuerySQL) -> QuerySQL {
        QuerySQL(pieces: lhs.pieces + rhs.pieces)
    }

    public static func += (lhs: inout QuerySQL, rhs: QuerySQL) {
        lhs.pieces += rhs.pieces
    }
}

extension Array where Element == QuerySQL {
    /// The parts one after the other with `separator` between them.
    public func joined(separator: String) -> QuerySQL {
        var result = QuerySQL(pieces: [])
        for (index, part) in enumerated() {
            if index > 0 { result.pieces.append(.text(separator)) }
            result += part
        }
        return result
    }
}
