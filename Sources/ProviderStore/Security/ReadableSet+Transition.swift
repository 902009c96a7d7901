import GRDB

extension ReadableSet {
    /// The condition as GRDB SQL, for SQLite requests not yet written against `StoreDatabase`
    /// (they should take the set and call ``condition(on:dialect:)``); goes once they are.
    public func restriction(on column: SQL) throws -> SQL? {
        switch self {
        case .all: return nil
        case .none: return "0"
        default:
            guard let test = keyTest(dialect: .sqlite) else { return nil }
            return column + SQL(sql: " " + test.sql, arguments: StatementArguments(test.arguments))
        }
    }
}
