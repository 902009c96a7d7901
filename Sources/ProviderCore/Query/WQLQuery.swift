/// A parsed WQL query: `SELECT … FROM Class [WHERE …] [ORDER BY …]`.
///
/// Names are kept as written, with their positions, so that errors found when the query is
/// resolved against a class can still point at the token.
struct WQLQuery: Sendable, Equatable {
    /// `nil` for `SELECT *` and `SELECT COUNT(*)`.
    var selection: [WQLName]?
    var className: WQLName
    var condition: WQLCondition?
    var ordering: [WQLOrderKey]
    /// `SELECT COUNT(*)`: one row holding the number of rows found.
    var isCount = false
    /// `SELECT DISTINCT prop[, prop…]`: each combination of values once.
    var isDistinct = false
}

/// A class or property name as written, and where.
struct WQLName: Sendable, Equatable {
    var text: String
    var position: Int
}

/// One key of `ORDER BY`.
struct WQLOrderKey: Sendable, Equatable {
    var property: WQLName
    var descending: Bool
}

/// The `WHERE` clause as a tree.
indirect enum WQLCondition: Sendable, Equatable {
    case and(WQLCondition, WQLCondition)
    case or(WQLCondition, WQLCondition)
    case not(WQLCondition)
    /// `a op b`; `=`/`<>` against `NULL` mean `IS [NOT] NULL`.
    case comparison(WQLOperand, WQLComparison, WQLOperand)
    /// `operand [NOT] LIKE 'pattern'`.
    case like(WQLOperand, pattern: String, patternPosition: Int, negated: Bool)
    case isNull(WQLOperand, negated: Bool)
    /// `__CLASS ISA 'Class'` or `__THIS ISA 'Class'`.
    case isa(WQLName, className: WQLName)
    /// `operand [NOT] IN (literal, …)`.
    case `in`(WQLOperand, [WQLOperand], negated: Bool)
    /// `operand [NOT] IN (SELECT prop FROM Class [WHERE …])`.
    case inSubquery(WQLOperand, WQLQuery, position: Int, negated: Bool)
}

/// A side of a comparison: a property (or `__CLASS`) or a literal.
enum WQLOperand: Sendable, Equatable {
    case property(WQLName)
    case literal(WQLLiteral, position: Int, text: String)

    var position: Int {
        switch self {
        case .property(let name): name.position
        case .literal(_, let position, _): position
        }
    }

    var text: String {
        switch self {
        case .property(let name): name.text
        case .literal(_, _, let text): text
        }
    }
}

/// A literal value.
enum WQLLiteral: Sendable, Equatable {
    case string(String)
    case integer(Int64)
    case real(Double)
    case boolean(Bool)
    case null
}

/// The comparison operators.
enum WQLComparison: String, Sendable, Equatable {
    case equal = "=", notEqual = "<>", less = "<", greater = ">", lessOrEqual = "<=", greaterOrEqual = ">="

    init?(symbol: String) {
        self.init(rawValue: symbol == "!=" ? "<>" : symbol)
    }

    /// The operator with its sides swapped (`1 < X` is `X > 1`).
    var mirrored: WQLComparison {
        switch self {
        case .equal, .notEqual: self
        case .less: .greater
        case .greater: .less
        case .lessOrEqual: .greaterOrEqual
        case .greaterOrEqual: .lessOrEqual
        }
    }
}
