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
        try statement.withBound(arguments) { try statement.execute() }
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
        try statement.withBound(arguments) {
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
    /// Runs `body` with `arguments` bound to the statement's `?` placeholders by SQLite's own
    /// calls, so that `execute()` and `fetchCursor` in `body` run it as bound; then clears the
    /// bindings. GRDB's `StatementArguments` would convert and check every value again, which was
    /// about 6% of an import's CPU.
    ///
    /// Texts are copied once into one buffer that lives until the bindings are cleared, and bound
    /// from there without SQLite copying each (`SQLITE_STATIC`): a multi-row insert binds a
    /// thousand texts, and SQLite's own copy of each was an allocation apiece.
    ///
    /// `setUncheckedArguments` with no values clears the old bindings and tells GRDB the
    /// statement is bound; `sqlite3_reset`, which GRDB calls before stepping, keeps bindings.
    func withBound<T>(_ arguments: SQLArguments, _ body: () throws -> T) throws -> T {
        let expected = Int(sqlite3_bind_parameter_count(sqliteStatement))
        guard arguments.values.count == expected else {
            throw DatabaseError(resultCode: .SQLITE_MISUSE,
                                message: "wrong number of statement arguments: \(arguments.values.count) for \(expected) placeholders", sql: sql)
        }
        setUncheckedArguments(StatementArguments())
        var textBytes = 0
        for case .text(let text) in arguments.values { textBytes += text.utf8.count }
        // Only a statement binding texts needs the buffer, and clearing its bindings after.
        let texts: UnsafeMutableRawBufferPointer? = textBytes > 0 ? .allocate(byteCount: textBytes, alignment: 1) : nil
        defer {
            if let texts {
                // No binding may outlive the buffer it points into.
                sqlite3_clear_bindings(sqliteStatement)
                texts.deallocate()
            }
        }
        var used = 0
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
                // An empty text needs a pointer all the same (SQLite binds NULL for a null one).
                guard let texts, !text.isEmpty else {
                    code = sqlite3_bind_text(sqliteStatement, index, "", 0, sqliteTransient)
                    break
                }
                let start = used
                text.withUTF8 { bytes in
                    UnsafeMutableRawBufferPointer(rebasing: texts[start..<start + bytes.count]).copyMemory(from: UnsafeRawBufferPointer(bytes))
                    used += bytes.count
                }
                code = sqlite3_bind_text(sqliteStatement, index, texts.baseAddress.map { $0.advanced(by: start).assumingMemoryBound(to: CChar.self) },
                                         Int32(used - start), sqliteStatic)
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
        return try body()
    }
}

/// SQLite copies a value bound with this destructor before the bind call returns.
private let sqliteTransient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
/// No destructor (`SQLITE_STATIC`): SQLite reads the value where it is, until the binding is cleared.
private let sqliteStatic: sqlite3_destructor_type? = nil

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
