import GRDB

extension RevisionRow {
    private static let insertSQL = """
        INSERT INTO revision (packageID, sourceVersion, uid, userName, time, change, xml, warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// Stores the revision and sets `id`.
    ///
    /// On SQLite the statement is prepared for this insert alone: SQLite keeps the buffer it built
    /// the row in with the statement, which, cached, would hold the size of the largest XML ever
    /// stored (a 30 MiB import) for the daemon's lifetime. The one engine-specific statement path
    /// of the records.
    public mutating func insert(_ db: StoreDatabase) throws {
        let arguments: SQLArguments = [packageID, sourceVersion, uid, userName, time, change, xml, try warningsJSON]
        if db.dialect == .sqlite, let sqlite = db as? Database {
            let statement = try sqlite.makeStatement(sql: Self.insertSQL)
            try statement.bind(arguments)
            try statement.execute()
            id = sqlite.lastInsertedRowID
        } else {
            id = try db.insertReturningID(Self.insertSQL, arguments)
        }
    }
}
