import Dispatch
import Foundation
import Testing
import TestSupport
import ProviderStore

/// Several stores (as several providers) on one PostgreSQL database.
@Suite struct PostgresConcurrencyTests {
    @Test func writersOfTwoStoresAreSerializedSoNoUpdateIsLost() throws {
        let schema = [PostgresMigration("counter-1", sql: "CREATE TABLE counter (id integer PRIMARY KEY, value bigint NOT NULL); INSERT INTO counter VALUES (1, 0);")]
        let (first, configuration) = try makePostgresStore(schema)
        let second = try ProviderStore(location: .postgresql(configuration), postgresMigrations: schema)
        let stores = [first, second]
        let increments = 200
        // Read, compute in Swift, write back: without serialized writers two of these
        // interleave and one increment is lost.
        DispatchQueue.concurrentPerform(iterations: stores.count * 2) { worker in
            let store = stores[worker % stores.count]
            for _ in 0..<increments / 2 {
                do {
                    try store.transaction(readOnly: false) { db in
                        let value = try db.value(Int64.self, "SELECT value FROM counter WHERE id = 1") ?? 0
                        try db.run("UPDATE counter SET value = ? WHERE id = 1", [value + 1])
                    }
                } catch {
                    Issue.record("increment failed: \(error)")
                }
            }
        }
        let total = try first.transaction(readOnly: true) { db in try db.value(Int64.self, "SELECT value FROM counter WHERE id = 1") }
        #expect(total == Int64(stores.count * increments))
    }

    @Test func migrationsAreAppliedOnceWhenTwoStoresOpenAtOnce() throws {
        let configuration = try PostgresServer.shared().createDatabase()
        // Creating the table twice would fail, and the log would have two rows.
        let schema = [
            PostgresMigration("once-1", sql: "CREATE TABLE once_log (note text NOT NULL); INSERT INTO once_log VALUES ('applied');"),
            PostgresMigration("once-2", sql: "ALTER TABLE once_log ADD COLUMN extra integer; INSERT INTO once_log (note) VALUES ('second');"),
        ]
        let results = OpenResults()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            results.record(Result { try ProviderStore(location: .postgresql(configuration), postgresMigrations: schema) })
        }
        let stores = try results.all.map { try $0.get() }
        #expect(stores.count == 4)
        let store = try #require(stores.first)
        let notes = try store.transaction(readOnly: true) { db in try db.values(String.self, "SELECT note FROM once_log ORDER BY note") }
        #expect(notes == ["applied", "second"])
        let applied = try store.transaction(readOnly: true) { db in
            try db.values(String.self, "SELECT identifier FROM schema_migrations ORDER BY identifier")
        }
        #expect(applied == ["once-1", "once-2"])
        // Opening again applies nothing new.
        _ = try ProviderStore(location: .postgresql(configuration), postgresMigrations: schema)
        #expect(try store.transaction(readOnly: true) { db in try db.value(Int.self, "SELECT COUNT(*) FROM once_log") } == 2)
    }

    @Test func aFailedMigrationIsUndoneAndNamed() throws {
        let configuration = try PostgresServer.shared().createDatabase()
        let schema = [PostgresMigration("broken-1", sql: "CREATE TABLE half (x integer); SELECT no_such_function();")]
        #expect(throws: StoreError.engine("migration broken-1 failed: function no_such_function() does not exist (SQLSTATE 42883)")) {
            try ProviderStore(location: .postgresql(configuration), postgresMigrations: schema)
        }
        let store = try ProviderStore(location: .postgresql(configuration), postgresMigrations: [])
        let tables = try store.transaction(readOnly: true) { db in
            try db.values(String.self, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name")
        }
        #expect(tables == ["schema_migrations"])
    }
}

/// Results of concurrent opens, collected from several threads.
private final class OpenResults: @unchecked Sendable {
    // @unchecked: `results` is only touched with `lock` held.
    private let lock = NSLock()
    private var results: [Result<ProviderStore, any Error>] = []

    func record(_ result: Result<ProviderStore, any Error>) {
        lock.lock()
        results.append(result)
        lock.unlock()
    }

    var all: [Result<ProviderStore, any Error>] {
        lock.lock()
        defer { lock.unlock() }
        return results
    }
}
