/// The provider's object paths as text, for what the service and its clients must spell the
/// same way (permission entries name their object by their keys, so a client can compute the
/// path an entry is served at without asking).
///
/// The elements that name an ID follow one rule on both sides: letters and digits stay as they
/// are (`PS100004`, `42`), anything else is escaped the way systemd escapes bus labels (`_xx`
/// lowercase hex, a leading digit escaped too), so every ID maps to exactly one element —
/// the escaping of DBusKit's `ObjectPath.escape`, which the service reverses when it parses a
/// path (this module does not depend on DBusKit).
public enum ProviderObjectPath {
    /// The root object: `/org/tsprovider/Provider1`.
    public static let root = "/org/tsprovider/Provider1"

    /// The class object of `className`: `/org/tsprovider/Provider1/<ClassName>`.
    public static func classObject(_ className: String) -> String {
        root + "/" + className
    }

    /// The path element that names `label`.
    public static func element(_ label: String) -> String {
        let bytes = Array(label.utf8)
        if !bytes.isEmpty, bytes.allSatisfy(isLetterOrDigit) { return label }
        if bytes.isEmpty { return "_" }
        let hex = Array("0123456789abcdef".utf8)
        var escaped: [UInt8] = []
        escaped.reserveCapacity(bytes.count * 3)
        for (index, byte) in bytes.enumerated() {
            if isLetter(byte) || (isDigit(byte) && index > 0) {
                escaped.append(byte)
            } else {
                escaped.append(UInt8(ascii: "_"))
                escaped.append(hex[Int(byte >> 4)])
                escaped.append(hex[Int(byte & 0xF)])
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isLetterOrDigit(_ byte: UInt8) -> Bool { isLetter(byte) || isDigit(byte) }
}
