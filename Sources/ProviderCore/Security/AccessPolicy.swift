import GRDB
import ProviderStore

/// Decides what a caller may do. Every entry point of ``ProviderService`` asks it.
public protocol AccessPolicy: Sendable {
    /// Throws ``ProviderError/accessDenied(right:object:)`` when the caller may not use the
    /// provider at all.
    func admit(_ caller: Caller) throws

    /// The rights `caller` holds on `object` (for `.class` references: class rights).
    func rights(of caller: Caller, on object: ObjectReference, in db: Database) throws -> Rights

    /// The task sequence packages `caller` may read — and so the sequences, steps and conditions
    /// inside them — for queries, which apply the answer in their SQL.
    ///
    /// The default asks ``rights(of:on:in:)`` for every package; a policy that keeps rights in
    /// the store should answer with ``ReadableSet/selectedBy(_:)`` instead.
    func readablePackages(for caller: Caller, in db: Database) throws -> ReadableSet

    /// The SMS_Package instances `caller` may read, for queries; the default asks
    /// ``rights(of:on:in:)`` for each.
    func readableSMSPackages(for caller: Caller, in db: Database) throws -> ReadableSet

    /// The instances of `secured` the caller may read, for queries; the default asks
    /// ``rights(of:on:in:)`` for each.
    func readableInstances(of secured: SecuredClass, for caller: Caller, in db: Database) throws -> ReadableSet
    /// The collections `caller` may read, for queries; the default asks ``rights(of:on:in:)``
    /// for each.
    func readableCollections(for caller: Caller, in db: Database) throws -> ReadableSet

    /// The computers (ResourceIDs) `caller` may read, for queries; the default asks
    /// ``rights(of:on:in:)`` for each.
    func readableComputers(for caller: Caller, in db: Database) throws -> ReadableSet

    /// Which permission entries `caller` may see, as an SQL condition over the columns
    /// `userName`, `objectKey` and (for instance entries) `instanceKey` of the entry tables;
    /// `nil` when the caller may see every entry.
    func readablePermissionEntries(for caller: Caller, instances: Bool, in db: Database) throws -> SQL?

    /// The rights `caller` holds on `object` when the policy can tell without the store, or
    /// `nil` to have ``rights(of:on:in:)`` decide. Lets hot reads be served from memory.
    func rightsWithoutStore(of caller: Caller, on object: ObjectReference) -> Rights?
}

extension AccessPolicy {
    /// By default every decision needs the store.
    public func rightsWithoutStore(of caller: Caller, on object: ObjectReference) -> Rights? { nil }

    /// By default a caller sees only the entries that name it or one of its groups.
    public func readablePermissionEntries(for caller: Caller, instances: Bool, in db: Database) throws -> SQL? {
        "userName IN \(caller.principals)"
    }

    public func readablePackages(for caller: Caller, in db: Database) throws -> ReadableSet {
        try readableSet(of: String.fetchAll(db, sql: "SELECT packageID FROM package"), as: ObjectReference.package, for: caller, in: db)
    }

    public func readableSMSPackages(for caller: Caller, in db: Database) throws -> ReadableSet {
        try readableSet(of: String.fetchAll(db, sql: "SELECT packageID FROM smsPackage"), as: ObjectReference.smsPackage, for: caller, in: db)
    }

    public func readableInstances(of secured: SecuredClass, for caller: Caller, in db: Database) throws -> ReadableSet {
        try readableSet(of: secured.storedKeys(in: db), as: secured.instance, for: caller, in: db)
    }

    public func readableCollections(for caller: Caller, in db: Database) throws -> ReadableSet {
        try readableSet(of: CollectionRow.allIDs(db), as: ObjectReference.collection, for: caller, in: db)
    }

    public func readableComputers(for caller: Caller, in db: Database) throws -> ReadableSet {
        let ids = try ComputerRow.allResourceIDs(db).compactMap { UInt32(exactly: $0) }
        let readable = try ids.filter { try rights(of: caller, on: .computer($0), in: db).contains(.read) }
        if readable.isEmpty { return .none }
        return readable.count == ids.count ? .all : .only(Set(readable.map(String.init)))
    }

    private func readableSet(of keys: [String], as reference: (String) -> ObjectReference, for caller: Caller, in db: Database) throws -> ReadableSet {
        let readable = try keys.filter { try rights(of: caller, on: reference($0), in: db).contains(.read) }
        if readable.isEmpty { return .none }
        return readable.count == keys.count ? .all : .only(Set(readable))
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

    public func rights(of caller: Caller, on object: ObjectReference, in db: Database) throws -> Rights {
        superuserIDs.contains(caller.uid) ? .all : []
    }

    public func readablePackages(for caller: Caller, in db: Database) throws -> ReadableSet {
        superuserIDs.contains(caller.uid) ? .all : .none
    }

    public func readableSMSPackages(for caller: Caller, in db: Database) throws -> ReadableSet {
        superuserIDs.contains(caller.uid) ? .all : .none
    }

    public func readableInstances(of secured: SecuredClass, for caller: Caller, in db: Database) throws -> ReadableSet {
        superuserIDs.contains(caller.uid) ? .all : .none
    }

    public func readableCollections(for caller: Caller, in db: Database) throws -> ReadableSet {
        superuserIDs.contains(caller.uid) ? .all : .none
    }

    public func readableComputers(for caller: Caller, in db: Database) throws -> ReadableSet {
        superuserIDs.contains(caller.uid) ? .all : .none
    }

    public func rightsWithoutStore(of caller: Caller, on object: ObjectReference) -> Rights? {
        superuserIDs.contains(caller.uid) ? .all : []
    }

    public func readablePermissionEntries(for caller: Caller, instances: Bool, in db: Database) throws -> SQL? {
        superuserIDs.contains(caller.uid) ? nil : "0"
    }
}
