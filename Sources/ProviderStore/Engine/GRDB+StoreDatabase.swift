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
        try statement.execute(arguments: StatementArguments(arguments))
        return changesCount
    }

    /// Values are read straight from the SQLite statement into one buffer that every row of the
    /// result reuses (a row the body keeps gets its own copy), with no `Row` or `DatabaseValue` in
    /// between: whole-sequence reads go through here a row per step.
    public func forEachRow(_ sql: String, _ arguments: SQLArguments, _ body: (SQLRow) throws -> Void) throws {
        let statement = try cachedStatement(sql: sql)
        let columns = SQLColumns(statement.columnNames)
        let columnCount = Int32(statement.columnCount)
        let sqliteStatement = statement.sqliteStatement
        let cursor = try Row.fetchCursor(statement, arguments: StatementArguments(arguments))
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

extension StatementArguments {
    init(_ arguments: SQLArguments) {
        self.init(arguments.values.map { DatabaseValue($0) })
    }
}

extension DatabaseValue {
    init(_ value: SQLValue) {
        switch value {
        case .null: self = .null
        case .integer(let number): self = number.databaseValue
        case .real(let number): self = number.databaseValue
        case .text(let text): self = text.databaseValue
        case .blob(let bytes): self = Data(bytes).databaseValue
        }
    }
}

extension SQLValue {
    init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let number): self = .integer(number)
        case .double(let number): self = .real(number)
        case .string(let text): self = .text(text)
        case .blob(let data): self = .blob([UInt8](data))
        }
    }
}

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
