import DBusKit

/// Path elements for IDs: letters and digits stay as they are (`PS100004`, `42`), anything
/// else is escaped the way systemd does (`_xx` hex), so every ID maps to exactly one element.
enum PathLabel {
    static func element(_ label: String) -> String {
        let plain = !label.isEmpty && label.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        }
        return plain ? label : ObjectPath.escape(label)
    }

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
        (try? appending(PathLabel.element(label))) ?? self
    }
}
