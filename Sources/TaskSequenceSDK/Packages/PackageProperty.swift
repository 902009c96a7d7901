import DBusKit

extension PackageProperty {
    /// The property's D-Bus type: numbers for Duration, ProgramFlags, Priority and PkgFlags, a
    /// flag for TsEnabled, text otherwise.
    var dbusType: DBusType {
        switch self {
        case .duration, .programFlags, .priority, .pkgFlags: .uint32
        case .tsEnabled: .boolean
        default: .string
        }
    }
}
