import ProviderStore

/// The SMS 2007 class and instance rights model (reference §6.1) over Unix users and groups,
/// with the entries kept in the store.
///
/// - A caller's rights on an instance are the class rights and that instance's rights of its
///   user and of each of its groups (`@group`), OR-ed together.
/// - Sequences, steps and conditions have the rights of their task sequence package.
/// - Computers follow collections (reference §6.1, "secured resources follow collection Read /
///   Read Resource"): a caller reads a computer with Read or Read Resource on the collection
///   class, or on a collection the computer is a member of; Modify Resource and Delete Resource
///   there let it change or delete the computer.
/// - ``Superusers`` hold every right.
/// - A permission entry can be seen by its principal (the user, or a member of the group), by
///   holders of Administer on its class and, for instance entries, by holders of Delegate on
///   its instance; Administer lets them change it (Delegate within limits the service applies).
///
/// Everyone the bus names may call: what they see and do is decided object by object.
public struct PermissionPolicy: AccessPolicy {
    public let superusers: Superusers

    public init(superusers: Superusers) {
        self.superusers = superusers
    }

    public func admit(_ caller: Caller) throws {}

    public func rights(of caller: Caller, on object: ObjectReference, in db: StoreDatabase) throws -> Rights {
        if superusers.contains(caller) { return .all }
        switch object {
        case .class(let name):
            guard let secured = SecuredClass(guarding: name) else { return [] }
            return try held(by: caller, on: secured, instance: nil, in: db)
        case .classPermission(let principal, let objectKey):
            return try rightsOnEntry(of: principal, objectKey: objectKey, instanceKey: nil, for: caller, in: db)
        case .instancePermission(let principal, let objectKey, let instanceKey):
            return try rightsOnEntry(of: principal, objectKey: objectKey, instanceKey: instanceKey, for: caller, in: db)
        case .computer(let resourceID):
            return try rightsOnComputer(resourceID, for: caller, in: db)
        case .collectionSettings, .machineSettings:
            return try rightsOnSettings(object, for: caller, in: db)
        default:
            guard let (secured, key) = SecuredClass.instance(guarding: object) else { return [] }
            return try held(by: caller, on: secured, instance: key, in: db)
        }
    }

    public func rightsWithoutStore(of caller: Caller, on object: ObjectReference) -> Rights? {
        superusers.contains(caller) ? .all : nil
    }

    public func readablePackages(for caller: Caller, in db: StoreDatabase) throws -> ReadableSet {
        try readableInstances(of: .taskSequencePackage, for: caller, in: db)
    }

    public func readableSMSPackages(for caller: Caller, in db: StoreDatabase) throws -> ReadableSet {
        try readableInstances(of: .package, for: caller, in: db)
    }

    public func readableCollections(for caller: Caller, in db: StoreDatabase) throws -> ReadableSet {
        try readableInstances(of: .collection, for: caller, in: db)
    }

    public func readableComputers(for caller: Caller, in db: StoreDatabase) throws -> ReadableSet {
        if superusers.contains(caller) { return .all }
        if try !held(by: caller, on: .collection, instance: nil, in: db).isDisjoint(with: Self.resourceReading) { return .all }
        return .membersOfGranted(collectionObjectKey: SecuredClass.collection.objectKey, rights: Self.resourceReading.rawValue, principals: caller.principals)
    }

    public func readablePermissionEntries(for caller: Caller, instances: Bool, in db: StoreDatabase) throws -> PermissionVisibility {
        if superusers.contains(caller) { return .all }
        var administered: [UInt32] = []
        var delegated: [PermissionVisibility.DelegatedEntries] = []
        for secured in SecuredClass.allCases {
            let classRights = try held(by: caller, on: secured, instance: nil, in: db)
            if classRights.contains(.administer) {
                administered.append(secured.objectKey)
                continue
            }
            // Delegate shows the entries of instances the caller may also read, never others'
            // keys (as ``rightsOnEntry`` decides for one entry).
            guard instances else { continue }
            let readable = try readableInstances(of: secured, for: caller, in: db)
            guard !readable.isKnownEmpty else { continue }
            delegated.append(.init(objectKey: secured.objectKey, onClass: classRights.contains(.delegate), principals: caller.principals,
                                   readable: readable, delegateRight: Rights.delegate.rawValue))
        }
        return .limited(principals: caller.principals, administered: administered, delegated: delegated)
    }

    // MARK: Rules

    /// Class rights and, for an instance, its rights, over the caller's user and groups.
    private func held(by caller: Caller, on secured: SecuredClass, instance: String?, in db: StoreDatabase) throws -> Rights {
        Rights(rawValue: try PermissionRow.combinedRights(db, principals: caller.principals, objectKey: secured.objectKey, instanceKey: instance))
    }

    /// Rights on a collection that let a caller see its computers.
    private static let resourceReading: Rights = [.read, .readResource]

    /// A computer's rights, from the collection class and the collections it is a member of:
    /// Read (or Read Resource) reads it, Modify Resource modifies it, Delete Resource deletes it.
    private func rightsOnComputer(_ resourceID: UInt32, for caller: Caller, in db: StoreDatabase) throws -> Rights {
        var onCollections = try held(by: caller, on: .collection, instance: nil, in: db)
        for collectionID in try ComputerKeys.collectionIDs(db, containing: Int64(resourceID)) {
            onCollections.formUnion(try held(by: caller, on: .collection, instance: collectionID, in: db))
        }
        var rights: Rights = []
        if !onCollections.isDisjoint(with: Self.resourceReading) { rights.insert(.read) }
        if onCollections.contains(.modifyResource) { rights.insert(.modify) }
        if onCollections.contains(.deleteResource) { rights.insert(.delete) }
        return rights
    }

    /// The rights on a collection's or computer's variables: Read as on the collection or the
    /// computer; Modify with Modify or ModifyCollectionSetting on the collection, and with
    /// ModifyResource for a computer (its Modify, ``rightsOnComputer(_:for:in:)``).
    private func rightsOnSettings(_ settings: ObjectReference, for caller: Caller, in db: StoreDatabase) throws -> Rights {
        let rights: Rights
        switch settings {
        case .collectionSettings(let id):
            let onCollection = try held(by: caller, on: .collection, instance: id, in: db)
            rights = onCollection.isDisjoint(with: [.modify, .modifyCollectionSetting]) ? onCollection : onCollection.union(.modify)
        case .machineSettings(let id):
            rights = try rightsOnComputer(id, for: caller, in: db)
        default:
            return []
        }
        return rights.contains(.read) ? rights.intersection([.read, .modify]) : []
    }

    /// What the caller may do with a permission entry: read its own (or its groups'), read and
    /// change those of a class it administers, and of an instance it may delegate.
    private func rightsOnEntry(of principal: String, objectKey: UInt32, instanceKey: String?, for caller: Caller, in db: StoreDatabase) throws -> Rights {
        guard let secured = SecuredClass(objectKey: objectKey) else { return [] }
        var rights: Rights = caller.principals.contains(principal) ? .read : []
        let manage: Rights = [.read, .modify, .delete]
        let classRights = try held(by: caller, on: secured, instance: nil, in: db)
        if classRights.contains(.administer) { return rights.union(manage) }
        if let instanceKey, try held(by: caller, on: secured, instance: instanceKey, in: db).isSuperset(of: [.read, .delegate]) {
            rights.formUnion(manage)
        }
        return rights
    }

    /// All instances with class Read; otherwise those whose entries give one of the caller's
    /// principals Read, selected in SQL so a query pays only for them.
    public func readableInstances(of secured: SecuredClass, for caller: Caller, in db: StoreDatabase) throws -> ReadableSet {
        if superusers.contains(caller) { return .all }
        if try held(by: caller, on: secured, instance: nil, in: db).contains(.read) { return .all }
        return .granted(objectKey: secured.objectKey, rights: Rights.read.rawValue, principals: caller.principals)
    }
}
