/// A value a query compares, orders or selects, for each row of its source: a stored property,
/// the row's class, or a choice between them by the row's class.
public indirect enum QueryTerm: Sendable {
    /// A property kept in `storage`, typed as `type`.
    case stored(ValueStorage, QueryValueType)
    /// The row's class: the source's class column, or `constant` for a source of one class.
    case rowClass(constant: String)
    /// The first branch whose condition holds gives the value; NULL when none does.
    case choice([Branch], QueryValueType)

    /// One branch of a ``choice(_:_:)``.
    public struct Branch: Sendable {
        public var when: QueryCondition
        public var then: QueryTerm

        public init(when: QueryCondition, then: QueryTerm) {
            self.when = when
            self.then = then
        }
    }

    /// The type the term's values have.
    public var type: QueryValueType {
        switch self {
        case .stored(_, let type), .choice(_, let type): type
        case .rowClass: .string
        }
    }
}

/// How a WQL comparison compares two values.
public enum QueryComparison: String, Sendable, Hashable {
    case equal = "=", notEqual = "<>", less = "<", greater = ">", lessOrEqual = "<=", greaterOrEqual = ">="
}
