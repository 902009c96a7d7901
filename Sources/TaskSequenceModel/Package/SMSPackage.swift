/// An SMS_Package: a package that task sequences reference (boot images, OS images, software),
/// as the service serves it, takes it for `CreateInstance` and the store keeps it.
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
}
