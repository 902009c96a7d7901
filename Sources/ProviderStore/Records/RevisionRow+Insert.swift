import GRDB

extension RevisionRow {
    private static let insertSQL = """
        INSERT INTO revision (packageID, sourceVersion, uid, userName, time, change, xml, warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// Stores the revision and sets `id`.
    ///
    /// On SQLite a revision keeping a large XML (or many warnings) is inserted by a statement prepared for it alone:
    /// SQLite keeps the buffer it built the row in with the statement, which, cached, would hold
    /// the size of the largest XML ever stored (a 30 MiB import) for the daemon's lifetime. Every
    /// other revision — an import's, an edit's — goes through the cached statement, as it is
    /// recorded on every change. The one engine-specific statement path of the records.
    public mutating func insert(_ db: StoreDatabase) throws {
        let warnings = try warningsJSON
        let arguments: SQLArguments = [packageID, sourceVersion, uid, userName, time, change, xml, warnings]
        let textBytes = (xml?.utf8.count ?? 0) + (warnings?.utf8.count ?? 0)
        if textBytes > Self.largeTextBytes, db.dialect == .sqlite, let sqlite = db as? Database {
            let statement = try sqlite.makeStatement(sql: Self.insertSQL)
            try statement.withBound(arguments) { try statement.execute() }
            id = sqlite.lastInsertedRowID
        } else {
            id = try db.insertReturningID(Self.insertSQL, arguments)
        }
    }

    /// From this size of XML and warnings on, a revision is not left in a cached statement's buffer.
    private static let largeTextBytes = 64 * 1024
}
