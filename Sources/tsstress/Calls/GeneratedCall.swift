import DBusKit

/// A call ready to send, with a one-line account of it for reports (which member, on what,
/// with which arguments), so a finding can be replayed by hand with busctl.
struct GeneratedCall: Sendable {
    var message: DBusMessage
    var summary: String

    /// `path interface.Member(signature) arguments…`, the arguments cut to `limit` characters.
    static func summarize(path: ObjectPath, interface: String?, member: String, arguments: [DBusValue], limit: Int = 240) -> String {
        let signature = arguments.map(\.type.signature).joined()
        var shown = arguments.map(\.description).joined(separator: ", ")
        if shown.count > limit { shown = String(shown.prefix(limit)) + "… (\(shown.utf8.count) bytes)" }
        return "\(path) \(interface ?? "(no interface)").\(member)(\(signature)) [\(shown)]"
    }
}
