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
