import CLibPQ
import Foundation

/// Receives `NOTIFY`s on one channel, on a connection and thread of its own.
///
/// The thread waits on the connection's socket, reads what arrived (PQconsumeInput) and hands
/// each payload to the handler, on that thread. When the server goes away it reconnects every
/// half second and listens again; notifications sent while it was away are lost (PostgreSQL
/// keeps none for absent listeners), which callers treat as "reload everything".
final class PostgresListener: @unchecked Sendable {
    private let configuration: PostgresConfiguration
    private let channel: String
    private let handler: @Sendable (String) -> Void
    private let reconnected: @Sendable () -> Void
    // @unchecked: `stopped` and `connected` are only touched with `condition` locked.
    private let condition = NSCondition()
    private var stopped = false
    private var connected = false
    private var finished = false

    /// Connects and listens before returning, so that a notification sent after this returns
    /// is delivered; throws `.unavailable` when the server cannot be reached now. `reconnected`
    /// is called (on the listener's thread) each time it listens again after losing the server,
    /// since whatever was sent meanwhile is lost.
    init(configuration: PostgresConfiguration, channel: String, handler: @escaping @Sendable (String) -> Void,
         reconnected: @escaping @Sendable () -> Void = {}) throws {
        self.configuration = configuration
        self.channel = channel
        self.handler = handler
        self.reconnected = reconnected
        let first = Handover(connection: try Self.connectAndListen(configuration: configuration, channel: channel))
        let thread = Thread { [self] in self.loop(first.connection) }
        thread.name = "tsprovider-listen"
        thread.start()
    }

    /// The first connection, handed to the thread; this thread never touches it again.
    private struct Handover: @unchecked Sendable {
        let connection: PostgresDatabase
    }

    /// Stops listening and waits for the thread to let go of its connection.
    func stop() {
        condition.lock()
        stopped = true
        while !finished { condition.wait() }
        condition.unlock()
    }

    private var isStopped: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopped
    }

    private func loop(_ first: PostgresDatabase) {
        var connection: PostgresDatabase? = first
        while !isStopped {
            guard let current = connection else {
                connection = try? Self.connectAndListen(configuration: configuration, channel: channel)
                if connection == nil { Thread.sleep(forTimeInterval: 0.5) } else { reconnected() }
                continue
            }
            if !receive(on: current) { connection = nil }
        }
        connection = nil
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits up to 200 ms for notifications and delivers them; false when the connection is lost.
    private func receive(on connection: PostgresDatabase) -> Bool {
        let socket = PQsocket(connection.connection)
        guard socket >= 0 else { return false }
        let ready = clibpq_wait_readable(socket, 200)
        if ready < 0 && errno != EINTR { return false }
        guard ready > 0 else { return true }
        guard PQconsumeInput(connection.connection) == 1 else { return false }
        while let notification = PQnotifies(connection.connection) {
            let payload = notification.pointee.extra.map { String(cString: $0) } ?? ""
            PQfreemem(notification)
            handler(payload)
        }
        return connection.isConnected
    }

    private static func connectAndListen(configuration: PostgresConfiguration, channel: String) throws -> PostgresDatabase {
        let connection = try PostgresDatabase(parameters: configuration.connectionParameters, target: configuration.target)
        try connection.runScript("LISTEN " + quotedIdentifier(channel))
        return connection
    }

    /// A channel name as a quoted identifier, so it keeps its case as `pg_notify` does.
    static func quotedIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
