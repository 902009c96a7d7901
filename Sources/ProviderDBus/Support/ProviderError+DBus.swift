import DBusKit
import ProviderCore

/// The provider's own error names (docs/dbus-api.md, Errors): `org.tsprovider.Provider1.Error.*`.
let providerErrors = DBusErrorDomain("org.tsprovider.Provider1.Error")

extension ProviderError: DBusErrorConvertible {
    /// Standard names where they fit; the provider's own otherwise. The message always says
    /// what was wrong and what was expected.
    public var dbusError: DBusError { dbusError(description) }

    /// The error name of the case (of the failed operation's, for a batch) with `description`.
    private func dbusError(_ description: String) -> DBusError {
        switch self {
        case .accessDenied: .accessDenied(description)
        case .notFound: providerErrors.error("NotFound", description)
        case .conflict: providerErrors.error("Conflict", description)
        case .invalidXML: providerErrors.error("InvalidXml", description)
        case .invalidQuery: providerErrors.error("InvalidQuery", description)
        case .validationFailed: providerErrors.error("ValidationFailed", description)
        case .invalidArgument: .invalidArgs(description)
        case .unknownProperty: .unknownProperty(description)
        case .readOnly: .propertyReadOnly(description)
        case .limitsExceeded: .limitsExceeded(description)
        case .storage: providerErrors.error("StorageFailed", description)
        case .storageFull: providerErrors.error("StorageFull", description)
        case .storageReadOnly: providerErrors.error("StorageReadOnly", description)
        case .inOperation(_, _, let error): error.dbusError(description)
        }
    }
}

/// Runs provider work for an object; a `notFound` means the object does not exist for this
/// caller, which D-Bus spells `UnknownObject`.
func resolving<T>(_ body: () throws -> T) throws -> T? {
    do {
        return try body()
    } catch ProviderError.notFound {
        return nil
    }
}
