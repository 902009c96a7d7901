import Foundation
import ProviderCore
import ProviderStore
import TaskSequenceModel
import TestSupport

/// A provider over a store in a fresh temporary directory, with a clock that ticks per call.
final class ServiceFixture {
    let directory: URL
    let service: ProviderService
    let root = Caller.system
    let stranger = Caller(uid: 4242, groupIDs: [4242], userName: "stranger")

    init(policy: any AccessPolicy = SuperuserOnlyPolicy(superuserIDs: [0]), knownPrincipals: Set<String>? = nil) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tsp-core-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try TestStores.makeStore()
        service = ProviderService(
            store: store,
            configuration: ProviderConfiguration(
                siteCode: "TST", now: { 1_700_000_000 },
                knowsPrincipal: { name in knownPrincipals?.contains(name) ?? UserDatabase.knows(principal: name) }),
            policy: policy
        )
    }

    deinit { try? FileManager.default.removeItem(at: directory) }
}

/// Collects change events.
final class EventRecorder: ChangeObserver, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [ChangeRecord] = []
    var events: [ChangeRecord] { lock.withLock { recorded } }
    func providerDidChange(_ events: [ChangeRecord]) { lock.withLock { recorded += events } }
}
