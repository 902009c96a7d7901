import DBusKit
import Synchronization
import TestSupport

/// Every signal from the provider one connection receives, in arrival order.
final class SignalCollector: Sendable {
    let connection: DBusConnection
    private let inbox = Inbox()
    private let reader: Task<Void, Never>

    private final class Inbox: Sendable {
        let signals = Mutex<[ReceivedSignal]>([])
    }

    /// A new connection to the daemon's bus, listening to everything the provider emits
    /// under its root (its Instance* signals, ObjectManager and PropertiesChanged signals).
    init(_ daemon: ProviderDaemon) throws {
        connection = try DBusConnection(address: daemon.bus.address)
        let stream = try connection.signals(matching: MatchRule(sender: Provider.busName, pathNamespace: ObjectPath(Provider.rootPath)))
        reader = Task { [inbox] in
            for await signal in stream { inbox.signals.withLock { $0.append(signal) } }
        }
    }

    deinit {
        reader.cancel()
        connection.close()
    }

    var signals: [ReceivedSignal] { inbox.signals.withLock { $0 } }

    /// Opts in to the provider's change signals (`Subscribe` on the root object).
    func subscribe(_ member: String = "Subscribe") throws {
        _ = try connection.call(destination: Provider.busName, path: ObjectPath(Provider.rootPath), interface: Provider.rootInterface, method: member)
    }

    /// Waits (up to a hang guard) until a signal satisfying `condition` has arrived; returns it.
    func first(where condition: (ReceivedSignal) -> Bool) async -> ReceivedSignal? {
        var found: ReceivedSignal?
        _ = await waitUntil(timeout: .seconds(20)) {
            found = signals.first(where: condition)
            return found != nil
        }
        return found
    }
}

extension ReceivedSignal {
    /// Whether this is `member` and mentions `path` (as the emitting object or an argument).
    func `is`(_ member: String, about path: ObjectPath) -> Bool {
        self.member == member && (self.path == path || arguments.contains(.objectPath(path)))
    }

    /// The `a{sv}` of changed properties of a `PropertiesChanged`.
    var changedProperties: [String: DBusValue] {
        arguments.count >= 2 ? arguments[1].stringKeyedEntries ?? [:] : [:]
    }
}
