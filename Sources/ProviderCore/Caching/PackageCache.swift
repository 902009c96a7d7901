import Synchronization
import TaskSequenceModel

/// Package properties kept in memory between changes.
///
/// `Get` of a package property is the provider's most frequent call, and a read transaction
/// on SQLite costs several D-Bus round trips' worth of CPU; served from here a `Get` costs about
/// what an echo does. Every write of the service empties the cache once it has committed, so it
/// never serves what the store no longer says: an entry read from the store is kept only if no
/// write has finished since the read began (the generation check).
///
/// On PostgreSQL the cache is off: every `Get` reads the store. Other providers write the same
/// database, and their change messages (``ChangeNotifications``) arrive asynchronously, so an
/// edit committed through another provider could still be served stale a moment later —
/// exactly when a client that wrote there reads here. Validating each hit instead against a
/// change counter would cost one indexed single-row read per `Get`, about what reading the
/// package row by its primary key costs over the same connection, and needs a counter the
/// schema does not have; so the store is read instead. Change messages still empty the cache,
/// which matters to nobody while it is off but keeps it correct if it is turned on.
final class PackageCache: Sendable {
    private struct State {
        var generation: UInt64 = 0
        var entries: [String: PackageProperties] = [:]
        /// The entry read last: a client reads one package's properties one after another,
        /// and comparing a PackageID costs less than hashing it.
        var last: (packageID: String, properties: PackageProperties)?
    }

    /// Entries kept at most; when full it starts over (reads refill what is in use).
    static let capacity = 4_096
    private let state = Mutex(State())
    /// False on a database other providers write: nothing is kept.
    let isEnabled: Bool

    init(enabled: Bool = true) {
        isEnabled = enabled
    }

    /// The current generation, to take before reading the store.
    var generation: UInt64 { state.withLock { $0.generation } }

    func properties(of packageID: String) -> PackageProperties? {
        withProperties(of: packageID) { $0 }
    }

    /// `body` applied to the kept properties of `packageID`, under the cache's lock, so that
    /// reading one property does not copy the others; `nil` when they are not kept.
    func withProperties<Result>(of packageID: String, _ body: (PackageProperties) -> Result) -> Result? {
        state.withLock { state in
            if state.last?.packageID == packageID, let last = state.last { return body(last.properties) }
            guard let properties = state.entries[packageID] else { return nil }
            state.last = (packageID, properties)
            return body(properties)
        }
    }

    /// Keeps `properties` unless the cache was invalidated since `generation` was taken.
    func keep(_ properties: PackageProperties, of packageID: String, readAt generation: UInt64) {
        guard isEnabled else { return }
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.entries.count >= Self.capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[packageID] = properties
            // The entry read last is always one of the entries as they are.
            if state.last?.packageID == packageID { state.last = nil }
        }
    }

    /// Forgets everything; called after every write.
    func invalidate() {
        state.withLock { state in
            state.generation &+= 1
            state.entries.removeAll(keepingCapacity: true)
            state.last = nil
        }
    }
}
