extension SQLDialect {
    /// `column = ?` compared without regard to case, for key columns that SQLite keeps as
    /// written and indexes `COLLATE NOCASE` (CollectionIDs, PackageIDs of advertisements,
    /// variable names). PostgreSQL declares those columns `citext`, where `=` already ignores
    /// case and uses the column's index.
    func keyEqualsIgnoringCase(_ column: String) -> String {
        switch self {
        case .sqlite: "\(column) = ? COLLATE NOCASE"
        case .postgresql: "\(column) = ?"
        }
    }
}

extension StoreDatabase {
    /// Runs an `INSERT` into a table whose integer primary key is `key` rather than `id`
    /// (`computer.resourceID`, `collectionRuleQuery.queryID`) and returns the new row's key.
    func insertReturningKey(_ sql: String, _ arguments: SQLArguments, key: String) throws -> Int64 {
        switch dialect {
        case .sqlite:
            // SQLite's last inserted rowid is the INTEGER PRIMARY KEY, whatever its name.
            return try insertReturningID(sql, arguments)
        case .postgresql:
            guard let inserted = try value(Int64.self, sql + " RETURNING \(key)", arguments) else {
                throw StoreError.corrupt("an insert returned no \(key)")
            }
            return inserted
        }
    }
}
