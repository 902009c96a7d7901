import Foundation

/// A few PostgreSQL connections shared by the threads of one process, one per transaction.
///
/// Connections open lazily, up to the configuration's limit; a caller beyond it waits for one to
/// come back. Writers serialize on one advisory lock for the whole database — across every
/// provider using it — as SQLite serializes its writers, so a write transaction sees everything
/// committed before it and no code path needs retry logic. Readers get a snapshot.
///
/// A connection that failed is dropped; the next transaction opens a new one, so once the server
/// is back the store works again by itself. A call while it is away fails with
/// `StoreError.unavailable` and writes nothing.
public final class PostgresPool: @unchecked Sendable {
    /// The key of the advisory lock every writer of a tsprovider database takes ("tspr").
    public static let writerLockKey: Int64 = 0x7473_7072

    public let configuration: PostgresConfiguration
    // @unchecked: `idle` and `openCount` are only touched with `condition` locked.
    private let condition = NSCondition()
    private var idle: [PostgresDatabase] = []
    private var openCount = 0

    public init(configuration: PostgresConfiguration) {
        self.configuration = configuration
    }

    /// Runs `body` in one transaction on a connection of the pool: committed if it returns,
    /// rolled back if it throws.
    @discardableResult
    public func transaction<T>(readOnly: Bool, _ body: (PostgresDatabase) throws -> T) throws -> T {
        let connection = try checkOutBegun(readOnly: readOnly)
        do {
            let result = try body(connection)
            try connection.runScript("COMMIT")
            checkIn(connection, reusable: true)
            return result
        } catch {
            let lost = Self.isConnectionLoss(error)
            if !lost { try? connection.runScript("ROLLBACK") }
            checkIn(connection, reusable: !lost)
            throw error
        }
    }

    /// A connection with its transaction begun. An idle connection may have died while it
    /// waited (a server restart); since nothing has been done yet, a fresh one is tried once.
    private func checkOutBegun(readOnly: Bool) throws -> PostgresDatabase {
        let begin = readOnly
            ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
            : "BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(\(Self.writerLockKey))"
        var attempts = 0
        while true {
            attempts += 1
            let connection = try checkOut()
            do {
                try connection.runScript(begin)
                return connection
            } catch {
                let lost = Self.isConnectionLoss(error)
                if !lost { try? connection.runScript("ROLLBACK") }
                checkIn(connection, reusable: !lost)
                guard lost, attempts == 1 else { throw error }
            }
        }
    }

    private func checkOut() throws -> PostgresDatabase {
        condition.lock()
        while idle.isEmpty && openCount >= configuration.maximumConnections {
            condition.wait()
        }
        if let connection = idle.popLast() {
            condition.unlock()
            return connection
        }
        openCount += 1
        condition.unlock()
        do {
            return try PostgresDatabase(parameters: configuration.connectionParameters, target: configuration.target)
        } catch {
            condition.lock()
            openCount -= 1
            condition.signal()
            condition.unlock()
            throw error
        }
    }

    private static func isConnectionLoss(_ error: any Error) -> Bool {
        if case .unavailable = error as? StoreError { return true }
        return false
    }

    /// Returns a connection to the pool, or drops it (closing it) when it has lost the server —
    /// and the idle ones with it, which went to the same server and would fail the next calls
    /// one by one after a restart.
    private func checkIn(_ connection: PostgresDatabase, reusable: Bool) {
        condition.lock()
        var dropped: [PostgresDatabase] = []
        if reusable && connection.isConnected {
            idle.append(connection)
        } else {
            dropped = idle
            idle.removeAll()
            openCount -= 1 + dropped.count
        }
        condition.broadcast()
        condition.unlock()
        // Closed (PQfinish in deinit) outside the lock.
        dropped.removeAll()
    }
}
