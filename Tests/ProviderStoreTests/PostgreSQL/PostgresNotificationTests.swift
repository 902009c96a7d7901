import Foundation
import Testing
import TestSupport
import ProviderStore

/// LISTEN/NOTIFY between two stores on one database (as between two providers).
@Suite struct PostgresNotificationTests {
    @Test func aNotificationReachesAnotherStoresListenerOnlyWhenItsTransactionCommits() throws {
        let (listening, configuration) = try makePostgresStore()
        let notifying = try ProviderStore(location: .postgresql(configuration), postgresMigrations: [])
        let received = ReceivedPayloads()
        let listener = try listening.listen(channel: "tsproviderChanges") { received.append($0) }
        defer { listener.stop() }

        struct Abandon: Error {}
        #expect(throws: Abandon.self) {
            try notifying.transaction(readOnly: false) { db in
                try db.notify(channel: "tsproviderChanges", payload: "rolled back")
                throw Abandon()
            }
        }
        try notifying.transaction(readOnly: false) { db in
            try db.notify(channel: "tsproviderChanges", payload: "committed")
            // Still inside the transaction: the listener has had time to hear it, if it could.
            Thread.sleep(forTimeInterval: 0.3)
            #expect(received.all.isEmpty, "nothing is delivered before the commit")
        }
        #expect(received.waitFor("committed"))
        try notifying.transaction(readOnly: false) { db in try db.notify(channel: "otherChannel", payload: "elsewhere") }
        try notifying.transaction(readOnly: false) { db in try db.notify(channel: "tsproviderChanges", payload: "last") }
        #expect(received.waitFor("last"))
        // Notifications from one session arrive in commit order, so "rolled back" would be first.
        #expect(received.all == ["committed", "last"])
    }

    @Test func aStoppedListenerHearsNothingMore() throws {
        let (store, _) = try makePostgresStore()
        let received = ReceivedPayloads()
        let listener = try store.listen(channel: "stopped") { received.append($0) }
        try store.transaction(readOnly: false) { db in try db.notify(channel: "stopped", payload: "before") }
        #expect(received.waitFor("before"))
        listener.stop()
        try store.transaction(readOnly: false) { db in try db.notify(channel: "stopped", payload: "after") }
        #expect(received.all == ["before"])
    }

    @Test func onSQLiteNotifyIsANoOpAndListenersHearNothing() throws {
        let store = try TestStores.makeStore(engine: .sqlite)
        let received = ReceivedPayloads()
        let listener = try store.listen(channel: "changes") { received.append($0) }
        defer { listener.stop() }
        try store.transaction(readOnly: false) { db in try db.notify(channel: "changes", payload: "x") }
        #expect(received.all.isEmpty)
        #expect(store.dialect == .sqlite)
    }
}
