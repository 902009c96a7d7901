import Foundation
import GRDB

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

    public func forEachRow(_ sql: String, _ arguments: SQLArguments, _ body: (SQLRow) throws -> Void) throws {
        let statement = try cachedStatement(sql: sql)
        let columns = SQLColumns(statement.columnNames)
        let cursor = try Row.fetchCursor(statement, arguments: StatementArguments(arguments))
        while let row = try cursor.next() {
            var values: [SQLValue] = []
            values.reserveCapacity(row.count)
            for databaseValue in row.databaseValues { values.append(SQLValue(databaseValue)) }
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
