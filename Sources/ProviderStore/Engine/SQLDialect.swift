/// The SQL an engine speaks where the two differ. Statements are written once in the common
/// subset (`?` placeholders, `ON CONFLICT`, `COALESCE`, `RETURNING`-free inserts through
/// `StoreDatabase.insertReturningID`); what differs is asked of the dialect.
public enum SQLDialect: String, Sendable, CaseIterable {
    case sqlite
    case postgresql

    /// The operator that matches a pattern without regard to case, as WQL's `LIKE` does.
    public var caseInsensitiveLike: String {
        switch self {
        case .sqlite: "LIKE"
        case .postgresql: "ILIKE"
        }
    }
}
