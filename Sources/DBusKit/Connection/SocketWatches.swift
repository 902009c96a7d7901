internal import CDBus
#if canImport(Glibc)
import Glibc
#endif

/// The libdbus watches of a connection's socket, as the loop polls them.
///
/// libdbus's socket transport has one watch for reading and one for writing, both on the
/// connection's socket. The loop polls the socket for what the enabled watches ask and hands
/// what it saw to `dbus_watch_handle`, so libdbus reads or writes without polling the socket a
/// second time (`dbus_connection_read_write` always polls before it reads).
///
/// A watch is freed by libdbus when the connection disconnects, which can happen on any thread
/// that does I/O on the connection (a send that finds the socket closed). The records are kept
/// behind the connection's state lock and cleared by the remove callback before libdbus frees
/// the watch; the loop reads them and calls `dbus_watch_handle` while it holds the connection's
/// libdbus gate, which every other thread holds around its calls that can do I/O, so no watch is
/// freed between the loop reading a record and libdbus taking its own lock.
struct SocketWatches {
    /// One watch libdbus handed us (`DBusWatch *` as bits, so the state stays `Sendable`).
    struct Record {
        var pointerBits: UInt
        var enabled: Bool

        var watch: OpaquePointer? { OpaquePointer(bitPattern: pointerBits) }
    }

    var reading: Record?
    var writing: Record?

    /// The poll events the enabled watches ask for (0: the socket is not polled).
    var pollEvents: Int16 {
        var events: Int16 = 0
        if reading?.enabled == true { events |= Int16(POLLIN) }
        if writing?.enabled == true { events |= Int16(POLLOUT) }
        return events
    }

    /// Records a watch libdbus adds; false for a watch the loop cannot poll (not on the socket,
    /// or for reading and writing at once), which libdbus then treats as a failure to add it.
    mutating func add(_ watch: OpaquePointer, socket: Int32) -> Bool {
        guard dbus_watch_get_unix_fd(watch) == socket else { return false }
        let record = Record(pointerBits: Self.bits(of: watch), enabled: dbus_watch_get_enabled(watch) != 0)
        switch dbus_watch_get_flags(watch) {
        case DBUS_WATCH_READABLE.rawValue: reading = record
        case DBUS_WATCH_WRITABLE.rawValue: writing = record
        default: return false
        }
        return true
    }

    mutating func remove(_ watch: OpaquePointer) {
        let bits = Self.bits(of: watch)
        if reading?.pointerBits == bits { reading = nil }
        if writing?.pointerBits == bits { writing = nil }
    }

    /// Notes a watch turned on or off; true if the loop must poll for something else now.
    mutating func toggle(_ watch: OpaquePointer) -> Bool {
        let bits = Self.bits(of: watch)
        let enabled = dbus_watch_get_enabled(watch) != 0
        let before = pollEvents
        if reading?.pointerBits == bits { reading?.enabled = enabled }
        if writing?.pointerBits == bits { writing?.enabled = enabled }
        return pollEvents != before
    }

    /// The `dbus_watch_handle` flags for what poll reported on the socket, for each watch.
    static func handleFlags(forPollEvents revents: Int16) -> (reading: UInt32, writing: UInt32) {
        var trouble: UInt32 = 0
        if revents & Int16(POLLERR) != 0 { trouble |= DBUS_WATCH_ERROR.rawValue }
        if revents & Int16(POLLHUP) != 0 { trouble |= DBUS_WATCH_HANGUP.rawValue }
        let readable = revents & Int16(POLLIN) != 0 ? DBUS_WATCH_READABLE.rawValue : 0
        let writable = revents & Int16(POLLOUT) != 0 ? DBUS_WATCH_WRITABLE.rawValue : 0
        return (readable | trouble, writable | trouble)
    }

    private static func bits(of watch: OpaquePointer) -> UInt {
        UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(watch)))
    }
}
