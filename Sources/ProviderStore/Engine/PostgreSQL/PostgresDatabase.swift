import CLibPQ
import Foundation

/// One PostgreSQL connection, speaking the store's seam (`StoreDatabase`).
///
/// libpq rather than PostgresNIO: the store is synchronous (a closure runs on a connection inside
/// a transaction, as with GRDB), and libpq gives exactly that, plus LISTEN/NOTIFY and reconnects,
/// without bringing swift-nio's event loops into a daemon whose D-Bus side runs on libdbus.
///
/// A connection is used by one thread at a time (the pool hands it to one transaction); it is not
/// shared. Statements are prepared once per connection and SQL text, and named `stmt_N`.
public final class PostgresDatabase: StoreDatabase {
    /// The libpq connection; closed when the object goes.
    let connection: OpaquePointer
    /// Prepared statement names by SQL text and parameter types (a statement prepared with
    /// `int8` for a parameter cannot take `float8` there later).
    private var preparedStatements: [PreparedKey: String] = [:]
    private var preparedCount = 0
    /// Past this many, the connection's statements are dropped and prepared again as used, so
    /// generated SQL (WQL) cannot grow the server's memory without bound.
    private static let preparedStatementLimit = 1_000
    private var savepointDepth = 0
    /// What the connection is to, for error messages ("host/db").
    let target: String

    public var dialect: SQLDialect { .postgresql }

    /// Connects with libpq's keyword/value parameters; `.unavailable` naming `target` when the
    /// server cannot be reached.
    init(parameters: [(String, String)], target: String) throws {
        self.target = target
        let keywords = parameters.map { strdup($0.0) }
        let values = parameters.map { strdup($0.1) }
        defer {
            keywords.forEach { free($0) }
            values.forEach { free($0) }
        }
        var keywordPointers: [UnsafePointer<CChar>?] = keywords.map { UnsafePointer($0) } + [nil]
        var valuePointers: [UnsafePointer<CChar>?] = values.map { UnsafePointer($0) } + [nil]
        guard let connection = PQconnectdbParams(&keywordPointers, &valuePointers, 1) else {
            throw StoreError.unavailable("cannot connect to PostgreSQL at \(target): out of memory")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = Self.connectionMessage(connection)
            PQfinish(connection)
            throw StoreError.unavailable("cannot connect to PostgreSQL at \(target): \(message)")
        }
        // Notices (a NOTICE from `IF NOT EXISTS`, the WARNING of a shutting-down server) would
        // go to standard error; the errors that matter come back as results.
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        self.connection = connection
    }

    deinit {
        PQfinish(connection)
    }

    /// Whether the connection to the server is still up.
    var isConnected: Bool { PQstatus(connection) == CONNECTION_OK }

    // MARK: - StoreDatabase

    @discardableResult
    public func run(_ sql: String, _ arguments: SQLArguments) throws -> Int {
        let result = try execute(sql, arguments)
        defer { PQclear(result) }
        return Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    public func forEachRow(_ sql: String, _ arguments: SQLArguments, _ body: (SQLRow) throws -> Void) throws {
        let result = try execute(sql, arguments)
        defer { PQclear(result) }
        let columnCount = PQnfields(result)
        let columns = SQLColumns((0..<columnCount).map { String(cString: PQfname(result, $0)) })
        let types = (0..<columnCount).map { PQftype(result, $0) }
        for row in 0..<PQntuples(result) {
            var values: [SQLValue] = []
            values.reserveCapacity(Int(columnCount))
            for column in 0..<columnCount {
                values.append(try PostgresValueDecoding.value(of: result, row: row, column: column, type: types[Int(column)]))
            }
            try body(SQLRow(columns: columns, values: values))
        }
    }

    public func insertReturningID(_ sql: String, _ arguments: SQLArguments) throws -> Int64 {
        guard let id = try value(Int64.self, sql + " RETURNING id", arguments) else {
            throw StoreError.corrupt("an insert returned no id: \(sql)")
        }
        return id
    }

    public func inSavepoint<T>(_ body: () throws -> T) throws -> T {
        savepointDepth += 1
        defer { savepointDepth -= 1 }
        let name = "tsprovider_savepoint_\(savepointDepth)"
        try runScript("SAVEPOINT \(name)")
        do {
            let result = try body()
            try runScript("RELEASE SAVEPOINT \(name)")
            return result
        } catch {
            // Undo what the body did; if even that fails the connection is gone and the
            // transaction with it, which the original error reports well enough.
            try? runScript("ROLLBACK TO SAVEPOINT \(name); RELEASE SAVEPOINT \(name)")
            throw error
        }
    }

    public func runScript(_ sql: String) throws {
        let result = PQexec(connection, sql)
        defer { PQclear(result) }
        try check(result, sql: sql)
    }

    public func notify(channel: String, payload: String) throws {
        try run("SELECT pg_notify(?, ?)", [channel, payload])
    }

    // MARK: - Statements

    private struct PreparedKey: Hashable {
        let sql: String
        let types: [Oid]
    }

    /// Prepares (once) and runs a statement; the result is the caller's to clear.
    private func execute(_ sql: String, _ arguments: SQLArguments) throws -> OpaquePointer {
        let parameters = PostgresParameters(arguments)
        let key = PreparedKey(sql: sql, types: parameters.types)
        let name: String
        if let prepared = preparedStatements[key] {
            name = prepared
        } else {
            let (renumbered, placeholders) = PlaceholderRenumbering.renumber(sql)
            guard placeholders == arguments.values.count else {
                throw StoreError.engine("the statement has \(placeholders) placeholders but \(arguments.values.count) arguments were given: \(sql)")
            }
            if preparedStatements.count >= Self.preparedStatementLimit {
                try runScript("DEALLOCATE ALL")
                preparedStatements.removeAll()
            }
            preparedCount += 1
            name = "stmt_\(preparedCount)"
            let prepared = PQprepare(connection, name, renumbered, Int32(parameters.types.count), parameters.types)
            defer { PQclear(prepared) }
            try check(prepared, sql: sql)
            preparedStatements[key] = name
        }
        let result = parameters.withCParameters { values, lengths, formats in
            PQexecPrepared(connection, name, Int32(parameters.types.count), values, lengths, formats, 0)
        }
        do {
            try check(result, sql: sql)
        } catch {
            PQclear(result)
            throw error
        }
        guard let result else { throw StoreError.unavailable("PostgreSQL at \(target) returned no result") }
        return result
    }

    /// Throws the `StoreError` for a failed result (or a lost connection); passes a good one.
    private func check(_ result: OpaquePointer?, sql: String) throws {
        let status = result.map { PQresultStatus($0) } ?? PGRES_FATAL_ERROR
        if status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY { return }
        let sqlState = result.flatMap { PQresultErrorField($0, clibpq_field_sqlstate()) }.map { String(cString: $0) } ?? ""
        // No result, a dead connection, or an error libpq made itself (no SQLSTATE): the server
        // is gone, whatever the statement was.
        guard let result, PQstatus(connection) == CONNECTION_OK, !sqlState.isEmpty else {
            throw StoreError.unavailable("lost the connection to PostgreSQL at \(target): \(Self.connectionMessage(connection))")
        }
        let message = PQresultErrorField(result, clibpq_field_message()).map { String(cString: $0) }
            ?? String(cString: PQresultErrorMessage(result)).droppingTrailingWhitespace()
        throw PostgresErrorMapping.storeError(sqlState: sqlState, message: message, target: target)
    }

    static func connectionMessage(_ connection: OpaquePointer) -> String {
        guard let message = PQerrorMessage(connection) else { return "no message" }
        let text = String(cString: message).droppingTrailingWhitespace()
        return text.isEmpty ? "no message" : text
    }
}

extension String {
    func droppingTrailingWhitespace() -> String {
        var text = Substring(self)
        while let last = text.last, last.isNewline || last == " " { text = text.dropLast() }
        return String(text)
    }
}
