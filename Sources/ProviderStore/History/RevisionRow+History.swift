import GRDB

extension RevisionRow {
    /// The package's revisions, oldest first, without their XML.
    public static func history(packageID: String, in db: Database) throws -> [(row: RevisionRow, readable: Bool)] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT r.id, r.packageID, r.sourceVersion, r.uid, r.userName, r.time, r.change, p.revisionID IS NOT NULL
            FROM revision r LEFT JOIN revisionPackage p ON p.revisionID = r.id
            WHERE r.packageID = ? ORDER BY r.id
            """, arguments: [packageID])
        return rows.map { row in
            var revision = RevisionRow(packageID: row[1], sourceVersion: row[2], uid: row[3], userName: row[4], time: row[5], change: row[6])
            revision.id = row[0]
            return (revision, row[7])
        }
    }

    /// The ID of the revision that brought the package to `sourceVersion` (the latest such,
    /// as a deletion records the version it deleted).
    public static func id(packageID: String, sourceVersion: UInt32, in db: Database) throws -> Int64? {
        try Int64.fetchOne(db, sql: """
            SELECT MIN(id) FROM revision WHERE packageID = ? AND sourceVersion = ?
            """, arguments: [packageID, sourceVersion])
    }

    /// The canonical XML a whole-sequence revision kept (revisions from before history-v5 have
    /// only this).
    public static func xml(revisionID: Int64, in db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT xml FROM revision WHERE id = ?", arguments: [revisionID])
    }
}
