internal import CDBus
import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Receives the method calls arriving on a connection (the ``ObjectServer``).
protocol MethodCallHandling: AnyObject, Sendable {
    /// Called on the connection's loop thread.
    func handleMethodCall(_ message: DBusMessage)
}

/// The libdbus connection and the thread that runs it.
///
/// One dedicated thread per connection polls the socket and a wakeup eventfd, lets libdbus read
/// and write without blocking, fires libdbus timeouts, and dispatches incoming messages. It is
/// the only thread that reads from the socket, so other threads never contend for libdbus's
/// I/O path: they send directly (libdbus writes at once when it can, and otherwise wakes the
/// loop to finish writing) and wait for replies on a semaphore the loop signals.
final class ConnectionCore: @unchecked Sendable {
    // The connection is closed by the loop thread as it stops, but unreferenced (like the
    // eventfd closed) only in deinit, so a thread racing with close() never touches freed
    // memory or a reused descriptor. Every other field is atomic or behind the mutex.
    let raw: OpaquePointer
    private let socketDescriptor: Int32
    private let wakeDescriptor: Int32
    private let loopThreadID = Atomic<UInt>(0)
    let loopKernelThread = Atomic<Int32>(0)
    let stopRequested = Atomic<Bool>(false)
    private let wakePending = Atomic<Bool>(false)
    private let loopFinished = DispatchSemaphore(value: 0)
    let state = Locked(State())

    struct TimeoutEntry {
        var pointerBits: UInt
        var deadline: UInt64
        var enabled: Bool
    }

    struct State {
        var isClosed = false
        var inFlight: [UInt64: PendingReply] = [:]
        var nextCallID: UInt64 = 1
        var subscribers: [UInt64: SignalSubscriber] = [:]
        var nextSubscriberID: UInt64 = 1
        weak var methodCallHandler: (any MethodCallHandling)?
        var timeouts: [UInt: TimeoutEntry] = [:]
        /// When the loop's current poll returns at the latest (`UInt64.max`: not before an event).
        var pollDeadline: UInt64 = 0
        var credentials: [String: CallerCredentials] = [:]
        /// The credentials last looked up, also in `credentials` (dropped with them).
        var lastCredentials: CallerCredentials?
        var watchesDisconnects = false
        /// Unique names seen leaving the bus (they are never reused), newest last, bounded.
        var departedPeers = DepartedPeers()
    }

    /// Opens a private connection to `address`, optionally registering on the bus (`Hello`).
    convenience init(address: String, registerWithBus: Bool) throws {
        ConnectionCore.initializeThreads()
        guard !address.utf8.contains(0) else { throw DBusError.badAddress("the address contains a NUL character") }
        var error = CDBus.DBusError()
        dbus_error_init(&error)
        guard let connection = dbus_connection_open_private(address, &error) else {
            throw DBusError(consuming: &error, context: "cannot connect to '\(address)'")
        }
        dbus_connection_set_exit_on_disconnect(connection, 0)
        if registerWithBus, dbus_bus_register(connection, &error) == 0 {
            dbus_connection_close(connection)
            dbus_connection_unref(connection)
            throw DBusError(consuming: &error, context: "cannot register with the bus at '\(address)'")
        }
        try self.init(connection: connection)
    }

    /// Opens a private connection to the system or session bus.
    convenience init(bus: DBusBusType) throws {
        ConnectionCore.initializeThreads()
        var error = CDBus.DBusError()
        dbus_error_init(&error)
        guard let connection = dbus_bus_get_private(bus, &error) else {
            let which = bus == DBUS_BUS_SYSTEM ? "system" : "session"
            throw DBusError(consuming: &error, context: "cannot connect to the \(which) bus")
        }
        dbus_connection_set_exit_on_disconnect(connection, 0)
        try self.init(connection: connection)
    }

    private init(connection: OpaquePointer) throws {
        var descriptor: Int32 = -1
        let wake = cdbus_wakeup_descriptor()
        guard dbus_connection_get_unix_fd(connection, &descriptor) != 0, wake >= 0 else {
            if wake >= 0 { Glibc.close(wake) }
            dbus_connection_close(connection)
            dbus_connection_unref(connection)
            throw DBusError.failed("cannot set up the connection's event loop (no socket or no eventfd: errno \(errno))")
        }
        raw = connection
        socketDescriptor = descriptor
        wakeDescriptor = wake
        // Fully initialized: from here on, deinit releases the connection and the eventfd.
        let context = Unmanaged.passUnretained(self).toOpaque()
        dbus_connection_set_wakeup_main_function(connection, coreWakeup, context, nil)
        dbus_connection_set_dispatch_status_function(connection, coreDispatchStatus, context, nil)
        dbus_connection_set_timeout_functions(connection, coreAddTimeout, coreRemoveTimeout, coreToggleTimeout, context, nil)
        dbus_connection_add_filter(connection, coreFilter, context, nil)
        try startLoopThread()
    }

    deinit {
        dbus_connection_unref(raw)
        Glibc.close(wakeDescriptor)
    }

    /// libdbus's own default call timeout.
    static let defaultTimeoutMilliseconds = 25_000

    private static let threadsInitialized: Bool = dbus_threads_init_default() != 0

    private static func initializeThreads() {
        _ = threadsInitialized
    }

    // MARK: Loop thread

    private func startLoopThread() throws {
        var thread = pthread_t()
        let retained = Unmanaged.passRetained(self).toOpaque()
        let result = pthread_create(&thread, nil, { argument in
            guard let argument else { return nil }
            let core = Unmanaged<ConnectionCore>.fromOpaque(argument).takeRetainedValue()
            core.runLoop()
            return nil
        }, retained)
        guard result == 0 else {
            Unmanaged<ConnectionCore>.fromOpaque(retained).release()
            tearDown()
            throw DBusError.failed("cannot start the connection's event loop thread: error \(result)")
        }
        pthread_detach(thread)
    }

    var isOnLoopThread: Bool { loopThreadID.load(ordering: .acquiring) == UInt(pthread_self()) }

    private func runLoop() {
        loopThreadID.store(UInt(pthread_self()), ordering: .releasing)
        loopKernelThread.store(cdbus_kernel_thread_id(), ordering: .releasing)
        cdbus_name_current_thread("dbuskit-loop")
        var descriptors = [
            pollfd(fd: socketDescriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeDescriptor, events: Int16(POLLIN), revents: 0),
        ]
        while !stopRequested.load(ordering: .acquiring) {
            dispatchQueuedMessages()
            if stopRequested.load(ordering: .acquiring) || dbus_connection_get_is_connected(raw) == 0 { break }
            var socketEvents = Int16(POLLIN)
            if dbus_connection_has_messages_to_send(raw) != 0 { socketEvents |= Int16(POLLOUT) }
            descriptors[0].events = socketEvents
            descriptors[0].revents = 0
            descriptors[1].revents = 0
            let ready = poll(&descriptors, 2, millisecondsUntilNextTimeout())
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            if descriptors[1].revents != 0 {
                // Consume the eventfd first, then clear the flag. The other order loses wakes:
                // a wake() between the two would set the flag and write, the read would swallow
                // that write, and with the flag left set every later wake() would be skipped.
                // A wake() that sees the flag still set here needs no write of its own: the loop
                // re-checks all its state before it polls again.
                var counter: UInt64 = 0
                _ = read(wakeDescriptor, &counter, 8)
                wakePending.store(false, ordering: .releasing)
            }
            if descriptors[0].revents != 0 {
                _ = dbus_connection_read_write(raw, 0)
            }
            fireExpiredTimeouts()
        }
        tearDown()
        loopFinished.signal()
    }

    private func dispatchQueuedMessages() {
        // dbus_connection_dispatch returns the status after its message: asking again would
        // take the connection's lock once more per message.
        var status = dbus_connection_get_dispatch_status(raw)
        while status == DBUS_DISPATCH_DATA_REMAINS {
            status = dbus_connection_dispatch(raw)
            if stopRequested.load(ordering: .acquiring) { return }
        }
    }

    /// Makes the loop re-check its state; a no-op on the loop thread, which re-checks anyway.
    func wake() {
        if isOnLoopThread { return }
        if wakePending.exchange(true, ordering: .acquiringAndReleasing) { return }
        var one: UInt64 = 1
        _ = write(wakeDescriptor, &one, 8)
    }

    /// Releases everything libdbus holds for us; runs once, on the loop thread as it exits.
    private func tearDown() {
        let (inFlight, subscribers) = state.withLock { state -> ([PendingReply], [SignalSubscriber]) in
            state.isClosed = true
            defer {
                state.inFlight.removeAll()
                state.subscribers.removeAll()
                state.timeouts.removeAll()
            }
            return (Array(state.inFlight.values), Array(state.subscribers.values))
        }
        let context = Unmanaged.passUnretained(self).toOpaque()
        dbus_connection_remove_filter(raw, coreFilter, context)
        dbus_connection_set_timeout_functions(raw, nil, nil, nil, nil, nil)
        dbus_connection_set_dispatch_status_function(raw, nil, nil, nil)
        dbus_connection_set_wakeup_main_function(raw, nil, nil, nil)
        dbus_connection_close(raw)
        for reply in inFlight {
            reply.complete(.failure(DBusError.disconnected("the connection was closed before a reply arrived")))
            reply.releasePendingCall()
        }
        for subscriber in subscribers { subscriber.finish() }
    }

    /// Stops the loop and closes the connection; waits for the loop unless called from it.
    func close() {
        if stopRequested.exchange(true, ordering: .acquiringAndReleasing) {
            if !isOnLoopThread { waitUntilClosed() }
            return
        }
        if isOnLoopThread { return }
        var one: UInt64 = 1
        _ = write(wakeDescriptor, &one, 8)
        waitUntilClosed()
    }

    /// Blocks until the loop has finished: after ``close()``, or once the peer closed the connection.
    func waitUntilClosed() {
        loopFinished.wait()
        loopFinished.signal()
    }

    var isClosed: Bool { state.withLock { $0.isClosed } }

    var isConnected: Bool {
        !stopRequested.load(ordering: .acquiring) && !isClosed && dbus_connection_get_is_connected(raw) != 0
    }

    // MARK: Timeouts (libdbus pending-call timeouts, fired by the loop)

    fileprivate func addTimeout(_ timeout: OpaquePointer) {
        setTimeout(timeout)
    }

    /// Records a timeout; wakes the loop only if it sleeps past the new deadline.
    private func setTimeout(_ timeout: OpaquePointer) {
        let bits = UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(timeout)))
        let deadline = Clock.nanoseconds() + UInt64(max(0, dbus_timeout_get_interval(timeout))) * 1_000_000
        let enabled = dbus_timeout_get_enabled(timeout) != 0
        let mustWake = state.withLock { state -> Bool in
            state.timeouts[bits] = TimeoutEntry(pointerBits: bits, deadline: deadline, enabled: enabled)
            return enabled && deadline < state.pollDeadline
        }
        if mustWake { wake() }
    }

    fileprivate func removeTimeout(_ timeout: OpaquePointer) {
        let bits = UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(timeout)))
        state.withLock { _ = $0.timeouts.removeValue(forKey: bits) }
    }

    fileprivate func toggleTimeout(_ timeout: OpaquePointer) {
        setTimeout(timeout)
    }

    /// The poll timeout, recording the deadline so timeouts added meanwhile know whether to wake us.
    private func millisecondsUntilNextTimeout() -> Int32 {
        let next = state.withLock { state -> UInt64? in
            let next = state.timeouts.values.lazy.filter(\.enabled).map(\.deadline).min()
            state.pollDeadline = next ?? UInt64.max
            return next
        }
        guard let next else { return -1 }
        let now = Clock.nanoseconds()
        if next <= now { return 0 }
        return Int32(min(UInt64(Int32.max), (next - now + 999_999) / 1_000_000))
    }

    private func fireExpiredTimeouts() {
        let now = Clock.nanoseconds()
        let expired = state.withLock { state in
            state.timeouts.values.filter { $0.enabled && $0.deadline <= now }.map(\.pointerBits)
        }
        for bits in expired {
            // Re-check: a timeout removed meanwhile must not be handled.
            let stillThere = state.withLock { state -> Bool in
                guard var entry = state.timeouts[bits] else { return false }
                entry.deadline = now + 3_600_000_000_000
                state.timeouts[bits] = entry
                return true
            }
            guard stillThere, let timeout = OpaquePointer(bitPattern: bits) else { continue }
            let interval = UInt64(max(0, dbus_timeout_get_interval(timeout))) * 1_000_000
            state.withLock { state in
                if state.timeouts[bits] != nil { state.timeouts[bits]?.deadline = now + interval }
            }
            _ = dbus_timeout_handle(timeout)
        }
    }
}

/// Monotonic time for loop deadlines.
enum Clock {
    static func nanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }
}

// MARK: C callbacks (context is the unretained core, which outlives their registration)

private let coreWakeup: @convention(c) (UnsafeMutableRawPointer?) -> Void = { data in
    guard let data else { return }
    Unmanaged<ConnectionCore>.fromOpaque(data).takeUnretainedValue().wake()
}

private let coreDispatchStatus: @convention(c) (OpaquePointer?, DBusDispatchStatus, UnsafeMutableRawPointer?) -> Void = {
    _, status, data in
    guard let data, status == DBUS_DISPATCH_DATA_REMAINS else { return }
    Unmanaged<ConnectionCore>.fromOpaque(data).takeUnretainedValue().wake()
}

private let coreAddTimeout: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?) -> dbus_bool_t = { timeout, data in
    guard let timeout, let data else { return 0 }
    Unmanaged<ConnectionCore>.fromOpaque(data).takeUnretainedValue().addTimeout(timeout)
    return 1
}

private let coreRemoveTimeout: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?) -> Void = { timeout, data in
    guard let timeout, let data else { return }
    Unmanaged<ConnectionCore>.fromOpaque(data).takeUnretainedValue().removeTimeout(timeout)
}

private let coreToggleTimeout: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?) -> Void = { timeout, data in
    guard let timeout, let data else { return }
    Unmanaged<ConnectionCore>.fromOpaque(data).takeUnretainedValue().toggleTimeout(timeout)
}

let coreFilter: @convention(c) (OpaquePointer?, OpaquePointer?, UnsafeMutableRawPointer?) -> DBusHandlerResult = {
    _, message, data in
    guard let message, let data else { return DBUS_HANDLER_RESULT_NOT_YET_HANDLED }
    return Unmanaged<ConnectionCore>.fromOpaque(data).takeUnretainedValue().filter(message)
}
