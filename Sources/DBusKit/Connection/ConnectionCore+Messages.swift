internal import CDBus
import Dispatch

// Messages in and out: the filter that routes incoming calls and signals, calls with replies,
// subscriptions, and the bus daemon's own methods.
extension ConnectionCore {
    // MARK: Incoming messages

    func setMethodCallHandler(_ handler: any MethodCallHandling) throws {
        try state.withLock { state in
            if let existing = state.methodCallHandler, existing !== handler {
                throw DBusError.objectPathInUse("this connection already has an object server")
            }
            state.methodCallHandler = handler
        }
    }

    func filter(_ pointer: OpaquePointer) -> DBusHandlerResult {
        switch dbus_message_get_type(pointer) {
        case 1:  // method call
            guard let handler = state.withLock({ $0.methodCallHandler }) else {
                return DBUS_HANDLER_RESULT_NOT_YET_HANDLED
            }
            handler.handleMethodCall(pointer)
            return DBUS_HANDLER_RESULT_HANDLED
        case 4:  // signal
            handleSignal(pointer)
            return DBUS_HANDLER_RESULT_NOT_YET_HANDLED
        default:
            return DBUS_HANDLER_RESULT_NOT_YET_HANDLED
        }
    }

    private func handleSignal(_ pointer: OpaquePointer) {
        func field(_ value: UnsafePointer<CChar>?) -> String? { value.map { String(cString: $0) } }
        let interface = field(dbus_message_get_interface(pointer))
        let member = field(dbus_message_get_member(pointer))
        let sender = field(dbus_message_get_sender(pointer))
        let path = field(dbus_message_get_path(pointer))
        if interface == "org.freedesktop.DBus.Local", member == "Disconnected" {
            stopRequested.store(true, ordering: .releasing)
            return
        }
        var arguments: [DBusValue]?
        let message = DBusMessage(retaining: pointer)
        if sender == BusDaemon.name, interface == BusDaemon.interface, member == "NameOwnerChanged" {
            arguments = try? message.arguments()
            if let values = arguments { noteNameOwnerChanged(values) }
        }
        let subscribers = state.withLock { Array($0.subscribers.values) }
        guard !subscribers.isEmpty, let interface, let member, let path else { return }
        let destination = field(dbus_message_get_destination(pointer))
        for subscriber in subscribers {
            let owner = subscriber.tracksSenderOwner ? subscriber.senderOwner.withLock { $0 } : nil
            guard subscriber.rule.matchesHeader(
                sender: sender, senderOwner: owner, path: path, interface: interface, member: member,
                destination: destination) else { continue }
            if arguments == nil { arguments = (try? message.arguments()) ?? [] }
            let values = arguments ?? []
            if subscriber.rule.needsArguments, !subscriber.rule.matchesArguments(values) { continue }
            subscriber.deliver(ReceivedSignal(
                sender: sender, path: ObjectPath(unchecked: path), interface: interface, member: member,
                destination: destination, arguments: values, message: message))
        }
    }

    private func noteNameOwnerChanged(_ values: [DBusValue]) {
        guard values.count == 3, case .string(let name) = values[0], case .string(let newOwner) = values[2] else { return }
        let subscribers = state.withLock { state -> [SignalSubscriber] in
            if newOwner.isEmpty {
                state.credentials.removeValue(forKey: name)
                if state.lastCredentials?.uniqueName == name { state.lastCredentials = nil }
                if name.hasPrefix(":") { state.departedPeers.insert(name) }
            }
            return state.subscribers.values.filter { $0.rule.sender == name && $0.tracksSenderOwner }
        }
        for subscriber in subscribers {
            subscriber.senderOwner.withLock { $0 = newOwner.isEmpty ? nil : newOwner }
        }
    }

    // MARK: Sending

    /// Sends a message that expects no reply.
    func send(_ message: DBusMessage) throws {
        try send(message.pointer)
    }

    /// Sends a message libdbus holds for the caller (a reply made without a ``DBusMessage``).
    func send(_ message: OpaquePointer) throws {
        guard !isClosed else { throw DBusError.disconnected("the connection is closed") }
        if dbus_message_contains_unix_fds(message) != 0, dbus_connection_can_send_type(raw, TypeCode.unixFD) == 0 {
            throw DBusError.notSupported("this connection cannot pass Unix file descriptors")
        }
        guard doingIO({ dbus_connection_send(raw, message, nil) }) != 0 else {
            throw DBusError.noMemory("cannot queue the message")
        }
    }

    /// Sends a call; `completion` runs exactly once, on the loop thread or the caller's, with
    /// the reply, the error reply as ``DBusError``, or the reason no reply will come.
    @discardableResult
    func send(
        _ message: DBusMessage, timeoutMilliseconds: Int32, libdbusTimeout: Bool = true,
        completion: @escaping PendingReply.Completion
    ) throws -> PendingReply {
        if message.containsUnixFDs, dbus_connection_can_send_type(raw, TypeCode.unixFD) == 0 {
            throw DBusError.notSupported("this connection cannot pass Unix file descriptors")
        }
        // Registered before sending so that a closing connection can fail the call.
        let (id, reply) = try state.withLock { state -> (UInt64, PendingReply) in
            guard !state.isClosed else { throw DBusError.disconnected("the connection is closed") }
            let id = state.nextCallID
            state.nextCallID &+= 1
            // The lock, not the core: a reply in flight keeps the core alive no longer than its owner.
            let reply = PendingReply { [locked = self.state] result in
                locked.withLock { _ = $0.inFlight.removeValue(forKey: id) }
                completion(result)
            }
            state.inFlight[id] = reply
            return (id, reply)
        }
        // On failure the error is thrown and the completion never runs.
        func abandon() {
            reply.discard()
            state.withLock { _ = $0.inFlight.removeValue(forKey: id) }
        }
        var pending: OpaquePointer?
        let timeout = libdbusTimeout ? timeoutMilliseconds : Int32.max
        let sent = doingIO { dbus_connection_send_with_reply(raw, message.pointer, &pending, timeout) }
        guard sent != 0, let pending else {
            abandon()
            throw sent == 0 ? DBusError.noMemory("cannot queue the call") : DBusError.disconnected("the connection is closed")
        }
        reply.attach(pending)
        let context = Unmanaged.passRetained(reply).toOpaque()
        if dbus_pending_call_set_notify(pending, pendingCallNotify, context, pendingCallFreeData) == 0 {
            Unmanaged<PendingReply>.fromOpaque(context).release()
            abandon()
            reply.releasePendingCall()
            throw DBusError.noMemory("cannot watch the call's reply")
        }
        // The reply may have been dispatched before the notify function was set.
        if dbus_pending_call_get_completed(pending) != 0 {
            reply.finish(from: pending)
        }
        return reply
    }

    /// Sends a call and waits for its reply, throwing error replies as ``DBusError``.
    func callBlocking(_ message: DBusMessage, timeoutMilliseconds: Int32) throws -> DBusMessage {
        if isOnLoopThread {
            return try callBlockingOnLoopThread(message, timeoutMilliseconds: timeoutMilliseconds)
        }
        let done = DispatchSemaphore(value: 0)
        let outcome = Locked<Result<DBusMessage, any Error>?>(nil)
        // No libdbus timeout (adding one would wake the loop thread on every call): this
        // thread waits with its own deadline and abandons the call itself.
        let reply = try send(message, timeoutMilliseconds: -1, libdbusTimeout: false) { result in
            outcome.withLock { $0 = result }
            done.signal()
        }
        let milliseconds = timeoutMilliseconds < 0 ? ConnectionCore.defaultTimeoutMilliseconds : Int(timeoutMilliseconds)
        if done.wait(timeout: .now() + .milliseconds(milliseconds)) == .timedOut {
            if reply.complete(.failure(DBusError.noReply("no reply within \(milliseconds) ms"))) {
                doingIO { reply.cancelPendingCall() }
            }
            done.wait()
        }
        guard let result = outcome.withLock({ $0 }) else {
            throw DBusError.failed("the call completed without an outcome")
        }
        return try result.get()
    }

    /// On the loop thread nobody else would read the socket, so libdbus blocks and reads here.
    private func callBlockingOnLoopThread(_ message: DBusMessage, timeoutMilliseconds: Int32) throws -> DBusMessage {
        guard !isClosed else { throw DBusError.disconnected("the connection is closed") }
        var pending: OpaquePointer?
        let sent = dbus_connection_send_with_reply(raw, message.pointer, &pending, timeoutMilliseconds)
        guard sent != 0, let pending else {
            throw sent == 0 ? DBusError.noMemory("cannot queue the call") : DBusError.disconnected("the connection is closed")
        }
        defer { dbus_pending_call_unref(pending) }
        dbus_pending_call_block(pending)
        guard let raw = dbus_pending_call_steal_reply(pending) else {
            throw DBusError.noReply("no reply was received")
        }
        let reply = DBusMessage(taking: raw)
        if let error = reply.error { throw error }
        return reply
    }

    /// Runs a libdbus call that may do I/O on the connection (and so, finding it closed, free
    /// its watches): under ``libdbusGate`` off the loop thread (see ``SocketWatches``).
    func doingIO<Result>(_ call: () -> Result) -> Result {
        if isOnLoopThread { return call() }
        return libdbusGate.withLock { _ in call() }
    }

    // MARK: Subscriptions

    /// Registers a local subscriber, then adds the match on the bus (blocking until the bus
    /// confirms, so signals emitted afterwards are guaranteed to arrive).
    func subscribe(_ subscriber: SignalSubscriber) throws -> UInt64 {
        try subscriber.rule.validate()
        let id = try state.withLock { state -> UInt64 in
            guard !state.isClosed else { throw DBusError.disconnected("the connection is closed") }
            defer { state.nextSubscriberID += 1 }
            state.subscribers[state.nextSubscriberID] = subscriber
            return state.nextSubscriberID
        }
        do {
            if subscriber.tracksSenderOwner, let sender = subscriber.rule.sender {
                try busCall("AddMatch", [.string(ConnectionCore.nameOwnerRule(for: sender).description)])
                let owner = try? busCall("GetNameOwner", [.string(sender)]).first?.stringValue
                subscriber.senderOwner.withLock { $0 = owner }
            }
            try busCall("AddMatch", [.string(subscriber.rule.description)])
        } catch {
            state.withLock { _ = $0.subscribers.removeValue(forKey: id) }
            throw error
        }
        return id
    }

    /// Removes a subscriber and its match (without waiting for the bus).
    func unsubscribe(_ id: UInt64) {
        guard let subscriber = state.withLock({ $0.subscribers.removeValue(forKey: id) }) else { return }
        guard !isClosed else { return }
        busSendWithoutReply("RemoveMatch", [.string(subscriber.rule.description)])
        if subscriber.tracksSenderOwner, let sender = subscriber.rule.sender {
            busSendWithoutReply("RemoveMatch", [.string(ConnectionCore.nameOwnerRule(for: sender).description)])
        }
    }

    static func nameOwnerRule(for name: String) -> MatchRule {
        MatchRule(sender: BusDaemon.name, interface: BusDaemon.interface, member: "NameOwnerChanged",
                  path: BusDaemon.path, arguments: [0: name])
    }

    // MARK: Bus daemon calls

    @discardableResult
    func busCall(_ method: String, _ arguments: [DBusValue], timeoutMilliseconds: Int32 = -1) throws -> [DBusValue] {
        let message = try DBusMessage.methodCall(
            destination: BusDaemon.name, path: BusDaemon.path, interface: BusDaemon.interface,
            method: method, arguments: arguments)
        return try callBlocking(message, timeoutMilliseconds: timeoutMilliseconds).arguments()
    }

    private func busSendWithoutReply(_ method: String, _ arguments: [DBusValue]) {
        guard let message = try? DBusMessage.methodCall(
            destination: BusDaemon.name, path: BusDaemon.path, interface: BusDaemon.interface,
            method: method, arguments: arguments) else { return }
        dbus_message_set_no_reply(message.pointer, 1)
        try? send(message)
    }

    /// The bus daemon's view of a peer, cached until the peer disconnects.
    func credentials(of uniqueName: String) throws -> CallerCredentials {
        let cached = state.withLock { state -> CallerCredentials? in
            // The last peer asked about first: comparing its name costs less than hashing it.
            if let last = state.lastCredentials, last.uniqueName == uniqueName { return last }
            let cached = state.credentials[uniqueName]
            if cached != nil { state.lastCredentials = cached }
            return cached
        }
        if let cached { return cached }
        watchDisconnects()
        let reply = try busCall("GetConnectionCredentials", [.string(uniqueName)])
        let credentials = try CallerCredentials(uniqueName: uniqueName, reply: reply)
        state.withLock { $0.credentials[uniqueName] = credentials }
        return credentials
    }

    /// Starts watching peers leave the bus (once per connection): forgets their credentials
    /// and remembers them as departed.
    func watchDisconnects() {
        let mustWatch = state.withLock { state -> Bool in
            defer { state.watchesDisconnects = true }
            return !state.watchesDisconnects
        }
        guard mustWatch else { return }
        // Every name losing its owner: arg2 (the new owner) is empty.
        let rule = "type='signal',sender='org.freedesktop.DBus',path='/org/freedesktop/DBus',interface='org.freedesktop.DBus',member='NameOwnerChanged',arg2=''"
        busSendWithoutReply("AddMatch", [.string(rule)])
    }

    /// Whether `uniqueName` was seen leaving the bus since ``watchDisconnects()`` started.
    func hasLeft(_ uniqueName: String) -> Bool {
        state.withLock { $0.departedPeers.contains(uniqueName) }
    }

    /// The largest message libdbus lets this connection receive (128 MiB unless set); the bus
    /// daemon applies its own, smaller `max_message_size` (32 MiB by default).
    var maximumMessageSize: Int {
        Int(dbus_connection_get_max_message_size(raw))
    }

    func hasCachedCredentials(for uniqueName: String) -> Bool {
        state.withLock { $0.credentials[uniqueName] != nil }
    }

    var subscriberCount: Int { state.withLock { $0.subscribers.count } }

    /// The loop thread's kernel id once it runs (for tests that check it has ended).
    var loopKernelThreadID: Int32? {
        let id = loopKernelThread.load(ordering: .acquiring)
        return id == 0 ? nil : id
    }

    var uniqueName: String? {
        guard !isClosed else { return nil }
        return dbus_bus_get_unique_name(raw).map { String(cString: $0) }
    }
}

extension DBusMessage {
    var containsUnixFDs: Bool { dbus_message_contains_unix_fds(pointer) != 0 }
}

extension DBusError {
    /// Converts and frees a filled-in libdbus error.
    init(consuming error: inout CDBus.DBusError, context: String) {
        let name = error.name.map { String(cString: $0) } ?? "org.freedesktop.DBus.Error.Failed"
        let message = error.message.map { String(cString: $0) } ?? ""
        dbus_error_free(&error)
        self.init(name: name, message: "\(context): \(message)")
    }
}
