internal import CDBus

/// A connection to a message bus (system, session, or any address), with its own event loop.
///
/// Opening a connection starts one dedicated thread that does all socket reading, fires
/// timeouts and dispatches incoming messages; nothing busy-polls. Every method is safe to call
/// from any thread or task. Calls come blocking (`try connection.call(…)`) or async
/// (`try await connection.call(…)`); serve objects with an ``ObjectServer``.
///
/// Close the connection with ``close()`` (also done when the last reference goes away): when it
/// returns, the loop has finished (pending calls failed, streams finished, libdbus closed) and
/// its thread is exiting. Called from the loop thread itself (e.g. inside a method handler),
/// it cannot wait, and the loop stops right after that handler.
public final class DBusConnection: Sendable {
    let core: ConnectionCore

    /// The default call timeout (libdbus's own default).
    public static let defaultTimeout: Duration = .seconds(25)

    /// Which shared bus to connect to.
    public enum Bus: Sendable {
        /// The system bus (`DBUS_SYSTEM_BUS_ADDRESS` or `/run/dbus/system_bus_socket`).
        case system
        /// The session bus (`DBUS_SESSION_BUS_ADDRESS`).
        case session
    }

    /// Connects to the system or session bus.
    ///
    /// - Throws: the bus's error, e.g. ``DBusError/fileNotFound(_:)`` or ``DBusError/noServer(_:)``.
    public init(bus: Bus) throws {
        core = try ConnectionCore(bus: bus == .system ? DBUS_BUS_SYSTEM : DBUS_BUS_SESSION)
    }

    /// Connects to a D-Bus address such as `unix:path=/run/x/bus`.
    ///
    /// - Parameter registerWithBus: say `Hello` to a bus daemon (the usual case); pass `false`
    ///   for a peer-to-peer connection.
    /// - Throws: ``DBusError/badAddress(_:)``, ``DBusError/noServer(_:)`` and the like.
    public init(address: String, registerWithBus: Bool = true) throws {
        core = try ConnectionCore(address: address, registerWithBus: registerWithBus)
    }

    deinit {
        core.close()
    }

    /// The unique name the bus assigned, e.g. `:1.42`; `nil` when closed or peer-to-peer.
    public var uniqueName: String? { core.uniqueName }

    /// Whether the connection is still open.
    public var isConnected: Bool { core.isConnected }

    /// Closes the connection: pending calls fail with ``DBusError/disconnected(_:)`` and signal
    /// streams finish. Calling it again does nothing.
    public func close() {
        core.close()
    }

    /// Blocks until the connection is closed: by ``close()``, or by the other end (the bus
    /// daemon exited or dropped this connection). A service that must not outlive its bus waits
    /// here on a thread of its own.
    public func waitUntilClosed() {
        core.waitUntilClosed()
    }

    // MARK: Names

    /// Options for ``requestName(_:options:)`` (the `DBUS_NAME_FLAG_*` bits).
    public struct NameRequestOptions: OptionSet, Sendable {
        /// The bit values.
        public let rawValue: UInt32
        /// Creates options from bits.
        public init(rawValue: UInt32) { self.rawValue = rawValue }
        /// Let another connection take the name over with ``replaceExisting``.
        public static let allowReplacement = NameRequestOptions(rawValue: 1)
        /// Take the name from its owner if that owner allowed replacement.
        public static let replaceExisting = NameRequestOptions(rawValue: 2)
        /// Fail instead of waiting in the queue when the name is owned.
        public static let doNotQueue = NameRequestOptions(rawValue: 4)
    }

    /// What ``requestName(_:options:)`` achieved.
    public enum NameRequestResult: Sendable, Hashable {
        /// This connection now owns the name.
        case primaryOwner
        /// Another connection owns it; this one waits in the queue.
        case inQueue
        /// This connection already owned it.
        case alreadyOwner
    }

    /// Asks the bus for a well-known name.
    ///
    /// - Throws: ``DBusError/nameTaken(_:)`` when another connection owns the name and
    ///   queueing was not requested (the message names the owner);
    ///   ``DBusError/accessDenied(_:)`` when the bus policy forbids owning it;
    ///   ``DBusError/invalidArgs(_:)`` for an invalid name.
    @discardableResult
    public func requestName(_ name: String, options: NameRequestOptions = [.doNotQueue]) throws -> NameRequestResult {
        try DBusNames.validateBusName(name)
        guard !name.hasPrefix(":") else {
            throw DBusError.invalidArgs("'\(name)' is a unique name; only well-known names can be requested")
        }
        let reply: [DBusValue]
        do {
            reply = try core.busCall("RequestName", [.string(name), .uint32(options.rawValue)])
        } catch DBusError.accessDenied(let message) {
            throw DBusError.accessDenied("cannot own '\(name)': the bus policy does not allow it (\(message))")
        }
        guard case .uint32(let code)? = reply.first else {
            throw DBusError.failed("RequestName returned \(reply), expected a uint32")
        }
        switch code {
        case 1: return .primaryOwner
        case 2: return .inQueue
        case 4: return .alreadyOwner
        default:
            let owner = (try? nameOwner(of: name)) ?? nil
            throw DBusError.nameTaken(
                "cannot own '\(name)': it is already owned by \(owner ?? "another connection") and the request did not ask to queue or replace")
        }
    }

    /// Gives a well-known name up; returns whether this connection had owned or queued for it.
    @discardableResult
    public func releaseName(_ name: String) throws -> Bool {
        try DBusNames.validateBusName(name)
        let reply = try core.busCall("ReleaseName", [.string(name)])
        return reply.first == .uint32(1)
    }

    /// The unique name owning `name`, or `nil` when nobody does.
    public func nameOwner(of name: String) throws -> String? {
        try DBusNames.validateBusName(name)
        do {
            return try core.busCall("GetNameOwner", [.string(name)]).first?.stringValue
        } catch DBusError.nameHasNoOwner {
            return nil
        }
    }

    /// The bus daemon's view of a peer (`GetConnectionCredentials`), cached per unique name
    /// until the peer disconnects (`NameOwnerChanged`).
    public func credentials(of uniqueName: String) throws -> CallerCredentials {
        try DBusNames.validateBusName(uniqueName)
        return try core.credentials(of: uniqueName)
    }

    // MARK: Sending

    /// Sends a message without waiting for anything (signals, calls flagged no-reply).
    public func send(_ message: DBusMessage) throws {
        try core.send(message)
    }

    /// Emits a signal; with a `destination` only that peer receives it (unicast).
    public func emitSignal(
        path: ObjectPath, interface: String, name: String, arguments: [DBusValue] = [],
        to destination: String? = nil
    ) throws {
        try core.send(DBusMessage.signal(
            path: path, interface: interface, name: name, arguments: arguments, destination: destination))
    }

    // MARK: Calls

    /// Sends a method call and blocks until the reply arrives.
    ///
    /// - Throws: the error reply as a ``DBusError``; ``DBusError/noReply(_:)`` on timeout.
    public func call(_ message: DBusMessage, timeout: Duration = DBusConnection.defaultTimeout) throws -> DBusMessage {
        try core.callBlocking(message, timeoutMilliseconds: Self.milliseconds(timeout))
    }

    /// Sends a method call and suspends until the reply arrives; cancelling the task abandons
    /// the call with `CancellationError`.
    public func call(_ message: DBusMessage, timeout: Duration = DBusConnection.defaultTimeout) async throws -> DBusMessage {
        let slot = CancellableCall()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<DBusMessage, any Error>) in
                do {
                    let reply = try core.send(message, timeoutMilliseconds: Self.milliseconds(timeout)) {
                        continuation.resume(with: $0)
                    }
                    slot.install(reply)
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        } onCancel: {
            slot.cancel()
        }
    }

    /// Sends a method call and hands the outcome to `completion` on the loop thread; the
    /// building block for pipelining many calls without a task per call.
    public func call(
        _ message: DBusMessage, timeout: Duration = DBusConnection.defaultTimeout,
        completion: @escaping @Sendable (Result<DBusMessage, any Error>) -> Void
    ) throws {
        try core.send(message, timeoutMilliseconds: Self.milliseconds(timeout), completion: completion)
    }

    /// Calls a method and returns the reply's values, blocking.
    public func call(
        destination: String, path: ObjectPath, interface: String?, method: String,
        arguments: [DBusValue] = [], timeout: Duration = DBusConnection.defaultTimeout
    ) throws -> [DBusValue] {
        let message = try DBusMessage.methodCall(
            destination: destination, path: path, interface: interface, method: method, arguments: arguments)
        return try call(message, timeout: timeout).arguments()
    }

    /// Calls a method and returns the reply's values, suspending.
    public func call(
        destination: String, path: ObjectPath, interface: String?, method: String,
        arguments: [DBusValue] = [], timeout: Duration = DBusConnection.defaultTimeout
    ) async throws -> [DBusValue] {
        let message = try DBusMessage.methodCall(
            destination: destination, path: path, interface: interface, method: method, arguments: arguments)
        return try await call(message, timeout: timeout).arguments()
    }

    static func milliseconds(_ duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        let total = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return Int32(clamping: max(0, total))
    }

    // MARK: Signals

    /// Subscribes to signals matching `rule`. The match is in place on the bus when this
    /// returns; ending the iteration (or cancelling its task) removes it. The stream finishes
    /// when the connection closes.
    ///
    /// - Throws: ``DBusError/matchRuleInvalid(_:)`` or a bus error.
    public func signals(matching rule: MatchRule) throws -> AsyncStream<ReceivedSignal> {
        let (stream, continuation) = AsyncStream<ReceivedSignal>.makeStream(bufferingPolicy: .unbounded)
        let subscriber = SignalSubscriber(
            rule: rule,
            deliver: { continuation.yield($0) },
            finish: { continuation.finish() })
        let id = try core.subscribe(subscriber)
        continuation.onTermination = { [core] _ in core.unsubscribe(id) }
        return stream
    }

    /// The owner of a bus name: first the current owner (`nil` when unowned), then every change.
    /// Ending the iteration removes the underlying match.
    public func nameOwnerChanges(of name: String) throws -> AsyncStream<String?> {
        try DBusNames.validateBusName(name)
        let (stream, continuation) = AsyncStream<String?>.makeStream(bufferingPolicy: .unbounded)
        let subscriber = SignalSubscriber(
            rule: ConnectionCore.nameOwnerRule(for: name),
            deliver: { signal in
                guard signal.arguments.count == 3, case .string(let owner) = signal.arguments[2] else { return }
                continuation.yield(owner.isEmpty ? nil : owner)
            },
            finish: { continuation.finish() })
        let id = try core.subscribe(subscriber)
        continuation.onTermination = { [core] _ in core.unsubscribe(id) }
        do {
            continuation.yield(try nameOwner(of: name))
        } catch {
            core.unsubscribe(id)
            throw error
        }
        return stream
    }
}

/// Lets a task's cancellation reach a call whose reply object is created inside the
/// continuation closure.
private final class CancellableCall: Sendable {
    private let state = Locked<(reply: PendingReply?, cancelled: Bool)>((nil, false))

    func install(_ reply: PendingReply) {
        let cancelledAlready = state.withLock { state -> Bool in
            state.reply = reply
            return state.cancelled
        }
        if cancelledAlready { reply.complete(.failure(CancellationError())) }
    }

    func cancel() {
        let reply = state.withLock { state -> PendingReply? in
            state.cancelled = true
            return state.reply
        }
        reply?.complete(.failure(CancellationError()))
    }
}
