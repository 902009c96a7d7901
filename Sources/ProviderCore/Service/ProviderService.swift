import Foundation
import ProviderStore
import Synchronization
import TaskSequenceModel

/// The task sequence object model, without D-Bus: packages, sequences, steps, conditions and
/// the packages they reference, each call checked against the caller's rights and each change
/// one transaction.
///
/// ProviderDBus puts this on the bus; tests drive it directly.
public final class ProviderService: Sendable {
    public let store: ProviderStore
    public let configuration: ProviderConfiguration
    public let policy: any AccessPolicy
    let observers = Mutex<[any ChangeObserver]>([])
    /// Package properties between changes (see ``PackageCache``); off on a shared database.
    let packageCache: PackageCache
    /// Step reads and `GetSequence` replies per package state (see ``SequenceReadCache``), on
    /// every engine.
    let readCache: SequenceReadCache
    /// Who this provider is to the others of its database: they skip their own change messages.
    let origin = UUID()
    /// Numbers this provider's change messages, one per write.
    let changeBatches = Atomic<UInt64>(0)
    /// The subscription to other providers' changes, once started (``hearOtherProviders()``).
    let otherProviders = Mutex<StoreListener?>(nil)
    /// Bounds the XML imported at once (see ``ImportAdmission``).
    let importAdmission: ImportAdmission

    public init(store: ProviderStore, configuration: ProviderConfiguration, policy: any AccessPolicy) {
        self.store = store
        self.configuration = configuration
        self.policy = policy
        packageCache = PackageCache(enabled: store.dialect == .sqlite)
        readCache = SequenceReadCache(capacityBytes: configuration.readCacheBytes)
        importAdmission = ImportAdmission(budget: configuration.importBudgetBytes, patience: configuration.importPatience)
    }

    /// Registers `observer` for change events; events arrive after their transaction commits.
    public func addObserver(_ observer: any ChangeObserver) {
        observers.withLock { $0.append(observer) }
    }

    // MARK: Running calls

    /// Runs a read for `caller`, after admitting them.
    func read<T>(_ caller: Caller, _ body: (StoreDatabase) throws -> T) throws -> T {
        try policy.admit(caller)
        // Inside a batch the store's one connection is busy with its transaction: read there.
        if let batch = EditBatch.current { return try body(batch.db) }
        return try translatingErrors { try store.read(body) }
    }

    /// Runs a change for `caller` in one transaction; the events it collects are delivered once
    /// the transaction has committed (never for a change that failed).
    func write<T>(_ caller: Caller, _ body: (StoreDatabase, inout [ChangeRecord]) throws -> T) throws -> T {
        try policy.admit(caller)
        if let batch = EditBatch.current {
            // An edit of a batch joins its transaction; its events go out when the batch commits.
            return try body(batch.db, &batch.events)
        }
        var events: [ChangeRecord] = []
        let result: T
        do {
            // Once the transaction has committed (or failed), and before observers read the
            // new state, nothing read before stays cached.
            defer {
                packageCache.invalidate()
                readCache.forgetDeletedPackages(events)
            }
            result = try translatingErrors {
                try store.write { db in
                    events = []
                    let result = try body(db, &events)
                    try stampSourceVersions(&events, in: db)
                    for index in events.indices { events[index].changedBy = caller }
                    try tellOtherProviders(events, in: db)
                    return result
                }
            }
        }
        if !events.isEmpty {
            for observer in observers.withLock({ $0 }) { observer.providerDidChange(events) }
        }
        return result
    }

    /// Gives each event the SourceVersion its package has once this transaction commits, so
    /// signals report the version the change made even when later changes follow quickly.
    private func stampSourceVersions(_ events: inout [ChangeRecord], in db: StoreDatabase) throws {
        var versions: [String: UInt32?] = [:]
        for index in events.indices {
            guard let packageID = events[index].object.owningPackageID else { continue }
            if versions[packageID] == nil {
                versions[packageID] = .some(try PackageRow.sourceVersion(db, packageID: packageID))
            }
            events[index].sourceVersion = versions[packageID] ?? nil
        }
    }

    /// Throws `notFound` when the caller may not read instance `object` (so IDs don't leak), and
    /// `accessDenied` naming the right when they may read it — or it is a class — but lack `right`.
    func require(_ right: Rights, on object: ObjectReference, for caller: Caller, in db: StoreDatabase) throws {
        let held = try policy.rights(of: caller, on: object, in: db)
        // Classes are no secret; instances the caller may not read do not exist for it.
        if case .class = object {} else if !held.contains(.read) {
            throw ProviderError.notFound(object: object.relativePath)
        }
        guard held.contains(right) else {
            throw ProviderError.accessDenied(right: right.description, object: object.relativePath)
        }
    }

    /// Whether the caller may see `object`.
    func canRead(_ object: ObjectReference, for caller: Caller, in db: StoreDatabase) throws -> Bool {
        try policy.rights(of: caller, on: object, in: db).contains(.read)
    }

    func translatingStoreErrors<T>(_ body: () throws -> T) throws -> T {
        try translatingErrors(body)
    }

    private func translatingErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ProviderError {
            throw error
        } catch let error as StoreError {
            throw ProviderError(error)
        }
    }
}

extension ProviderError {
    init(_ error: StoreError) {
        switch error {
        case .packageNotFound(let id): self = .notFound(object: ObjectReference.package(id).relativePath)
        case .stepNotFound(let id): self = .notFound(object: "step \(id)")
        case .operandNotFound(let id): self = .notFound(object: "condition operand \(id)")
        case .wouldCreateCycle, .notAContainer: self = .invalidArgument(name: "parent", problem: error.description)
        case .staleVersion(let expected, let actual): self = .conflict(expected: expected, actual: actual)
        case .packageIDsExhausted, .collectionIDsExhausted, .advertisementIDsExhausted: self = .limitsExceeded(error.description)
        case .corrupt, .engine, .unavailable: self = .storage(error.description)
        case .full(let detail): self = .storageFull(detail: detail)
        case .readOnly(let detail): self = .storageReadOnly(detail: detail)
        case .refusedByRule(let message):
            let rule = message.split(separator: ":", maxSplits: 1)
            self = rule.count == 2
                ? .validationFailed(property: String(rule[0]), rule: String(rule[1].drop { $0 == " " }))
                : .storage(message)
        }
    }
}
