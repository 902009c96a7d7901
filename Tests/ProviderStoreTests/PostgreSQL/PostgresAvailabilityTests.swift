import Dispatch
import Foundation
import Testing
import TestSupport
import ProviderStore

/// A PostgreSQL server that goes away and comes back: calls fail with `.unavailable`, nothing is
/// half-written, and the store (and its listeners) work again by themselves. Each test runs a
/// server of its own, since it stops it.
@Suite struct PostgresAvailabilityTests {
    private static let schema = [PostgresMigration("items-1", sql: "CREATE TABLE items (name text PRIMARY KEY)")]

    private func openStore(on server: PostgresServer) throws -> (ProviderStore, PostgresConfiguration) {
        let configuration = try server.createDatabase()
        return (try ProviderStore(location: .postgresql(configuration), postgresMigrations: Self.schema), configuration)
    }

    private func names(_ store: ProviderStore) throws -> [String] {
        try store.transaction(readOnly: true) { db in try db.values(String.self, "SELECT name FROM items ORDER BY name") }
    }

    @Test func callsWhileTheServerIsDownFailAsUnavailableAndTheNextOneAfterItsReturnSucceeds() throws {
        let server = try PostgresServer.start()
        defer { server.stop() }
        let (store, configuration) = try openStore(on: server)
        try store.transaction(readOnly: false) { db in try db.run("INSERT INTO items (name) VALUES (?)", ["before"]) }

        try server.stopServer()
        let socket = server.directory + "/.s.PGSQL.5432"
        let expected = StoreError.unavailable(
            "cannot connect to PostgreSQL at \(configuration.target): connection to server on socket \"\(socket)\" failed: "
                + "No such file or directory\n\tIs the server running locally and accepting connections on that socket?")
        #expect(throws: expected) {
            try store.transaction(readOnly: false) { db in try db.run("INSERT INTO items (name) VALUES (?)", ["while down"]) }
        }
        #expect(throws: expected) { try names(store) }

        try server.startServer()
        try store.transaction(readOnly: false) { db in try db.run("INSERT INTO items (name) VALUES (?)", ["after"]) }
        #expect(try names(store) == ["after", "before"])
    }

    @Test func afterARestartTheNextCallSucceedsThoughEveryPooledConnectionIsDead() throws {
        let server = try PostgresServer.start()
        defer { server.stop() }
        let (store, configuration) = try openStore(on: server)
        // Four transactions at once hold the pool's four connections.
        // Threads of their own: a dispatch pool may have fewer threads than the barrier needs.
        let barrier = Barrier(parties: configuration.maximumConnections)
        let done = DispatchGroup()
        for _ in 0..<configuration.maximumConnections {
            done.enter()
            Thread.detachNewThread {
                _ = try? store.transaction(readOnly: true) { db in
                    _ = try db.row("SELECT 1")
                    barrier.arriveAndWait()
                }
                done.leave()
            }
        }
        done.wait()
        let database = try #require(configuration.databaseName)
        let open = try server.psql("SELECT count(*) FROM pg_stat_activity WHERE datname = '\(database)'").trimmingTrailingNewlines
        #expect(open == "\(configuration.maximumConnections)", "the pool holds its connections")
        try server.restart()
        try store.transaction(readOnly: false) { db in try db.run("INSERT INTO items (name) VALUES (?)", ["after restart"]) }
        #expect(try names(store) == ["after restart"])
    }

    @Test func aTransactionCutOffByTheServerStoppingWritesNothing() throws {
        let server = try PostgresServer.start()
        defer { server.stop() }
        let (store, _) = try openStore(on: server)
        var failure: (any Error)?
        do {
            try store.transaction(readOnly: false) { db in
                try db.run("INSERT INTO items (name) VALUES (?)", ["half"])
                try server.stopServer()
                try db.run("INSERT INTO items (name) VALUES (?)", ["other half"])
            }
        } catch {
            failure = error
        }
        guard case .unavailable = failure as? StoreError else {
            Issue.record("expected StoreError.unavailable, got \(String(describing: failure))")
            return
        }
        try server.startServer()
        #expect(try names(store) == [])
    }

    @Test func aStoreCannotOpenWhileTheServerIsDown() throws {
        let server = try PostgresServer.start()
        defer { server.stop() }
        let configuration = try server.createDatabase()
        try server.stopServer()
        let socket = server.directory + "/.s.PGSQL.5432"
        #expect(throws: StoreError.unavailable(
            "cannot connect to PostgreSQL at \(configuration.target): connection to server on socket \"\(socket)\" failed: "
                + "No such file or directory\n\tIs the server running locally and accepting connections on that socket?")
        ) {
            try ProviderStore(location: .postgresql(configuration), postgresMigrations: Self.schema)
        }
    }

    @Test func aListenerListensAgainAfterTheServerRestarts() throws {
        let server = try PostgresServer.start()
        defer { server.stop() }
        let (store, _) = try openStore(on: server)
        let received = ReceivedPayloads()
        let listener = try store.listen(channel: "changes") { received.append($0) }
        defer { listener.stop() }
        try server.restart()
        // The listener reconnects on its own schedule; notifications sent before it listens
        // again are lost by design, so keep sending until one is heard (bounded).
        var heard = false
        for attempt in 1...60 where !heard {
            try? store.transaction(readOnly: false) { db in try db.notify(channel: "changes", payload: "after restart \(attempt)") }
            heard = received.waitFor("after restart \(attempt)", limit: 0.5)
        }
        #expect(heard)
    }
}

/// Lets threads go on only once `parties` of them have arrived.
private final class Barrier: @unchecked Sendable {
    // @unchecked: `arrived` is only touched with `condition` locked.
    private let condition = NSCondition()
    private let parties: Int
    private var arrived = 0

    init(parties: Int) {
        self.parties = parties
    }

    /// Waits for the others, 60 seconds at most (so a broken test fails instead of hanging).
    func arriveAndWait() {
        let deadline = Date().addingTimeInterval(60)
        condition.lock()
        arrived += 1
        condition.broadcast()
        while arrived < parties && condition.wait(until: deadline) {}
        condition.unlock()
    }
}
