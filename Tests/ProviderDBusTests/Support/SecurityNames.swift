/// The names of the permission classes and errors, as a client spells them (from docs/dbus-api.md's
/// security contract, not from the daemon's code).
extension Provider {
    static let classPermissionsClass = "SMS_UserClassPermissions"
    static let instancePermissionsClass = "SMS_UserInstancePermissions"
    static let objectManagerInterface = "org.freedesktop.DBus.ObjectManager"

    static let unknownObjectError = "org.freedesktop.DBus.Error.UnknownObject"
    static let accessDeniedError = "org.freedesktop.DBus.Error.AccessDenied"
    static let invalidArgsError = "org.freedesktop.DBus.Error.InvalidArgs"
    static let notFoundError = "org.tsprovider.Provider1.Error.NotFound"

    /// `SMS_TaskSequencePackage.PackageID="ID"`.
    static func packageRelativePath(_ id: String) -> String {
        "SMS_TaskSequencePackage.PackageID=\"\(id)\""
    }

    /// `SMS_Package.PackageID="ID"`.
    static func smsPackageRelativePath(_ id: String) -> String {
        "SMS_Package.PackageID=\"\(id)\""
    }

    static func packagePath(_ id: String) -> String { packageClassPath + "/" + id }
    static func smsPackagePath(_ id: String) -> String { smsPackageClassPath + "/" + id }
}
