/// PackageIDs across the two package tables (task sequence packages and SMS_Package rows),
/// which share one numbering.
public enum PackageKeys {
    /// Which of `packageIDs` the site has, as SMS_Package rows or as task sequence packages.
    public static func existing(among packageIDs: Set<String>, in db: StoreDatabase) throws -> Set<String> {
        let ids = packageIDs.filter { !$0.isEmpty }.sorted()
        guard !ids.isEmpty else { return [] }
        let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        let arguments = SQLArguments(binding: ids)
        return Set(try db.values(String.self, """
            SELECT packageID FROM smsPackage WHERE packageID IN (\(placeholders))
            UNION SELECT packageID FROM package WHERE packageID IN (\(placeholders))
            """, arguments + arguments))
    }

    /// Whether `packageID` is taken, by either kind of package.
    public static func isTaken(_ packageID: String, in db: StoreDatabase) throws -> Bool {
        try PackageRow.exists(db, packageID: packageID) || SMSPackageRow.exists(db, packageID: packageID)
    }
}
