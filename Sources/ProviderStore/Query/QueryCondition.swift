/// A condition on a source's rows, in store-neutral terms: what WQL's WHERE, `ISA`, a caller's
/// Read right and a lookup by key become before the store writes them as SQL.
public indirect enum QueryCondition: Sendable {
    /// Holds for every row / for no row.
    case always, never
    case and(QueryCondition, QueryCondition)
    case or(QueryCondition, QueryCondition)
    case not(QueryCondition)
    /// `term` compared with a value; text without regard to case.
    case compare(QueryTerm, QueryComparison, SQLValue)
    /// Two terms compared; text without regard to case.
    case compareTerms(QueryTerm, QueryComparison, QueryTerm)
    /// `term` matches a WQL `LIKE` pattern, without regard to case.
    case like(QueryTerm, QueryPattern)
    /// `term` is unset: NULL, or for text also empty (the store keeps unset text as '', and WMI
    /// reports it as NULL); `negated`: it is set.
    case isNull(QueryTerm, negated: Bool)
    /// `term` is (`negated`: is not) one of `values`.
    case isIn(QueryTerm, [SQLValue], negated: Bool)
    /// `term` is (`negated`: is not) one of the values `subquery` selects; NULLs never match.
    case isInSubquery(QueryTerm, QueryStatement, negated: Bool)
    /// The row's class is one of `classes` (`excluding`: is none of them).
    case rowClassIn([String], excluding: Bool)
    /// An embedded object kept as a flag (``ValueStorage/presence(column:)``) is there.
    case present(ValueStorage)
    /// The flag of the first branch whose condition holds is set.
    case presentWhere([(when: QueryCondition, flag: ValueStorage)])
    /// The row's `guarded` key is one the caller may read.
    case readable(ReadableSet, guarded: QuerySource.RowGuard)
    /// The permission entries the caller may see.
    case permissionEntriesVisible(PermissionVisibility, instances: Bool)
    /// The row whose reference columns hold `keys`, in order.
    case referenceIs([SQLValue])
}
