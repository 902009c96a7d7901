import DBusKit
import Dispatch
import Foundation
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
/// the stream subscribes again by itself and yields `ChangeEvent.resumed(since:)` (events
/// while it was down are lost); when the connection to the bus closes, the stream finishes,
/// unless the client was made for a data directory (``ProviderClient/init(dataDirectory:options:)``):
/// then it reconnects to the restarted private bus and yields `resumed`.
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
    /// After the daemon restarts on the same bus, the stream subscribes again and yields
    /// `ChangeEvent.resumed(since:)`. A client made with ``init(dataDirectory:options:)``
    /// also follows a daemon that restarted with a new private bus: when the connection is
    /// lost it re-reads the address, reconnects with backoff, subscribes and yields `resumed`
    /// rather than finishing.
    ///
    /// - Throws: `ProviderError.serviceUnavailable(_:)` when the provider is not running.
    public func changes() throws -> ChangeEventStream {
        let first = try EventFeed.open(for: self)
        let (stream, continuation) = AsyncStream<ChangeEvent>.makeStream(bufferingPolicy: .unbounded)
        let current = CurrentFeed(first)
        let follows = followsRestartedBus
        let task = Task { [weak self] in
            var feed = first
            while true {
                let lostAt = await feed.run(into: continuation)
                current.set(nil)
                feed.close()
                guard follows, !Task.isCancelled, let client = self else { break }
                guard let next = await EventFeed.reopen(for: client) else { break }
                current.set(next)
                feed = next
                continuation.yield(.resumed(since: lostAt))
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in
            task.cancel()
            current.set(nil)?.close()
        }
        return ChangeEventStream(stream: stream)
    }
}

/// The feed a stream is reading now, for its termination handler.
final class CurrentFeed: Sendable {
    private let feed: Mutex<EventFeed?>

    init(_ feed: EventFeed) { self.feed = Mutex(feed) }

    /// Replaces the feed; returns the one it replaced.
    @discardableResult
    func set(_ next: EventFeed?) -> EventFeed? {
        feed.withLock { current in
            defer { current = next }
            return current
        }
    }
}

/// One connection's part of a change stream: its signal and name-owner subscriptions and the
/// daemon subscription counted for it.
final class EventFeed: Sendable {
    let connection: DBusConnection
    let signals: AsyncStream<ReceivedSignal>
    let owners: AsyncStream<String?>
    let subscriptions: EventSubscriptions
    let serviceName: String
    private let closed = Mutex(false)

    init(connection: DBusConnection, signals: AsyncStream<ReceivedSignal>, owners: AsyncStream<String?>, subscriptions: EventSubscriptions, serviceName: String) {
        self.connection = connection
        self.signals = signals
        self.owners = owners
        self.subscriptions = subscriptions
        self.serviceName = serviceName
    }

    /// Subscribes on the client's connection, waiting for the daemon's answer so the caller
    /// knows the subscription is in place.
    static func open(for client: ProviderClient) throws -> EventFeed {
        let connection = try client.connection()
        let serviceName = client.options.serviceName
        let feed = try make(on: connection, client: client)
        do {
            try client.eventSubscriptions.start(on: connection, serviceName: serviceName, timeout: client.options.callTimeout)
        } catch DBusError.serviceUnknown, DBusError.nameHasNoOwner {
            // Not running yet: the owner watch subscribes once it is.
        } catch {
            throw ProviderError(converting: error)
        }
        return feed
    }

    /// Connects again after the connection was lost, re-reading the bus address, with
    /// backoff (50 ms doubling to 2 s) until it works or the task is cancelled.
    static func reopen(for client: ProviderClient) async -> EventFeed? {
        var delay = Duration.milliseconds(50)
        while !Task.isCancelled {
            // Subscribe once the daemon owns its name on the (new) bus, not merely once the bus is up.
            if let connection = try? client.connection(), ((try? connection.nameOwner(of: client.options.serviceName)) ?? nil) != nil,
               let feed = try? make(on: connection, client: client) {
                do {
                    try await client.eventSubscriptions.start(on: connection, serviceName: client.options.serviceName, timeout: client.options.callTimeout)
                    return feed
                } catch DBusError.serviceUnknown, DBusError.nameHasNoOwner {
                    return feed  // The bus is back; the owner watch subscribes once the daemon is.
                } catch {
                    feed.close()
                }
            }
            try? await Task.sleep(for: delay)
            delay = min(delay * 2, .seconds(2))
        }
        return nil
    }

    private static func make(on connection: DBusConnection, client: ProviderClient) throws -> EventFeed {
        let serviceName = client.options.serviceName
        let rule = MatchRule(sender: serviceName, interface: ProviderInterface.root, path: ProviderPaths.root)
        do {
            return EventFeed(
                connection: connection, signals: try connection.signals(matching: rule), owners: try connection.nameOwnerChanges(of: serviceName),
                subscriptions: client.eventSubscriptions, serviceName: serviceName)
        } catch {
            throw ProviderError(converting: error)
        }
    }

    /// Yields events until the connection closes (or the task is cancelled); subscribes again
    /// when the daemon restarts on this bus, yielding `resumed`. Returns when events stopped
    /// arriving: the moment the connection was found lost.
    func run(into continuation: AsyncStream<ChangeEvent>.Continuation) async -> Date {
        let subscriptions = subscriptions
        let connection = connection
        let serviceName = serviceName
        let owners = owners
        let resubscribe = Task {
            var first = true
            var lostAt: Date?
            for await owner in owners {
                // The first value is the current owner, subscribed to already.
                defer { first = false }
                guard owner != nil else { lostAt = lostAt ?? Date(); continue }
                guard !first else { continue }
                subscriptions.renew(on: connection, serviceName: serviceName)
                continuation.yield(.resumed(since: lostAt ?? Date()))
                lostAt = nil
            }
        }
        for await signal in signals {
            guard let event = ChangeEvent(signal) else { continue }
            continuation.yield(event)
        }
        resubscribe.cancel()
        return Date()
    }

    /// Ends this feed's share of the daemon subscription (once).
    func close() {
        guard closed.withLock({ done in defer { done = true }; return !done }) else { return }
        subscriptions.end(on: connection, serviceName: serviceName, unsubscribing: connection.isConnected)
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

    /// ``start(on:serviceName:timeout:)`` suspending instead of blocking.
    func start(on connection: DBusConnection, serviceName: String, timeout: Duration) async throws {
        let key = ObjectIdentifier(connection)
        let message = try Self.message("Subscribe", to: serviceName)
        do {
            _ = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<DBusMessage, any Error>) in
                do {
                    try streams.withLock { streams in
                        try connection.call(message, timeout: timeout) { continuation.resume(with: $0) }
                        streams[key, default: 0] += 1
                    }
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        } catch {
            switch error {
            case DBusError.serviceUnknown, DBusError.nameHasNoOwner: break
            default: end(on: connection, serviceName: serviceName, unsubscribing: false)
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
        // The detail argument came later; a daemon without it sends three arguments.
        let detail = signal.arguments.count > 3 ? OrderedProperties(signal.arguments[3]) : OrderedProperties(.stringVariantDictionary([:]))
        let changed: [String] = if case .array(_, let names)? = detail["Properties"] { names.compactMap(\.stringValue) } else { [] }
        self.init(
            kind: kind, className: PropertyValue(signal.arguments[0]).text, relativePath: PropertyValue(signal.arguments[1]).text,
            objectPath: PropertyValue(signal.arguments[2]).text, changedProperties: changed,
            sourceVersion: detail["SourceVersion"].flatMap { PropertyValue($0).intValue }.flatMap { UInt32(exactly: $0) },
            user: detail["User"].flatMap(\.stringValue))
    }
}
