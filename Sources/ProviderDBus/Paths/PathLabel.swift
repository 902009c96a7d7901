import DBusKit
import ProviderContract

/// The IDs that path elements name: the reverse of the contract's
/// ``ProviderObjectPath/element(_:)``, which names them.
enum PathLabel {
    static func label(_ element: some StringProtocol) -> String {
        // A byte search: `contains("_")` would go through Foundation's string search, which
        // showed in the profile of every call.
        element.utf8.contains(UInt8(ascii: "_")) ? ObjectPath.unescape(element) : String(element)
    }
}

extension ObjectPath {
    /// This path with a fixed element (a class name, `Steps`): valid by construction.
    func appending(fixed element: String) -> ObjectPath {
        (try? appending(element)) ?? self
    }

    /// This path with one more element naming `label`.
    func appending(label: String) -> ObjectPath {
        // A plain or escaped label is always a valid element.
        (try? appending(ProviderObjectPath.element(label))) ?? self
    }
}
