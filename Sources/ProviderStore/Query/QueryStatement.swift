/// A query as a plan describes it, in terms of its ``QuerySource`` and no SQL: the rows it
/// finds, what it selects of them, and their order. ``sql`` writes it; every engine renders
/// the result in its own dialect (``QuerySQL/render(_:)``).
public struct QueryStatement: Sendable {
    /// What each row found gives.
    public enum Selection: Sendable {
        /// The row's reference columns, its class column (NULL for a source of one class), then
        /// the columns `storages` read, each once, in the order given.
        case rows(reading: [ValueStorage])
        /// `COUNT(*)`.
        case count
        /// `DISTINCT` values of the terms, compared as WQL compares.
        case distinct([QueryTerm])
        /// One term per row: the statement of an `IN (subquery)`.
        case value(QueryTerm)
    }

    /// One `ORDER BY` term.
    public struct Ordering: Sendable {
        public var term: QueryTerm
        public var descending: Bool

        public init(_ term: QueryTerm, descending: Bool = false) {
            self.term = term
            self.descending = descending
        }
    }

    public var source: QuerySource
    public var selection: Selection
    /// Conditions every row found meets, besides the source's own.
    public var conditions: [QueryCondition]
    /// The caller's Read filter for each of the source's guarded joins, in order; `nil`: every row.
    public var joinRestrictions: [QueryCondition?]
    public var ordering: [Ordering]
    /// Whether the source's default order follows ``ordering`` (rows, not counts or distinct values).
    public var followsDefaultOrder: Bool

    public init(
        source: QuerySource, selection: Selection, conditions: [QueryCondition] = [], joinRestrictions: [QueryCondition?] = [],
        ordering: [Ordering] = [], followsDefaultOrder: Bool = true
    ) {
        self.source = source
        self.selection = selection
        self.conditions = conditions
        self.joinRestrictions = joinRestrictions
        self.ordering = ordering
        self.followsDefaultOrder = followsDefaultOrder
    }
}
