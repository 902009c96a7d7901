import TaskSequenceModel

/// The stored SMS_Package: the model's value, and who created it.
public struct SMSPackageRow: Sendable, Equatable {
    public var package: SMSPackage
    public var createdByUID: UInt32?

    /// The columns of `smsPackage`.
    public enum Columns: String, CaseIterable {
        case packageID, name, description, version, manufacturer, language, packageType, pkgSourcePath, sourceVersion, sourceDate, createdByUID
    }

    public init(package: SMSPackage, createdByUID: UInt32? = nil) {
        self.package = package
        self.createdByUID = createdByUID
    }

    init(row: SQLRow) throws {
        self.init(
            package: SMSPackage(
                packageID: try row.decode(Columns.packageID), name: try row.decode(Columns.name), description: try row.decode(Columns.description),
                version: try row.decode(Columns.version), manufacturer: try row.decode(Columns.manufacturer), language: try row.decode(Columns.language),
                packageType: try row.decode(Columns.packageType), pkgSourcePath: try row.decode(Columns.pkgSourcePath),
                sourceVersion: try row.decode(Columns.sourceVersion), sourceDate: try row.decode(Columns.sourceDate)),
            createdByUID: try row.decode(Columns.createdByUID, as: UInt32?.self))
    }

    private static let columnList = Columns.allCases.map(\.rawValue).joined(separator: ", ")

    private var values: SQLArguments {
        [package.packageID, package.name, package.description, package.version, package.manufacturer, package.language, package.packageType,
         package.pkgSourcePath, package.sourceVersion, package.sourceDate, createdByUID]
    }

    // MARK: Reading

    public static func fetchOne(_ db: StoreDatabase, packageID: String) throws -> SMSPackageRow? {
        try db.row("SELECT \(columnList) FROM smsPackage WHERE packageID = ?", [packageID]).map(SMSPackageRow.init(row:))
    }

    public static func exists(_ db: StoreDatabase, packageID: String) throws -> Bool {
        try db.exists("SELECT 1 FROM smsPackage WHERE packageID = ?", [packageID])
    }

    /// Every SMS_Package PackageID, in order.
    public static func allIDs(_ db: StoreDatabase) throws -> [String] {
        try db.values(String.self, "SELECT packageID FROM smsPackage ORDER BY packageID")
    }

    /// The task sequence packages whose References name `packageID` (in any case), from the
    /// `packageReference` rows the store keeps beside the JSON.
    public static func referencingSequencePackages(_ db: StoreDatabase, packageID: String) throws -> [String] {
        try db.values(String.self, """
            SELECT DISTINCT packageID FROM packageReference WHERE \(db.dialect.caseless("objectID")) = ? ORDER BY packageID
            """, [packageID])
    }

    // MARK: Writing

    public func insert(_ db: StoreDatabase) throws {
        let marks = Array(repeating: "?", count: Columns.allCases.count).joined(separator: ", ")
        try db.run("INSERT INTO smsPackage (\(Self.columnList)) VALUES (\(marks))", values)
    }

    /// Deletes the row; returns whether there was one.
    @discardableResult
    public func delete(_ db: StoreDatabase) throws -> Bool {
        try db.run("DELETE FROM smsPackage WHERE packageID = ?", [package.packageID]) > 0
    }
}
