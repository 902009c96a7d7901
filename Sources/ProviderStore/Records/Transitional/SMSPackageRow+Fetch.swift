import GRDB

// SMSPackageRow is still a GRDB record (seam-security-query moves it onto `StoreDatabase`); its
// fetch by key, kept from the former PreparedFetches.swift until then.
extension SMSPackageRow {
    public static func fetchOne(_ db: Database, packageID: String) throws -> SMSPackageRow? {
        try fetchOne(db.cachedStatement(sql: "SELECT * FROM smsPackage WHERE packageID = ?"), arguments: [packageID])
    }
}
