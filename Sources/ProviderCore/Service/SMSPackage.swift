import ProviderStore

/// An SMS_Package (boot images, OS images, software that sequences reference), as the service
/// hands it to the bus and takes it for `CreateInstance`.
public struct SMSPackage: Sendable, Equatable {
    public var packageID: String
    public var name: String
    public var description: String
    public var version: String
    public var manufacturer: String
    public var language: String
    /// SMS_PackageBaseclass.PackageType: 0 regular, 257 image, 258 boot image, 259 OS install …
    public var packageType: UInt32
    public var pkgSourcePath: String
    /// Grows with every change; set by the service.
    public var sourceVersion: UInt32
    /// Seconds since the Unix epoch; set by the service.
    public var sourceDate: Int64

    public init(
        packageID: String = "", name: String = "", description: String = "", version: String = "",
        manufacturer: String = "", language: String = "", packageType: UInt32 = 0, pkgSourcePath: String = "",
        sourceVersion: UInt32 = 1, sourceDate: Int64 = 0
    ) {
        self.packageID = packageID
        self.name = name
        self.description = description
        self.version = version
        self.manufacturer = manufacturer
        self.language = language
        self.packageType = packageType
        self.pkgSourcePath = pkgSourcePath
        self.sourceVersion = sourceVersion
        self.sourceDate = sourceDate
    }

    init(row: SMSPackageRow) {
        self.init(
            packageID: row.packageID, name: row.name, description: row.description, version: row.version, manufacturer: row.manufacturer,
            language: row.language, packageType: row.packageType, pkgSourcePath: row.pkgSourcePath, sourceVersion: row.sourceVersion,
            sourceDate: row.sourceDate)
    }

    func row(createdBy uid: UInt32) -> SMSPackageRow {
        SMSPackageRow(
            packageID: packageID, name: name, description: description, version: version, manufacturer: manufacturer, language: language,
            packageType: packageType, pkgSourcePath: pkgSourcePath, sourceVersion: sourceVersion, sourceDate: sourceDate, createdByUID: uid)
    }
}
