import Foundation
import ProviderStore
import TestSupport

/// A store on a fresh database of the shared test server, with `migrations` as its schema.
func makePostgresStore(_ migrations: [PostgresMigration] = []) throws -> (ProviderStore, PostgresConfiguration) {
    let configuration = try PostgresServer.shared().createDatabase()
    return (try ProviderStore(location: .postgresql(configuration), postgresMigrations: migrations), configuration)
}

/// Notification payloads received on a listener's thread, read from the test's.
final class ReceivedPayloads: @unchecked Sendable {
    // @unchecked: `payloads` is only touched with `condition` locked.
    private let condition = NSCondition()
    private var payloads: [String] = []

    func append(_ payload: String) {
        condition.lock()
        payloads.append(payload)
        condition.broadcast()
        condition.unlock()
    }

    var all: [String] {
        condition.lock()
        defer { condition.unlock() }
        return payloads
    }

    /// Waits until `payload` has arrived (true), or gives up after `limit` (false). A bound on
    /// waiting for delivery, not a measurement.
    func waitFor(_ payload: String, limit: TimeInterval = 30) -> Bool {
        let deadline = Date().addingTimeInterval(limit)
        condition.lock()
        defer { condition.unlock() }
        while !payloads.contains(payload) {
            if !condition.wait(until: deadline) { return payloads.contains(payload) }
        }
        return true
    }
}
