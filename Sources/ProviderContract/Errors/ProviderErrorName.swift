/// The D-Bus error names a provider call fails with, one per kind of failure (docs/dbus-api.md,
/// Errors): standard `org.freedesktop.DBus.Error.*` names where they fit, the provider's own
/// `org.tsprovider.Provider1.Error.*` otherwise.
///
/// The one table both directions read: ProviderDBus sends the service's errors under these
/// names, and the SDK turns a reply carrying one of them back into its error.
public enum ProviderErrorName: String, CaseIterable, Sendable, Hashable {
    /// The caller lacks a right on an object it can see.
    case accessDenied = "org.freedesktop.DBus.Error.AccessDenied"
    /// An ID or relative path named in an argument names nothing (for the caller).
    case notFound = "org.tsprovider.Provider1.Error.NotFound"
    /// Nothing at that object path (for the caller).
    case unknownObject = "org.freedesktop.DBus.Error.UnknownObject"
    /// A stale edit: the package's SourceVersion is not the one expected.
    case conflict = "org.tsprovider.Provider1.Error.Conflict"
    /// XML that does not read.
    case invalidXML = "org.tsprovider.Provider1.Error.InvalidXml"
    /// WQL that does not parse.
    case invalidQuery = "org.tsprovider.Provider1.Error.InvalidQuery"
    /// A value that breaks a rule of the object model.
    case validationFailed = "org.tsprovider.Provider1.Error.ValidationFailed"
    /// A method argument that is wrong in itself.
    case invalidArguments = "org.freedesktop.DBus.Error.InvalidArgs"
    /// No property of that name.
    case unknownProperty = "org.freedesktop.DBus.Error.UnknownProperty"
    /// A property that cannot be written.
    case readOnly = "org.freedesktop.DBus.Error.PropertyReadOnly"
    /// A method or interface the daemon does not serve.
    case notSupported = "org.freedesktop.DBus.Error.UnknownMethod"
    /// A payload or count beyond what the provider accepts.
    case limitsExceeded = "org.freedesktop.DBus.Error.LimitsExceeded"
    /// The store failed (an I/O error, damaged data); nothing was changed.
    case storageFailed = "org.tsprovider.Provider1.Error.StorageFailed"
    /// The disk holding the store is full; nothing was changed.
    case storageFull = "org.tsprovider.Provider1.Error.StorageFull"
    /// The store cannot be written (read-only file, directory or file system); nothing was changed.
    case storageReadOnly = "org.tsprovider.Provider1.Error.StorageReadOnly"
    /// The provider is not running, or the bus cannot be reached.
    case serviceUnavailable = "org.freedesktop.DBus.Error.ServiceUnknown"

    /// The prefix of the provider's own error names, without a trailing dot.
    public static let providerDomain = "org.tsprovider.Provider1.Error"

    /// The provider's own names (those under ``providerDomain``), by their full name.
    public static let providerNames: [String: ProviderErrorName] = Dictionary(
        uniqueKeysWithValues: allCases.filter { $0.rawValue.hasPrefix(providerDomain + ".") }.map { ($0.rawValue, $0) })

    /// The full D-Bus error name.
    public var dbusName: String { rawValue }
}
