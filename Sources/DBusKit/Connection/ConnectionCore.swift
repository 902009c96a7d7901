internal import CDBus
import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Receives the method calls arriving on a connection (the ``ObjectServer``).
protocol MethodCallHandling: AnyObject, Sendable {
    /// Called on the connection's loop thread with the call libdbus lends for the time of the
    /// call (``DBusMessage/init(retaining:)`` keeps it): answering a `Get` needs no object.
    func handleMethodCall(_ message: OpaquePointer)
}

/// The libdbus connection and the thread that runs it.
///
/// One dedicated thread per connection polls the socket (for what libdbus's watches ask) and a
/// wakeup eventfd, hands what it saw to libdbus's watches to read and write without polling
/// again, fires libdbus timeouts, and dispatches incoming messages. It is the only thread that
/// reads from the socket, so other threads never contend for libdbus's I/O path: they send
/// directly (libdbus writes at once when it can, and otherwise wakes the loop to finish
/// writing) and wait for replies on a semaphore the loop signals.
final class ConnectionCore: @unchecked Sendable {
    // The connection is closed by the loop thread as it stops, but unreferenced (like the
    // eventfd closed) only in deinit, so a thread racing with close() never touches freed
    // memory or a reused descriptor. Every other field is atomic or behind the mutex.
    let raw: OpaquePointer
    private let socketDescriptor: Int32
    private let wakeDescriptor: Int32
    private let loopThreadID = Atomic<UInt>(0)
    /// Tells this connection from every other one of the process, for ``CallerPeer`` (an
    /// object's address may be reused once it is freed; this number is not).
    let serial = ConnectionCore.serials.wrappingAdd(1, ordering: .relaxed).newValue
    private static let serials = Atomic<UInt64>(0)
    let loopKernelThread = Atomic<Int32>(0)
    let stopRequested = Atomic<Bool>(false)
    private let wakePending = Atomic<Bool>(false)
    /// `state.isClosed`, readable without the lock (every reply sent checks it).
    private let closed = Atomic<Bool>(false)
    private let loopFinished = DispatchSemaphore(value: 0)
    let state = Locked(State())
    /// Held by the loop while it hands the socket to a watch, and by every other thread around
    /// its libdbus calls that can do I/O (and so free the watches), never while `state` is held.
    let libdbusGate = Locked(())

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
        var watches = SocketWatches()
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
        guard dbus_connection_set_watch_functions(connection, coreAddWatch, coreRemoveWatch, coreToggleWatch, context, nil) != 0 else {
            tearDown()
            throw DBusError.failed("cannot set up the connection's event loop (libdbus's socket watches could not be added)")
        }
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
        // The dispatch status the last reading left, when nothing can have changed it since.
        var statusAfterReading: DBusDispatchStatus?
        while !stopRequested.load(ordering: .acquiring) {
            dispatchQueuedMessages(from: statusAfterReading ?? dbus_connection_get_dispatch_status(raw))
            statusAfterReading = nil
            if stopRequested.load(ordering: .acquiring) || dbus_connection_get_is_connected(raw) == 0 { break }
            let (socketEvents, timeout, hasTimeouts) = pollPlan()
            // A negative descriptor is skipped by poll: nothing to read or write yet.
            descriptors[0].fd = socketEvents == 0 ? -1 : socketDescriptor
            descriptors[0].events = socketEvents
            descriptors[0].revents = 0
            descriptors[1].revents = 0
            let ready = poll(&descriptors, 2, timeout)
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
                statusAfterReading = handleSocket(descriptors[0].revents)
            }
            // A timeout fired may queue a message (a NoReply error): ask for the status again.
            if hasTimeouts, fireExpiredTimeouts() { statusAfterReading = nil }
        }
        tearDown()
        loopFinished.signal()
    }

    /// How many times one wake-up hands the socket to the reading watch at most (libdbus reads
    /// up to 4 KiB each time), so that a very large message does not hold off the eventfd and
    /// the timeouts until it has all arrived.
    private static let readingsPerWakeUp = 256

    /// Lets libdbus's watches read and write what poll found ready. Returns the dispatch status
    /// after reading (nil if nothing was read).
    ///
    /// libdbus reads at most 2 KiB at a time and 4 KiB a handling; while a message is still
    /// incomplete and the socket holds more of it, the reading watch is handled again at once
    /// instead of after another poll (a 22 KiB Import was six polls).
    private func handleSocket(_ revents: Int16) -> DBusDispatchStatus? {
        let flags = SocketWatches.handleFlags(forPollEvents: revents)
        var status: DBusDispatchStatus?
        if flags.reading != 0 {
            var handlingsLeft = 1
            var budget = Self.readingsPerWakeUp
            while handlingsLeft > 0, budget > 0 {
                handlingsLeft -= 1
                budget -= 1
                guard handle(reading: true, flags: flags.reading) else { break }
                let now = dbus_connection_get_dispatch_status(raw)
                status = now
                if now == DBUS_DISPATCH_COMPLETE, handlingsLeft == 0 {
                    // No whole message yet: as many 4 KiB handlings as the socket holds.
                    handlingsLeft = (Int(cdbus_unread_bytes(socketDescriptor)) + 4_095) / 4_096
                }
            }
        }
        if flags.writing != 0, handle(reading: false, flags: flags.writing) {
            // A write that finds the socket closed queues the Disconnected message: ask again.
            status = nil
        }
        return status
    }

    /// Hands the socket to the enabled reading or writing watch, under the gate (see
    /// ``SocketWatches``); false if there is none. The watch is looked up under the gate just
    /// before it is used: handling one may have removed both (a disconnect).
    private func handle(reading: Bool, flags: UInt32) -> Bool {
        libdbusGate.withLock { _ in
            let record = state.withLock { reading ? $0.watches.reading : $0.watches.writing }
            guard let record, record.enabled, let watch = record.watch else { return false }
            _ = dbus_watch_handle(watch, flags)
            return true
        }
    }

    /// Dispatches every queued message, starting from the connection's current dispatch status.
    private func dispatchQueuedMessages(from initialStatus: DBusDispatchStatus) {
        // dbus_connection_dispatch returns the status after its message: asking again would
        // take the connection's lock once more per message.
        var status = initialStatus
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
            closed.store(true, ordering: .releasing)
            defer {
                state.inFlight.removeAll()
                state.subscribers.removeAll()
                state.timeouts.removeAll()
            }
            return (Array(state.inFlight.values), Array(state.subscribers.values))
        }
        let context = Unmanaged.passUnretained(self).toOpaque()
        dbus_connection_remove_filter(raw, coreFilter, context)
        _ = dbus_connection_set_watch_functions(raw, nil, nil, nil, nil, nil)
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

    var isClosed: Bool { closed.load(ordering: .acquiring) }

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

    /// What to poll the socket for, the poll timeout, and whether any timeout is registered
    /// (one added during the poll either wakes the loop or is due after the next poll); records
    /// the deadline so timeouts added meanwhile know whether to wake us.
    private func pollPlan() -> (events: Int16, milliseconds: Int32, hasTimeouts: Bool) {
        let (events, next, hasTimeouts) = state.withLock { state -> (Int16, UInt64?, Bool) in
            let next = state.timeouts.isEmpty ? nil : state.timeouts.values.lazy.filter(\.enabled).map(\.deadline).min()
            state.pollDeadline = next ?? UInt64.max
            return (state.watches.pollEvents, next, !state.timeouts.isEmpty)
        }
        guard let next else { return (events, -1, hasTimeouts) }
        let now = Clock.nanoseconds()
        if next <= now { return (events, 0, hasTimeouts) }
        return (events, Int32(min(UInt64(Int32.max), (next - now + 999_999) / 1_000_000)), hasTimeouts)
    }

    /// Handles the timeouts that are due; whether any was.
    private func fireExpiredTimeouts() -> Bool {
        let now = Clock.nanoseconds()
        let expired = state.withLock { state in
            state.timeouts.values.filter { $0.enabled && $0.deadline <= now }.map(\.pointerBits)
        }
        var fired = false
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
            fired = true
        }
        return fired
    }
}

// MARK: Watches (called by libdbus with the connection's lock held, on any thread)

extension ConnectionCore {
    fileprivate func addWatch(_ watch: OpaquePointer) -> Bool {
        let socket = socketDescriptor
        let added = state.withLock { $0.watches.add(watch, socket: socket) }
        if added { wake() }
        return added
    }

    fileprivate func removeWatch(_ watch: OpaquePointer) {
        state.withLock { $0.watches.remove(watch) }
    }

    /// A watch turned on from another thread (a send the loop must finish, reading resumed
    /// once received messages were freed) changes what the loop polls for: wake it.
    fileprivate func toggleWatch(_ watch: OpaquePointer) {
        if state.withLock({ $0.watches.toggle(watch) }) { wake() }
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

private let coreAddWatch: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?) -> dbus_bool_t = { watch, data in
    guard let watch, let data else { return 0 }
    return Unmanaged<ConnectionCore>.fromOpaque(data).takeUnretainedValue().addWatch(watch) ? 1 : 0
}

private let coreRemoveWatch: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?) -> Void = { watch, data in
    guard let watch, let data else { return }
    Unmanaged<ConnectionCore>.fromOpaque(data).takeUnretainedValue().removeWatch(watch)
}

private let coreToggleWatch: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?) -> Void = { watch, data in
    guard let watch, let data else { return }
    Unmanaged<ConnectionCore>.fromOpaque(data).takeUnretainedValue().toggleWatch(watch)
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
