/// One step of the PostgreSQL schema: applied once, in order, in its own transaction, and
/// recorded by identifier. Like SQLite's migrations, a released one never changes.
public struct PostgresMigration: Sendable {
    public let identifier: String
    public let sql: String

    public init(_ identifier: String, sql: String) {
        self.identifier = identifier
        self.sql = sql
    }
}

/// The store's schema on PostgreSQL, equivalent table for table, column for column and index for
/// index to the SQLite migrations (`StoreSchema`).
public enum PostgresSchema {
    public static let migrations: [PostgresMigration] = []
}
