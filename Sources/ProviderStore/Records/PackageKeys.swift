import GRDB

extension PackageRow {
    /// Every task sequence PackageID, in order.
    public static func allIDs(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT packageID FROM package ORDER BY packageID")
    }
}
