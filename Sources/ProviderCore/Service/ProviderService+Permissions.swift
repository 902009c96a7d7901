import ProviderStore

extension ProviderService {
    // MARK: Reading

    /// The class entries (`instances` false) or instance entries the caller may see, in key order.
    public func permissionEntries(instances: Bool, for caller: Caller) throws -> [PermissionEntry] {
        try read(caller) { db in
            let visible = try policy.readablePermissionEntries(for: caller, instances: instances, in: db)
            return try PermissionRow.fetchAll(db, instances: instances, visibleUnder: visible).map(PermissionEntry.init(row:))
        }
    }

    /// One entry, if it exists and the caller may see it.
    public func permissionEntry(_ reference: ObjectReference, for caller: Caller) throws -> PermissionEntry {
        try read(caller) { db in try storedEntry(reference, for: caller, in: db) }
    }

    // MARK: Changing

    /// Gives `entry.userName` exactly `entry.rights` on the class or instance the entry names —
    /// `CreateInstance`, which replaces the rights of an entry with the same key. Returns the
    /// entry's reference (its instance key spelt as the store spells it).
    ///
    /// - Throws: ``ProviderError/invalidArgument(name:problem:)`` for an object key this
    ///   provider does not secure, a principal the system does not know or rights an entry
    ///   cannot hold; ``ProviderError/notFound(_:)`` for an instance the caller may not read;
    ///   ``ProviderError/accessDenied(right:object:)`` without Administer on the class (or
    ///   Delegate on the instance, for rights the caller holds there itself).
    @discardableResult
    public func setPermission(_ entry: PermissionEntry, for caller: Caller) throws -> ObjectReference {
        try write(caller) { db, events in
            let target = try resolvedTarget(of: entry, for: caller, in: db)
            let previous = try PermissionRow.fetchOne(db, principal: target.userName, objectKey: target.objectKey, instanceKey: target.instanceKey)
            try changeRights(of: target, from: previous.map { Rights(rawValue: $0.rights) }, to: entry.rights,
                             change: previous == nil ? "grant" : "set", caller: caller, db: db, events: &events)
            return target.reference
        }
    }

    /// Changes the rights of an existing entry (`Properties.Set` of ClassPermissions or
    /// InstancePermissions). Rights that leave nothing (Read taken away) delete the entry.
    public func changeRights(of reference: ObjectReference, to rights: Rights, for caller: Caller) throws {
        try write(caller) { db, events in
            let current = try storedEntry(reference, for: caller, in: db)
            try changeRights(of: current, from: current.rights, to: rights, change: "set", caller: caller, db: db, events: &events)
        }
    }

    /// Deletes an entry. Deleting a principal's class rights deletes its instance rights on
    /// that class too.
    public func deletePermission(_ reference: ObjectReference, for caller: Caller) throws {
        try write(caller) { db, events in
            let current = try storedEntry(reference, for: caller, in: db)
            try authorizeChange(of: current, from: current.rights, to: [], for: caller, in: db)
            try removeWithDependents(current, change: "delete", caller: caller, db: db, events: &events)
        }
    }

    // MARK: Shared with creating and deleting instances

    /// The creator of an instance holds Read, Modify and Delete on it.
    func grantCreatorRights(on secured: SecuredClass, instanceKey: String, caller: Caller, db: StoreDatabase, events: inout [ChangeRecord]) throws {
        let entry = PermissionEntry(userName: caller.userName, objectKey: secured.objectKey, instanceKey: instanceKey, rights: .creator)
        try entry.row.save(db)
        try recordPermissionChange(entry, previous: [], change: "creator", caller: caller, db: db)
        events.append(ChangeRecord(kind: .created, className: entry.className, object: entry.reference, detail: Self.describe(entry, previous: [])))
    }

    /// Deletes the instance entries of an instance being deleted; returns the principals whose
    /// entries let them read it.
    func removeInstanceEntries(of secured: SecuredClass, instanceKey: String, caller: Caller, db: StoreDatabase, events: inout [ChangeRecord]) throws -> [String] {
        let rows = try PermissionRow.fetchAll(db, objectKey: secured.objectKey, instanceKey: instanceKey)
        for row in rows {
            try remove(PermissionEntry(row: row), change: "delete with the instance", caller: caller, db: db, events: &events)
        }
        return rows.filter { Rights(rawValue: $0.rights).contains(.read) }.map(\.principal)
    }

    // MARK: Rules

    /// The stored entry `reference` names, when the caller holds `right` on it (Read: may see it).
    private func storedEntry(_ reference: ObjectReference, for caller: Caller, in db: StoreDatabase) throws -> PermissionEntry {
        guard let key = PermissionEntry(reference) else { throw ProviderError.notFound(object: reference.relativePath) }
        try require(.read, on: reference, for: caller, in: db)
        guard let row = try PermissionRow.fetchOne(db, principal: key.userName, objectKey: key.objectKey, instanceKey: key.instanceKey) else {
            throw ProviderError.notFound(object: reference.relativePath)
        }
        return PermissionEntry(row: row)
    }

    /// `entry` with its keys checked: a secured class, a principal the system knows, an
    /// instance that exists for the caller (spelt as stored).
    private func resolvedTarget(of entry: PermissionEntry, for caller: Caller, in db: StoreDatabase) throws -> PermissionEntry {
        guard let secured = SecuredClass(objectKey: entry.objectKey) else {
            throw ProviderError.invalidArgument(
                name: "ObjectKey", problem: "\(entry.objectKey) is not a class this provider secures; use 20 (SMS_TaskSequencePackage), 2 (SMS_Package) or 1 (SMS_Collection)")
        }
        guard PermissionRules.isWellFormedPrincipal(entry.userName) else {
            throw ProviderError.invalidArgument(name: "UserName", problem: "'\(entry.userName)' is neither a user name nor @group")
        }
        guard configuration.knowsPrincipal(entry.userName) else {
            let kind = entry.userName.hasPrefix("@") ? "group \(entry.userName.dropFirst())" : "user \(entry.userName)"
            throw ProviderError.invalidArgument(name: "UserName", problem: "there is no \(kind) on this system")
        }
        var resolved = entry
        if let key = entry.instanceKey {
            // Administrators of the class may name any instance: they could grant themselves Read.
            guard let stored = try secured.table.storedKey(key, in: db),
                  try canRead(secured.instance(stored), for: caller, in: db)
                    || policy.rights(of: caller, on: .class(secured.className), in: db).contains(.administer) else {
                throw ProviderError.notFound(object: secured.instance(key).relativePath)
            }
            resolved.instanceKey = stored
        }
        return resolved
    }

    private func changeRights(
        of entry: PermissionEntry, from previous: Rights?, to requested: Rights, change: String,
        caller: Caller, db: StoreDatabase, events: inout [ChangeRecord]
    ) throws {
        let rights = try PermissionRules.normalized(requested, previous: previous, onInstance: entry.instanceKey != nil)
        try authorizeChange(of: entry, from: previous ?? [], to: rights, for: caller, in: db)
        guard rights != previous else { return }
        if rights.isEmpty {
            // Taking Read away took everything: the entry goes, as a Delete would take it.
            try removeWithDependents(entry, change: "\(change) (no right left)", caller: caller, db: db, events: &events)
            return
        }
        var updated = entry
        updated.rights = rights
        try updated.row.save(db)
        try recordPermissionChange(updated, previous: previous ?? [], change: change, caller: caller, db: db)
        events.append(ChangeRecord(
            kind: previous == nil ? .created : .modified, className: entry.className, object: entry.reference,
            changedProperties: previous == nil ? [] : [entry.rightsProperty], detail: Self.describe(updated, previous: previous ?? [])))
    }

    /// Administer on the class lets the caller change any entry of the class and its instances;
    /// Delegate on an instance lets it change there only the rights it holds explicitly, as
    /// its own user (not through groups or class rights).
    private func authorizeChange(of entry: PermissionEntry, from old: Rights, to new: Rights, for caller: Caller, in db: StoreDatabase) throws {
        guard let secured = SecuredClass(objectKey: entry.objectKey) else { throw ProviderError.notFound(object: entry.reference.relativePath) }
        if try policy.rights(of: caller, on: .class(secured.className), in: db).contains(.administer) { return }
        guard let instanceKey = entry.instanceKey else {
            throw ProviderError.accessDenied(right: "Administer", object: "class \(secured.className)")
        }
        let instance = secured.instance(instanceKey)
        guard try policy.rights(of: caller, on: instance, in: db).contains(.delegate) else {
            throw ProviderError.accessDenied(right: "Administer (on class \(secured.className)) or Delegate", object: instance.relativePath)
        }
        let own = try PermissionRow.fetchOne(db, principal: caller.userName, objectKey: entry.objectKey, instanceKey: instanceKey)
        let beyond = old.symmetricDifference(new).subtracting(Rights(rawValue: own?.rights ?? 0))
        guard beyond.isEmpty else {
            throw ProviderError.accessDenied(
                right: "\(beyond) (Delegate passes on only the rights \(caller.userName) holds there itself)", object: instance.relativePath)
        }
    }

    /// Removes `entry`; removing a principal's class rights removes its instance rights on that
    /// class too.
    private func removeWithDependents(_ entry: PermissionEntry, change: String, caller: Caller, db: StoreDatabase, events: inout [ChangeRecord]) throws {
        try remove(entry, change: change, caller: caller, db: db, events: &events)
        guard entry.instanceKey == nil else { return }
        let dependent = try PermissionRow.fetchAll(db, instanceEntriesOf: entry.userName, objectKey: entry.objectKey)
        for row in dependent {
            try remove(PermissionEntry(row: row), change: "delete with class rights", caller: caller, db: db, events: &events)
        }
    }

    private func remove(_ entry: PermissionEntry, change: String, caller: Caller, db: StoreDatabase, events: inout [ChangeRecord]) throws {
        try entry.row.delete(db)
        var gone = entry
        gone.rights = []
        try recordPermissionChange(gone, previous: entry.rights, change: change, caller: caller, db: db)
        events.append(ChangeRecord(kind: .deleted, className: entry.className, object: entry.reference, detail: Self.describe(gone, previous: entry.rights)))
    }

    private func recordPermissionChange(_ entry: PermissionEntry, previous: Rights, change: String, caller: Caller, db: StoreDatabase) throws {
        var record = PermissionChangeRow(
            time: configuration.now(), uid: caller.uid, userName: caller.userName, entry: entry.row, oldRights: previous.rawValue, change: change)
        try record.insert(db)
        // A change of rights on a task sequence package is also in the package's history, at the
        // SourceVersion it is at (rights are not part of what a revision reads back). The
        // creator's rights come with the package's first revision; rights deleted with the
        // package leave no history to add to.
        guard entry.objectKey == SecuredClass.taskSequencePackage.objectKey, let packageID = entry.instanceKey,
              change != "creator", change != "delete with the instance" else { return }
        if let package = try PackageRow.fetchOne(db, packageID: packageID) {
            try recordRevision(packageID, sourceVersion: package.sourceVersion, change: "rights: \(Self.describe(entry, previous: previous))", xml: nil,
                               caller: caller, db: db)
        }
    }

    /// `@deploy: Read|Modify on SMS_TaskSequencePackage PS100004 (was Read)`.
    static func describe(_ entry: PermissionEntry, previous: Rights) -> String {
        let className = SecuredClass(objectKey: entry.objectKey)?.className ?? "object key \(entry.objectKey)"
        let target = entry.instanceKey.map { "\(className) \($0)" } ?? "class \(className)"
        return "\(entry.userName): \(entry.rights) on \(target) (was \(previous))"
    }
}

extension PermissionEntry {
    init(row: PermissionRow) {
        self.init(userName: row.principal, objectKey: row.objectKey, instanceKey: row.instanceKey, rights: Rights(rawValue: row.rights))
    }

    var row: PermissionRow {
        PermissionRow(principal: userName, objectKey: objectKey, instanceKey: instanceKey, rights: rights.rawValue)
    }
}
