import Foundation
import GRDB
import GRDBSQLite

/// SQLite through GRDB: GRDB keeps the pool, WAL, migrations and the statement cache; the store
/// talks to it through `StoreDatabase` like to any engine.
extension Database: StoreDatabase {
    public var dialect: SQLDialect { .sqlite }

    @discardableResult
    public func run(_ sql: String, _ arguments: SQLArguments) throws -> Int {
        let statement = try cachedStatement(sql: sql)
        try statement.bind(arguments)
        try statement.execute()
        return changesCount
    }

    /// Values are read straight from the SQLite statement into one buffer that every row of the
    /// result reuses (a row the body keeps gets its own copy), with no `Row` or `DatabaseValue` in
    /// between: whole-sequence reads go through here a row per step.
    public func forEachRow(_ sql: String, _ arguments: SQLArguments, _ body: (SQLRow) throws -> Void) throws {
        let statement = try cachedStatement(sql: sql)
        let columns = SQLColumns.cached(for: sql) { statement.columnNames }
        let columnCount = Int32(statement.columnCount)
        let sqliteStatement = statement.sqliteStatement
        try statement.bind(arguments)
        let cursor = try Row.fetchCursor(statement)
        var values: [SQLValue] = []
        values.reserveCapacity(Int(columnCount))
        while try cursor.next() != nil {
            values.removeAll(keepingCapacity: true)
            for column in 0..<columnCount {
                values.append(SQLValue(sqliteStatement, column: column))
            }
            try body(SQLRow(columns: columns, values: values))
        }
    }

    public func insertReturningID(_ sql: String, _ arguments: SQLArguments) throws -> Int64 {
        try run(sql, arguments)
        return lastInsertedRowID
    }

    public func inSavepoint<T>(_ body: () throws -> T) throws -> T {
        var result: T?
        try inSavepoint {
            result = try body()
            return .commit
        }
        guard let result else { throw StoreError.corrupt("a savepoint ended without a result") }
        return result
    }

    public func runScript(_ sql: String) throws {
        try execute(sql: sql)
    }

    /// One process owns a SQLite store, so there is no one else to tell.
    public func notify(channel: String, payload: String) throws {}
}

extension Statement {
    /// Binds `arguments` to the statement's `?` placeholders with SQLite's own calls, so that
    /// `execute()` and `fetchCursor` then run it as bound. GRDB's `StatementArguments` would
    /// convert and check every value again, which was about 6% of an import's CPU.
    ///
    /// `setUncheckedArguments` with no values clears the old bindings and tells GRDB the
    /// statement is bound; `sqlite3_reset`, which GRDB calls before stepping, keeps bindings.
    func bind(_ arguments: SQLArguments) throws {
        let expected = Int(sqlite3_bind_parameter_count(sqliteStatement))
        guard arguments.values.count == expected else {
            throw DatabaseError(resultCode: .SQLITE_MISUSE,
                                message: "wrong number of statement arguments: \(arguments.values.count) for \(expected) placeholders", sql: sql)
        }
        setUncheckedArguments(StatementArguments())
        for (offset, value) in arguments.values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null:
                code = sqlite3_bind_null(sqliteStatement, index)
            case .integer(let number):
                code = sqlite3_bind_int64(sqliteStatement, index, number)
            case .real(let number):
                code = sqlite3_bind_double(sqliteStatement, index, number)
            case .text(var text):
                code = text.withUTF8 { bytes in
                    // An empty string has no storage; SQLite would bind NULL for a NULL pointer.
                    guard let start = bytes.baseAddress, !bytes.isEmpty else { return sqlite3_bind_text(sqliteStatement, index, "", 0, sqliteTransient) }
                    return start.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                        sqlite3_bind_text(sqliteStatement, index, $0, Int32(bytes.count), sqliteTransient)
                    }
                }
            case .blob(let bytes):
                code = bytes.withUnsafeBytes { raw in
                    guard let start = raw.baseAddress, !raw.isEmpty else { return sqlite3_bind_zeroblob(sqliteStatement, index, 0) }
                    return sqlite3_bind_blob(sqliteStatement, index, start, Int32(raw.count), sqliteTransient)
                }
            }
            guard code == SQLITE_OK else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot bind argument \(index)", sql: sql)
            }
        }
    }
}

/// SQLite copies a value bound with this destructor before the bind call returns.
private let sqliteTransient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

extension SQLValue {
    /// The value of `column` in the statement's current row.
    init(_ statement: SQLiteStatement, column: Int32) {
        switch sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER:
            self = .integer(sqlite3_column_int64(statement, column))
        case SQLITE_FLOAT:
            self = .real(sqlite3_column_double(statement, column))
        case SQLITE_TEXT:
            // The text first, then its length in bytes, as SQLite's documentation orders them.
            guard let text = sqlite3_column_text(statement, column) else {
                self = .text("")
                return
            }
            let count = Int(sqlite3_column_bytes(statement, column))
            self = .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let bytes = sqlite3_column_blob(statement, column)
            let count = Int(sqlite3_column_bytes(statement, column))
            self = .blob(bytes.map { Array(UnsafeRawBufferPointer(start: $0, count: count)) } ?? [])
        default:
            self = .null
        }
    }
}
