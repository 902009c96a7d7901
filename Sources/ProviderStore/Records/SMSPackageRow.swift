import GRDB

/// A package that sequences reference (SMS_Package: boot images, OS images, software).
public struct SMSPackageRow: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "smsPackage"

    public var packageID: String
    public var name: String
    public var description: String
    public var version: String
    public var manufacturer: String
    public var language: String
    /// SMS_PackageBaseclass.PackageType: 0 regular, 257 image, 258 boot image, 259 OS install …
    public var packageType: UInt32
    public var pkgSourcePath: String
    public var sourceVersion: UInt32
    public var sourceDate: Int64
    public var createdByUID: UInt32?

    public init(
        packageID: String, name: String = "", description: String = "", version: String = "",
        manufacturer: String = "", language: String = "", packageType: UInt32 = 0, pkgSourcePath: String = "",
        sourceVersion: UInt32 = 1, sourceDate: Int64 = 0, createdByUID: UInt32? = nil
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
        self.createdByUID = createdByUID
    }
}
