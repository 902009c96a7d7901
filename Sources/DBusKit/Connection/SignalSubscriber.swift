
/// A subscription's local end: its rule and where matching signals go.
final class SignalSubscriber: Sendable {
    let rule: MatchRule
    let deliver: @Sendable (ReceivedSignal) -> Void
    let finish: @Sendable () -> Void
    /// The unique name currently owning a well-known `rule.sender`.
    let senderOwner = Locked<String?>(nil)

    init(rule: MatchRule, deliver: @escaping @Sendable (ReceivedSignal) -> Void, finish: @escaping @Sendable () -> Void) {
        self.rule = rule
        self.deliver = deliver
        self.finish = finish
    }

    var tracksSenderOwner: Bool {
        guard let sender = rule.sender else { return false }
        return !sender.hasPrefix(":") && sender != BusDaemon.name
    }
}

/// Names of the bus daemon's own object.
enum BusDaemon {
    static let name = "org.freedesktop.DBus"
    static let interface = "org.freedesktop.DBus"
    static let path = ObjectPath(unchecked: "/org/freedesktop/DBus")
}
