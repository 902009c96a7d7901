import DBusKit
import Dispatch
import Synchronization

/// The provider's change events as an `AsyncSequence`: made by ``ProviderClient/changes()``.
///
/// ```swift
/// for await event in try client.changes() where event.className == "SMS_TaskSequencePackage" {
///     print(event.kind, event.relativePath)
/// }
/// ```
///
/// The subscription is in place when `changes()` returns, so nothing that happens afterwards is
/// missed. Ending the iteration (or cancelling its task) unsubscribes. When the daemon restarts,
/// the stream subscribes again by itself (events while it was down are lost); when the
/// connection to the bus closes, the stream finishes.
public struct ChangeEventStream: AsyncSequence, Sendable {
    /// Events.
    public typealias Element = ChangeEvent
    /// The iterator.
    public typealias AsyncIterator = AsyncStream<ChangeEvent>.Iterator

    let stream: AsyncStream<ChangeEvent>

    /// Starts an iteration.
    public func makeAsyncIterator() -> AsyncStream<ChangeEvent>.Iterator {
        stream.makeAsyncIterator()
    }
}

extension ProviderClient {
    /// Subscribes to change events: every object you may read that is created, modified or
    /// deleted from now on. See ``ChangeEventStream``.
    ///
    /// Several streams of one client may run at once; each sees every event. (The daemon keeps
    /// one subscription per connection, and a client's streams share its connection: the
    /// client unsubscribes when the last of them ends.)
    ///
    /// - Throws: ``ProviderError/serviceUnavailable(_:)`` when the provider is not running.
    public func changes() throws -> ChangeEventStream {
        let connection = try connection()
        let serviceName = options.serviceName
        let rule = MatchRule(sender: serviceName, interface: ProviderInterface.root, path: ProviderPaths.root)
        let signals: AsyncStream<ReceivedSignal>
        let owners: AsyncStream<String?>
        do {
            signals = try connection.signals(matching: rule)
            owners = try connection.nameOwnerChanges(of: serviceName)
        } catch {
            throw ProviderError(converting: error)
        }
        // Subscribe now, waiting for the answer, so the caller knows the subscription is in place.
        let subscriptions = eventSubscriptions
        do {
            try subscriptions.start(on: connection, serviceName: serviceName, timeout: options.callTimeout)
        } catch DBusError.serviceUnknown, DBusError.nameHasNoOwner {
            // Not running yet: the owner watch below subscribes once it is.
        } catch {
            throw ProviderError(converting: error)
        }

        let (stream, continuation) = AsyncStream<ChangeEvent>.makeStream(bufferingPolicy: .unbounded)
        let pump = Task {
            for await signal in signals {
                guard let event = ChangeEvent(signal) else { continue }
                continuation.yield(event)
            }
            continuation.finish()
        }
        let resubscribe = Task {
            var first = true
            for await owner in owners {
                // The first value is the current owner, subscribed to above.
                defer { first = false }
                guard !first, owner != nil else { continue }
                subscriptions.renew(on: connection, serviceName: serviceName)
            }
        }
        continuation.onTermination = { _ in
            pump.cancel()
            resubscribe.cancel()
            subscriptions.end(on: connection, serviceName: serviceName)
        }
        return ChangeEventStream(stream: stream)
    }
}

/// The change streams of one client, counted per connection, and the daemon's subscription
/// they share.
///
/// The daemon keeps one subscription per connection (`Subscribe` twice, then `Unsubscribe`
/// once, and nothing more arrives), so the client subscribes when a stream starts and
/// unsubscribes only when the last stream on that connection ends. `Subscribe` and
/// `Unsubscribe` are queued on the connection under one lock, so they reach the daemon in the
/// order streams start and end: an ending stream's `Unsubscribe` cannot overtake a newer
/// stream's `Subscribe`.
final class EventSubscriptions: Sendable {
    private let streams = Mutex<[ObjectIdentifier: Int]>([:])

    /// Counts a new stream on `connection` and subscribes, waiting for the daemon's answer.
    /// When it fails with anything but "the provider is not running", the stream is not counted.
    func start(on connection: DBusConnection, serviceName: String, timeout: Duration) throws {
        let key = ObjectIdentifier(connection)
        let answer = Answer()
        try streams.withLock { streams in
            try connection.call(Self.message("Subscribe", to: serviceName), timeout: timeout) { answer.deliver($0) }
            streams[key, default: 0] += 1
        }
        do {
            _ = try answer.wait()
        } catch {
            switch error {
            case DBusError.serviceUnknown, DBusError.nameHasNoOwner:
                break  // The stream runs on and subscribes when the provider appears.
            default:
                end(on: connection, serviceName: serviceName, unsubscribing: false)
            }
            throw error
        }
    }

    /// Subscribes again (after the daemon restarted) when streams on `connection` are still
    /// running; does not wait.
    func renew(on connection: DBusConnection, serviceName: String) {
        streams.withLock { streams in
            guard streams[ObjectIdentifier(connection), default: 0] > 0, let message = try? Self.message("Subscribe", to: serviceName) else { return }
            try? connection.call(message) { _ in }
        }
    }

    /// A stream on `connection` ended; the last one unsubscribes. Does not wait, so it may run
    /// on the connection's loop thread.
    func end(on connection: DBusConnection, serviceName: String, unsubscribing: Bool = true) {
        let key = ObjectIdentifier(connection)
        streams.withLock { streams in
            let remaining = streams[key, default: 1] - 1
            streams[key] = remaining > 0 ? remaining : nil
            guard remaining == 0, unsubscribing, connection.isConnected, let message = try? Self.message("Unsubscribe", to: serviceName) else { return }
            try? connection.call(message) { _ in }
        }
    }

    private static func message(_ method: String, to serviceName: String) throws -> DBusMessage {
        try DBusMessage.methodCall(destination: serviceName, path: ProviderPaths.root, interface: ProviderInterface.root, method: method)
    }

    /// A reply delivered on the loop thread, waited for on the caller's.
    private final class Answer: Sendable {
        private let result = Mutex<Result<DBusMessage, any Error>?>(nil)
        private let done = DispatchSemaphore(value: 0)

        func deliver(_ outcome: Result<DBusMessage, any Error>) {
            result.withLock { $0 = outcome }
            done.signal()
        }

        func wait() throws -> DBusMessage {
            done.wait()
            return try result.withLock { $0 }!.get()
        }
    }
}

extension ChangeEvent {
    /// The event an `Instance*` signal reports; `nil` for other signals.
    init?(_ signal: ReceivedSignal) {
        let kind: Kind
        switch signal.member {
        case "InstanceCreated": kind = .created
        case "InstanceModified": kind = .modified
        case "InstanceDeleted": kind = .deleted
        default: return nil
        }
        guard signal.arguments.count >= 3 else { return nil }
        self.init(
            kind: kind, className: PropertyValue(signal.arguments[0]).text, relativePath: PropertyValue(signal.arguments[1]).text,
            objectPath: PropertyValue(signal.arguments[2]).text)
    }
}
