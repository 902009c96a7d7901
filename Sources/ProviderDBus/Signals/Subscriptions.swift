import DBusKit
import ProviderCore
import Synchronization

/// The peers that receive change signals, and of which objects: a peer that called
/// `Subscribe()` hears of everything it may read; a peer that called `GetManagedObjects` on an
/// object manager hears of what that manager covers. Either way only of objects it may read
/// (checked per signal), and only until it leaves the bus.
final class Subscriptions: Sendable {
    /// What one peer hears of.
    struct Scope: Sendable, Equatable {
        /// `Subscribe()` was called: every object, with the Instance* signals too.
        var everything = false
        /// `GetManagedObjects` on the root: the objects the root manager reports (packages,
        /// referenced packages, permission entries).
        var rootManager = false
        /// `GetManagedObjects` on these packages: each one's sequence, steps, conditions, operands.
        var packageManagers: Set<String> = []

        var isEmpty: Bool { !everything && !rootManager && packageManagers.isEmpty }

        /// Whether a change of `object` concerns this scope.
        func covers(_ object: ObjectReference) -> Bool {
            if everything { return true }
            switch object {
            case .package, .smsPackage, .computer, .collection, .classPermission, .instancePermission, .class, .advertisement, .collectionSettings, .machineSettings:
                return rootManager
            case .sequence(let id), .step(let id, _), .condition(let id, _), .operand(let id, _, _):
                return packageManagers.contains(id)
            }
        }
    }

    /// How many peers may receive signals at once; each costs a name watch and signal sends.
    static let maximumPeers = 1_000
    /// How many package managers one peer's calls register it for; further ones are answered
    /// but not signalled (`Subscribe()` covers everything at once).
    static let maximumPackageManagersPerPeer = 1_000

    private let scopes = Mutex<[String: Scope]>([:])

    /// Widens the scope of `peer`. Returns whether the peer is new (and so needs watching for
    /// its departure).
    ///
    /// - Throws: ``DBusError/limitsExceeded(_:)`` when ``maximumPeers`` peers are listening.
    func widen(_ peer: String, _ change: (inout Scope) -> Void) throws -> Bool {
        try scopes.withLock { scopes in
            let isNew = scopes[peer] == nil
            guard !isNew || scopes.count < Self.maximumPeers else {
                throw DBusError.limitsExceeded("the provider already sends signals to \(Self.maximumPeers) peers")
            }
            var scope = scopes[peer] ?? Scope()
            change(&scope)
            scopes[peer] = scope
            return isNew
        }
    }

    /// Ends `Subscribe()` for `peer`; what its `GetManagedObjects` calls registered stays.
    func endEverything(_ peer: String) {
        scopes.withLock { scopes in
            scopes[peer]?.everything = false
            if scopes[peer]?.isEmpty == true { scopes.removeValue(forKey: peer) }
        }
    }

    /// Forgets a peer that left the bus.
    func remove(_ peer: String) {
        scopes.withLock { _ = $0.removeValue(forKey: peer) }
    }

    /// The listening peers and their scopes.
    var all: [(peer: String, scope: Scope)] {
        scopes.withLock { $0.map { ($0.key, $0.value) } }
    }

    /// The scope of `peer`, if it listens.
    func scope(of peer: String) -> Scope? {
        scopes.withLock { $0[peer] }
    }
}
