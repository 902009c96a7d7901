import DBusKit
import ProviderContract

/// Operation `index` (zero-based) of an `Edit` batch failed with `error`; nothing of the batch
/// was written. Sent under the failed operation's own error name, its message naming the
/// operation (docs/dbus-api.md, Edit), so a client matches it as that operation's error.
struct BatchOperationError: Error, DBusErrorConvertible, CustomStringConvertible {
    var index: Int
    var operation: String
    var error: ProviderError

    var description: String {
        "operation \(index) (\(operation)): \(error.wireMessage); no operation of the batch was applied"
    }

    var dbusError: DBusError {
        DBusError(name: error.dbusError.name, message: description)
    }
}
