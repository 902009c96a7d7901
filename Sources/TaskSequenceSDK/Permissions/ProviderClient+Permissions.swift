import DBusKit

/// The answer of ``ProviderClient/check(_:on:)``. JSON: `Target`, `Wanted`, `Granted`, `Held`,
/// `HeldNames`.
public struct PermissionCheck: Sendable, Hashable, Codable {
    /// What was asked about (its relative path or class name).
    public var target: String
    /// The rights asked for.
    public var wanted: Rights
    /// Whether you hold all of them.
    public var isGranted: Bool
    /// Every right you hold there.
    public var held: Rights

    enum CodingKeys: String, CodingKey {
        case target = "Target", wanted = "Wanted", isGranted = "Granted", held = "Held", heldNames = "HeldNames"
    }

    /// A check result.
    public init(target: String, wanted: Rights, isGranted: Bool, held: Rights) {
        self.target = target
        self.wanted = wanted
        self.isGranted = isGranted
        self.held = held
    }

    /// Decodes what ``encode(to:)`` wrote.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        target = try container.decode(String.self, forKey: .target)
        wanted = try container.decode(Rights.self, forKey: .wanted)
        isGranted = try container.decode(Bool.self, forKey: .isGranted)
        held = try container.decode(Rights.self, forKey: .held)
    }

    /// Every key, with the names of the held rights.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(target, forKey: .target)
        try container.encode(wanted, forKey: .wanted)
        try container.encode(isGranted, forKey: .isGranted)
        try container.encode(held, forKey: .held)
        try container.encode(held.names, forKey: .heldNames)
    }
}

extension ProviderClient {
    // MARK: Checking

    /// Whether you (the caller, as the bus knows you — never a name you claim) hold `rights` on
    /// `target`, and every right you hold there (`UserHasPermissions`).
    ///
    /// What you hold is what the daemon decides with: the class rights and, for an instance,
    /// that instance's rights, of your user and of each of your groups, OR-ed together. Root,
    /// the daemon's own user and the configuration's `admins` hold every right. An instance you
    /// may not read (or one that does not exist) answers "not granted, holding none", so the
    /// check does not tell the two apart.
    ///
    /// Pick `check` to ask about yourself before acting; to see who else holds what, read the
    /// entries with ``permissions(of:on:)`` (which shows only the entries you may see).
    public func check(_ rights: Rights, on target: PermissionTarget) throws -> PermissionCheck {
        let reply = try call(ProviderPaths.root, ProviderInterface.root, "UserHasPermissions", [.string(target.relativePath), .uint32(rights.rawValue)])
        let granted = reply.first.flatMap { PropertyValue($0).boolValue } ?? false
        let held = reply.dropFirst().first.flatMap { PropertyValue($0).intValue }.flatMap { UInt32(exactly: $0) } ?? 0
        return PermissionCheck(target: target.relativePath, wanted: rights, isGranted: granted, held: Rights(rawValue: held))
    }

    // MARK: Reading entries

    /// The rights entries you may see, class entries first, then instance entries by instance
    /// and user; only those of `user` when given (exactly that name: `@group` for a group),
    /// and only those about `target` when given (class entries for a class, instance entries
    /// for an instance).
    ///
    /// You see the entries naming you or one of your groups, every entry of a class you hold
    /// Administer on, and the entries of instances you hold Delegate on; superusers see all.
    /// The list includes the entries the daemon makes itself: whoever creates a package holds
    /// Read|Modify|Delete on it by an instance entry in their name, so a package made by root
    /// lists root.
    ///
    /// One `ExecQuery` per entry class, however many entries there are.
    ///
    /// - Throws: `ProviderError.invalidArguments(_:)` for a target class without an SMS
    ///   object key.
    public func permissions(of user: String? = nil, on target: PermissionTarget? = nil) throws -> [PermissionEntry] {
        var scopes: [PermissionEntry.Scope] = [.class, .instance]
        var conditions: [String] = []
        if let user { conditions.append("UserName = \(Self.wqlString(user))") }
        if let target {
            scopes = [target.instanceKey == nil ? .class : .instance]
            conditions.append("ObjectKey = \(try Self.objectKey(of: target))")
            if let key = target.instanceKey { conditions.append("InstanceKey = \(Self.wqlString(key))") }
        }
        var entries: [PermissionEntry] = []
        for scope in scopes {
            var wql = "SELECT * FROM \(scope.className)"
            if !conditions.isEmpty { wql += " WHERE " + conditions.joined(separator: " AND ") }
            let reply = try call(ProviderPaths.root, ProviderInterface.root, "ExecQuery", [.string(wql)])
            guard case .array(_, let rows)? = reply.first?.unwrappingVariant else { continue }
            // WQL compares strings without case; user names are not.
            entries += rows.map { PermissionEntry(OrderedProperties($0), scope: scope) }.filter { user == nil || $0.userName == user }
        }
        return entries
    }

    // MARK: Changing entries

    /// Grants `rights` to `user` on `target`, keeping what the user's entry there already
    /// holds, and returns the entry as the daemon stored it.
    ///
    /// `user` is a Unix user name or `@group` that exists on the daemon's machine. A class
    /// target (``PermissionTarget/taskSequencePackages``) gives class rights — every package,
    /// including those created later; an instance target (``PermissionTarget/package(_:)``)
    /// gives rights on that one package. Pick class rights for a team (`@group`) that works on
    /// all packages, instance rights to share one package.
    ///
    /// The daemon's rules, which the returned entry shows:
    /// - Read is a prerequisite: granting Modify or Delete (any right but Administer, Create
    ///   and Delegate) brings Read along, so `grant(.modify, …)` returns Read|Modify.
    /// - Administer and Create exist only on classes: granting them on an instance fails.
    /// - Granting what the entry already holds changes nothing (and sends no change).
    ///
    /// - Throws: `ProviderError.invalidArguments(_:)` for no rights, a user or group the
    ///   system does not know ("there is no user … on this system"), Administer or Create on
    ///   an instance, or a class the daemon does not secure; `ProviderError.notFound(_:)` for
    ///   an instance you may not read; `ProviderError.accessDenied(_:)` unless you hold
    ///   Administer on the class, or Delegate on the instance (then only for rights you hold
    ///   there yourself, by your own entry).
    @discardableResult
    public func grant(_ rights: Rights, to user: String, on target: PermissionTarget) throws -> PermissionEntry {
        guard !rights.isEmpty else {
            throw ProviderError.invalidArguments("no rights to grant; name at least one (Read, Modify, Delete, Administer, Create, Delegate)")
        }
        let objectKey = try Self.objectKey(of: target)
        let scope: PermissionEntry.Scope = target.instanceKey == nil ? .class : .instance
        let existing = try entry(of: user, on: target)
        let combined = (existing?.rights ?? []).union(rights)
        if let existing, existing.rights == combined { return existing }
        // CreateInstance of an entry that exists replaces its rights: one call either way.
        var properties: [String: PropertyValue] = ["UserName": .string(user), "ObjectKey": .int(Int64(objectKey))]
        properties[scope.rightsProperty] = .int(Int64(combined.rawValue))
        if let key = target.instanceKey { properties["InstanceKey"] = .string(key) }
        let reply = try call(ProviderPaths.classObject(scope.className), ProviderInterface.classObject, "CreateInstance", [properties.dbusDictionary])
        guard case .objectPath(let path)? = reply.first?.unwrappingVariant else {
            throw ProviderError.other(name: "org.freedesktop.DBus.Error.Failed", message: "CreateInstance of \(scope.className) answered no object path")
        }
        return try storedEntry(at: path, scope: scope)
    }

    /// Takes `rights` away from `user`'s entry on `target` and returns what that entry still
    /// holds (`[]` once it is gone).
    ///
    /// The daemon's rules, which this follows:
    /// - Read is a prerequisite of the other rights, so revoking Read from an entry that holds
    ///   it revokes everything: the entry is deleted. So is an entry left with no right.
    /// - Deleting a class entry also deletes that user's instance entries on the class (the
    ///   SMS rule for removing class rights): revoking Read on
    ///   ``PermissionTarget/taskSequencePackages`` from `@deploy` removes every package entry
    ///   of `@deploy` too.
    /// - Revoking from a user without an entry on `target` changes nothing and returns `[]`:
    ///   afterwards the user holds none of `rights` there by an entry, which is what was asked.
    ///
    /// Only this one entry changes: the user may still hold rights through class rights, the
    /// entries of its groups, or by being a superuser. Pick revoke to take rights away from an
    /// entry; to replace an entry's rights by fewer, revoke what should go rather than granting
    /// anew (grant only adds).
    ///
    /// - Throws: `ProviderError.invalidArguments(_:)` for no rights or a class the daemon
    ///   does not secure; `ProviderError.accessDenied(_:)` unless you hold Administer on the
    ///   class, or Delegate on the instance (then only for rights you hold there yourself).
    @discardableResult
    public func revoke(_ rights: Rights, from user: String, on target: PermissionTarget) throws -> Rights {
        guard !rights.isEmpty else {
            throw ProviderError.invalidArguments("no rights to revoke; name at least one (Read, Modify, Delete, Administer, Create, Delegate)")
        }
        _ = try Self.objectKey(of: target)
        guard let existing = try entry(of: user, on: target) else { return [] }
        let path = try ObjectPath(existing.objectPath)
        let revokesRead = rights.contains(.read) && existing.rights.contains(.read)
        let remaining = revokesRead ? [] : existing.rights.subtracting(rights)
        if remaining.isEmpty {
            do {
                _ = try call(path, existing.scope.interface, "Delete")
            } catch let error as ProviderError where error.isNotFound {
                // Deleted meanwhile: gone is what was asked.
            }
            return []
        }
        guard remaining != existing.rights else { return remaining }
        try setProperty(existing.scope.rightsProperty, of: existing.scope.interface, at: path, to: .uint32(remaining.rawValue))
        return try storedEntry(at: path, scope: existing.scope).rights
    }

    // MARK: Helpers

    /// `user`'s entry on `target`, or `nil` when it has none (that you may see).
    private func entry(of user: String, on target: PermissionTarget) throws -> PermissionEntry? {
        try permissions(of: user, on: target).first
    }

    /// The entry at `path`, read back from the daemon.
    private func storedEntry(at path: ObjectPath, scope: PermissionEntry.Scope) throws -> PermissionEntry {
        PermissionEntry(try properties(of: scope.interface, at: path), scope: scope)
    }

    private static func objectKey(of target: PermissionTarget) throws -> UInt32 {
        guard let key = target.objectKey else {
            throw ProviderError.invalidArguments("\(target.className) has no SMS object key; rights can be granted on task sequence packages (20) and packages (2)")
        }
        return key
    }
}

extension PermissionEntry.Scope {
    /// The entry objects' interface.
    var interface: String {
        self == .class ? ProviderInterface.userClassPermissions : ProviderInterface.userInstancePermissions
    }
}

extension PermissionEntry {
    /// An entry from an `ExecQuery` row or the properties of an entry object.
    init(_ properties: OrderedProperties, scope: Scope) {
        self.init(
            userName: properties.string("UserName"), objectKey: properties.uint32("ObjectKey"),
            instanceKey: scope == .class ? nil : properties.string("InstanceKey"),
            rights: Rights(rawValue: properties.uint32(scope.rightsProperty)))
    }
}
