import DBusKit
import ProviderContract
import ProviderCore

extension ProviderError: DBusErrorConvertible {
    /// The name from the contract's table (standard names where they fit, the provider's own
    /// otherwise); the message always says what was wrong and what was expected.
    public var dbusError: DBusError {
        DBusError(name: dbusName ?? DBusError.failed("").name, message: wireMessage)
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
