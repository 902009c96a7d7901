extension RevisionRow {
    /// The package's revisions, oldest first, without their XML.
    public static func history(packageID: String, in db: StoreDatabase) throws -> [(row: RevisionRow, readable: Bool)] {
        try db.rows("""
            SELECT r.id, r.packageID, r.sourceVersion, r.uid, r.userName, r.time, r.change, CASE WHEN p.revisionID IS NULL THEN 0 ELSE 1 END AS readable
            FROM revision r LEFT JOIN revisionPackage p ON p.revisionID = r.id
            WHERE r.packageID = ? ORDER BY r.id
            """, [packageID]).map { row in
            var revision = RevisionRow(
                packageID: try row.decode("packageID"), sourceVersion: try row.decode("sourceVersion"), uid: try row.decode("uid"),
                userName: try row.decode("userName"), time: try row.decode("time"), change: try row.decode("change"))
            revision.id = try row.decode("id")
            return (revision, try row.decode("readable"))
        }
    }

    /// The ID of the revision that brought the package to `sourceVersion` (the latest such,
    /// as a deletion records the version it deleted).
    public static func id(packageID: String, sourceVersion: UInt32, in db: StoreDatabase) throws -> Int64? {
        try db.value(Int64.self, "SELECT MIN(id) FROM revision WHERE packageID = ? AND sourceVersion = ?", [packageID, sourceVersion])
    }

    /// The canonical XML a whole-sequence revision kept (revisions from before history-v5 have
    /// only this).
    public static func xml(revisionID: Int64, in db: StoreDatabase) throws -> String? {
        try db.value(String.self, "SELECT xml FROM revision WHERE id = ?", [revisionID])
    }
}
