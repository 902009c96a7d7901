import ProviderStore

/// Decides what a caller may do. Every entry point of ``ProviderService`` asks it.
///
/// Policies answer with rights and with descriptions of sets (``ReadableSet``,
/// ``PermissionVisibility``); the store turns the sets into conditions of its statements, so
/// Read filtering stays in SQL and a policy never writes any.
public protocol AccessPolicy: Sendable {
    /// Throws ``ProviderError/accessDenied(right:object:)`` when the caller may not use the
    /// provider at all.
    func admit(_ caller: Caller) throws

    /// The rights `caller` holds on `object` (for `.class` references: class rights).
    func rights(of caller: Caller, on object: ObjectReference, in db: StoreDatabase) throws -> Rights

    /// The task sequence packages `caller` may read — and so the sequences, steps and conditions
    /// inside them — for queries and listings.
    ///
    /// The default asks ``rights(of:on:in:)`` for every package; a policy that keeps rights in
    /// the store should answer with ``ReadableSet/granted(objectKey:rights:principals:)`` instead.
    func readablePackages(for caller: Caller, in db: StoreDatabase) throws -> ReadableSet

    /// The SMS_Package instances `caller` may read; the default asks ``rights(of:on:in:)`` for each.
    func readableSMSPackages(for caller: Caller, in db: StoreDatabase) throws -> ReadableSet

    /// The instances of `secured` the caller may read; the default asks ``rights(of:on:in:)``
    /// for each.
    func readableInstances(of secured: SecuredClass, for caller: Caller, in db: StoreDatabase) throws -> ReadableSet

    /// The collections `caller` may read; the default asks ``rights(of:on:in:)`` for each.
    func readableCollections(for caller: Caller, in db: StoreDatabase) throws -> ReadableSet

    /// The computers (ResourceIDs) `caller` may read; the default asks ``rights(of:on:in:)``
    /// for each.
    func readableComputers(for caller: Caller, in db: StoreDatabase) throws -> ReadableSet

    /// Which permission entries `caller` may see among the class entries (`instances` false)
    /// or the instance entries.
    func readablePermissionEntries(for caller: Caller, instances: Bool, in db: StoreDatabase) throws -> PermissionVisibility

    /// The rights `caller` holds on `object` when the policy can tell without the store, or
    /// `nil` to have ``rights(of:on:in:)`` decide. Lets hot reads be served from memory.
    func rightsWithoutStore(of caller: Caller, on object: ObjectReference) -> Rights?
}

extension AccessPolicy {
    /// By default every decision needs the store.
    public func rightsWithoutStore(of caller: Caller, on object: ObjectReference) -> Rights? { nil }

    /// By default a caller sees only the entries that name it or one of its groups.
    public func readablePermissionEntries(for caller: Caller, instances: Bool, in db: StoreDatabase) throws -> PermissionVisibility {
        .limited(principals: caller.principals)
    }

    public func readablePackages(for caller: Caller, in db: StoreDatabase) throws -> ReadableSet {
        try readableInstances(of: .taskSequencePackage, for: caller, in: db)
    }

    public func readableSMSPackages(for caller: Caller, in db: StoreDatabase) throws -> ReadableSet {
        try readableInstances(of: .package, for: caller, in: db)
    }

    public func readableInstances(of secured: SecuredClass, for caller: Caller, in db: StoreDatabase) throws -> ReadableSet {
        let keys = try secured.table.allKeys(db)
        let readable = try keys.filter { try rights(of: caller, on: secured.instance($0), in: db).contains(.read) }
        if readable.isEmpty { return .none }
        return readable.count == keys.count ? .all : .only(Set(readable))
    }

    public func readableCollections(for caller: Caller, in db: StoreDatabase) throws -> ReadableSet {
        try readableInstances(of: .collection, for: caller, in: db)
    }

    public func readableComputers(for caller: Caller, in db: StoreDatabase) throws -> ReadableSet {
        let ids = try ComputerKeys.allResourceIDs(db).compactMap { UInt32(exactly: $0) }
        let readable = try ids.filter { try rights(of: caller, on: .computer($0), in: db).contains(.read) }
        if readable.isEmpty { return .none }
        return readable.count == ids.count ? .all : .only(Set(readable.map(String.init)))
    }
}

/// The fail-closed policy: superusers hold every right, everyone else is turned away.
///
/// Superusers are uid 0, the daemon's own uid, and any uid listed in the configuration.
public struct SuperuserOnlyPolicy: AccessPolicy {
    public let superuserIDs: Set<UInt32>

    public init(superuserIDs: Set<UInt32>) {
        self.superuserIDs = superuserIDs.union([0])
    }

    public func admit(_ caller: Caller) throws {
        guard superuserIDs.contains(caller.uid) else {
            throw ProviderError.accessDenied(right: "superuser", object: "org.tsprovider.Provider1 (only administrators may use the provider)")
        }
    }

    public func rights(of caller: Caller, on object: ObjectReference, in db: StoreDatabase) throws -> Rights {
        superuserIDs.contains(caller.uid) ? .all : []
    }

    private func everythingOrNothing(_ caller: Caller) -> ReadableSet {
        superuserIDs.contains(caller.uid) ? .all : .none
    }

    public func readablePackages(for caller: Caller, in db: StoreDatabase) throws -> ReadableSet { everythingOrNothing(caller) }

    public func readableSMSPackages(for caller: Caller, in db: StoreDatabase) throws -> ReadableSet { everythingOrNothing(caller) }

    public func readableInstances(of secured: SecuredClass, for caller: Caller, in db: StoreDatabase) throws -> ReadableSet {
        everythingOrNothing(caller)
    }

    public func readableCollections(for caller: Caller, in db: StoreDatabase) throws -> ReadableSet { everythingOrNothing(caller) }

    public func readableComputers(for caller: Caller, in db: StoreDatabase) throws -> ReadableSet { everythingOrNothing(caller) }

    public func rightsWithoutStore(of caller: Caller, on object: ObjectReference) -> Rights? {
        superuserIDs.contains(caller.uid) ? .all : []
    }

    public func readablePermissionEntries(for caller: Caller, instances: Bool, in db: StoreDatabase) throws -> PermissionVisibility {
        superuserIDs.contains(caller.uid) ? .all : .none
    }
}
