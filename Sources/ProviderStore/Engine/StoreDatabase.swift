/// One connection of the store, inside a transaction: the seam between the store's code and the
/// engine under it.
///
/// Every record and request in ProviderStore is written against this protocol, so one body of
/// SQL serves SQLite (`GRDB.Database` conforms) and PostgreSQL (`PostgresDatabase`). Code outside
/// ProviderStore receives a `StoreDatabase` from `ProviderStore.read`/`write` and passes it to the
/// store's named requests; it never writes SQL itself.
///
/// Statements use `?` placeholders. Prepared statements are cached per connection and SQL text.
public protocol StoreDatabase: AnyObject {
    /// Which SQL the engine speaks.
    var dialect: SQLDialect { get }

    /// Runs a statement that returns no rows, and returns how many rows it changed.
    @discardableResult
    func run(_ sql: String, _ arguments: SQLArguments) throws -> Int

    /// Calls `body` with each row of the result, in order, without holding them all.
    func forEachRow(_ sql: String, _ arguments: SQLArguments, _ body: (SQLRow) throws -> Void) throws

    /// Runs an `INSERT` into a table with an integer `id` primary key and returns the new row's id.
    func insertReturningID(_ sql: String, _ arguments: SQLArguments) throws -> Int64

    /// Runs `body` in a savepoint: if it throws, what it changed is undone and the error rethrown;
    /// the enclosing transaction goes on.
    func inSavepoint<T>(_ body: () throws -> T) throws -> T

    /// Runs statements separated by semicolons, without arguments (schema changes).
    func runScript(_ sql: String) throws

    /// Signals `payload` on `channel` to every listener of the database (`ProviderStore.listen`),
    /// when — and only if — the enclosing write transaction commits. PostgreSQL's `pg_notify`;
    /// on SQLite, where one process owns the store, nothing (the process signals itself).
    func notify(channel: String, payload: String) throws
}

extension StoreDatabase {
    @discardableResult
    public func run(_ sql: String) throws -> Int {
        try run(sql, [])
    }

    /// Every row of the result.
    public func rows(_ sql: String, _ arguments: SQLArguments = []) throws -> [SQLRow] {
        var rows: [SQLRow] = []
        try forEachRow(sql, arguments) { rows.append($0) }
        return rows
    }

    /// The first row of the result, if any.
    public func row(_ sql: String, _ arguments: SQLArguments = []) throws -> SQLRow? {
        try rows(sql, arguments).first
    }

    /// The first column of the first row, or nil when there is no row or it is NULL.
    public func value<Value: SQLValueConvertible>(_ type: Value.Type, _ sql: String, _ arguments: SQLArguments = []) throws -> Value? {
        guard let row = try row(sql, arguments) else { return nil }
        if case .null = row[0] { return nil }
        return try row.decode(at: 0, as: type)
    }

    /// The first column of every row (NULLs skipped).
    public func values<Value: SQLValueConvertible>(_ type: Value.Type, _ sql: String, _ arguments: SQLArguments = []) throws -> [Value] {
        var values: [Value] = []
        try forEachRow(sql, arguments) { row in
            if case .null = row[0] { return }
            values.append(try row.decode(at: 0, as: type))
        }
        return values
    }

    /// Whether the query returns at least one row.
    public func exists(_ sql: String, _ arguments: SQLArguments = []) throws -> Bool {
        try row(sql, arguments) != nil
    }
}
