/// The SQL an engine speaks where the two differ. Statements are written once in the common
/// subset (`?` placeholders, `ON CONFLICT`, `COALESCE`, `RETURNING`-free inserts through
/// `StoreDatabase.insertReturningID`); what differs is asked of the dialect.
public enum SQLDialect: String, Sendable, CaseIterable {
    case sqlite
    case postgresql

    /// `subject` matched against a pattern bound to the `?` that follows, without regard to
    /// case, as WQL's `LIKE` does, with `\` escaping `%` and `_`. On PostgreSQL the subject is
    /// cast to text: on a citext column `ILIKE` resolves to citext's own operator, which the
    /// trigram indexes (`gin_trgm_ops` on text) do not serve; the cast is a relabel, so the
    /// planner still matches the column's index.
    public func caselessLike(_ subject: String) -> String {
        switch self {
        case .sqlite: subject + " LIKE ? ESCAPE '\\'"
        case .postgresql: "CAST(" + subject + " AS text) ILIKE ? ESCAPE '\\'"
        }
    }
}
