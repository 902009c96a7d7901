import DBusKit

/// One user's rights on a class or an instance: an `SMS_UserClassPermissions` or
/// `SMS_UserInstancePermissions` object. JSON: `Scope` (`class` or `instance`), `UserName`,
/// `ObjectKey`, `InstanceKey` (`null` for class rights), `Permissions` (the number),
/// `PermissionNames`, `ObjectPath`.
public struct PermissionEntry: Sendable, Hashable, Codable {
    /// Whether the entry grants class or instance rights.
    public enum Scope: String, Sendable, Hashable, Codable {
        /// `SMS_UserClassPermissions`: every instance of the class.
        case `class`
        /// `SMS_UserInstancePermissions`: one instance.
        case instance
    }

    /// Class or instance rights.
    public var scope: Scope
    /// The Unix user, or `@group`.
    public var userName: String
    /// The SMS object key of the class (20: task sequence packages).
    public var objectKey: UInt32
    /// The instance's key (a PackageID); `nil` for class rights.
    public var instanceKey: String?
    /// The rights granted.
    public var rights: Rights
    /// The entry's object path.
    public var objectPath: String

    enum CodingKeys: String, CodingKey {
        case scope = "Scope", userName = "UserName", objectKey = "ObjectKey", instanceKey = "InstanceKey"
        case rights = "Permissions", names = "PermissionNames", objectPath = "ObjectPath"
    }

    /// An entry.
    public init(scope: Scope, userName: String, objectKey: UInt32, instanceKey: String?, rights: Rights, objectPath: String) {
        self.scope = scope
        self.userName = userName
        self.objectKey = objectKey
        self.instanceKey = instanceKey
        self.rights = rights
        self.objectPath = objectPath
    }

    /// Decodes what ``encode(to:)`` wrote.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        scope = try container.decode(Scope.self, forKey: .scope)
        userName = try container.decode(String.self, forKey: .userName)
        objectKey = try container.decode(UInt32.self, forKey: .objectKey)
        instanceKey = try container.decodeIfPresent(String.self, forKey: .instanceKey)
        rights = try container.decode(Rights.self, forKey: .rights)
        objectPath = try container.decode(String.self, forKey: .objectPath)
    }

    /// Every key, `InstanceKey` `null` for class rights.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(scope, forKey: .scope)
        try container.encode(userName, forKey: .userName)
        try container.encode(objectKey, forKey: .objectKey)
        try container.encode(instanceKey, forKey: .instanceKey)
        try container.encode(rights, forKey: .rights)
        try container.encode(rights.names, forKey: .names)
        try container.encode(objectPath, forKey: .objectPath)
    }
}

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
    /// Whether you (the caller, as the bus knows you) hold `rights` on `target`, and which
    /// rights you hold there (`UserHasPermissions`).
    public func check(_ rights: Rights, on target: PermissionTarget) throws -> PermissionCheck {
        let reply = try call(ProviderPaths.root, ProviderInterface.root, "UserHasPermissions", [.string(target.relativePath), .uint32(rights.rawValue)])
        let granted = reply.first.flatMap { PropertyValue($0).boolValue } ?? false
        let held = reply.dropFirst().first.flatMap { PropertyValue($0).intValue }.flatMap { UInt32(exactly: $0) } ?? 0
        return PermissionCheck(target: target.relativePath, wanted: rights, isGranted: granted, held: Rights(rawValue: held))
    }

    /// The rights entries you may see, class entries first; only those of `user` when given,
    /// and only those about `target` when given.
    ///
    /// - Throws: ``ProviderError/notSupported(_:)`` when the daemon does not serve the
    ///   permission classes.
    public func permissions(of user: String? = nil, on target: PermissionTarget? = nil) throws -> [PermissionEntry] {
        var entries: [PermissionEntry] = []
        for scope in [PermissionEntry.Scope.class, .instance] {
            let className = scope == .class ? ProviderPaths.userClassPermissionsClassName : ProviderPaths.userInstancePermissionsClassName
            let reply = try permissionCall(className) {
                try call(ProviderPaths.classObject(className), ProviderInterface.classObject, "Enumerate")
            }
            for path in Self.paths(reply.first) {
                guard let entry = try permissionEntry(at: path, scope: scope) else { continue }
                entries.append(entry)
            }
        }
        return entries.filter { entry in
            if let user, entry.userName != user { return false }
            if let target {
                guard entry.objectKey == target.objectKey else { return false }
                guard entry.instanceKey?.lowercased() == target.instanceKey?.lowercased() else { return false }
            }
            return true
        }
    }

    /// Grants `rights` to `user` (a Unix user name, or `@group`) on `target`, adding to what the
    /// user holds there: class rights for a class, instance rights for an instance.
    ///
    /// - Throws: ``ProviderError/accessDenied(_:)`` unless you may administer the class (or
    ///   delegate the rights); ``ProviderError/notSupported(_:)`` when the daemon does not serve
    ///   the permission classes.
    @discardableResult
    public func grant(_ rights: Rights, to user: String, on target: PermissionTarget) throws -> PermissionEntry {
        let objectKey = try Self.objectKey(of: target)
        let scope: PermissionEntry.Scope = target.instanceKey == nil ? .class : .instance
        if let existing = try permissions(of: user, on: target).first(where: { $0.scope == scope }) {
            let combined = existing.rights.union(rights)
            if combined != existing.rights { try setRights(combined, of: existing) }
            var updated = existing
            updated.rights = combined
            return updated
        }
        let className = scope == .class ? ProviderPaths.userClassPermissionsClassName : ProviderPaths.userInstancePermissionsClassName
        var properties: [String: PropertyValue] = ["UserName": .string(user), "ObjectKey": .int(Int64(objectKey))]
        if let key = target.instanceKey {
            properties["InstanceKey"] = .string(key)
            properties["InstancePermissions"] = .int(Int64(rights.rawValue))
        } else {
            properties["ClassPermissions"] = .int(Int64(rights.rawValue))
        }
        let reply = try permissionCall(className) {
            try call(ProviderPaths.classObject(className), ProviderInterface.classObject, "CreateInstance", [properties.dbusDictionary])
        }
        guard case .objectPath(let path)? = reply.first?.unwrappingVariant else {
            throw ProviderError.other(name: "org.freedesktop.DBus.Error.Failed", message: "CreateInstance of \(className) answered no object path")
        }
        return PermissionEntry(scope: scope, userName: user, objectKey: objectKey, instanceKey: target.instanceKey, rights: rights, objectPath: path.rawValue)
    }

    /// Takes `rights` away from `user` on `target`; the entry goes when no right is left.
    /// Returns the rights the user still holds there (by that entry).
    @discardableResult
    public func revoke(_ rights: Rights, from user: String, on target: PermissionTarget) throws -> Rights {
        _ = try Self.objectKey(of: target)
        let scope: PermissionEntry.Scope = target.instanceKey == nil ? .class : .instance
        guard let existing = try permissions(of: user, on: target).first(where: { $0.scope == scope }) else { return [] }
        let remaining = existing.rights.subtracting(rights)
        if remaining.isEmpty {
            let interface = scope == .class ? ProviderInterface.userClassPermissions : ProviderInterface.userInstancePermissions
            let path = try ObjectPath(existing.objectPath)
            _ = try call(path, interface, "Delete")
        } else if remaining != existing.rights {
            try setRights(remaining, of: existing)
        }
        return remaining
    }

    private func permissionEntry(at path: ObjectPath, scope: PermissionEntry.Scope) throws -> PermissionEntry? {
        let interface = scope == .class ? ProviderInterface.userClassPermissions : ProviderInterface.userInstancePermissions
        let properties: OrderedProperties
        do {
            properties = try self.properties(of: interface, at: path)
        } catch let error as ProviderError where error.isNotFound {
            return nil
        }
        let rights = properties.uint32(scope == .class ? "ClassPermissions" : "InstancePermissions")
        return PermissionEntry(
            scope: scope, userName: properties.string("UserName"), objectKey: properties.uint32("ObjectKey"),
            instanceKey: scope == .class ? nil : properties.string("InstanceKey"), rights: Rights(rawValue: rights), objectPath: path.rawValue)
    }

    private func setRights(_ rights: Rights, of entry: PermissionEntry) throws {
        let path = try ObjectPath(entry.objectPath)
        let (interface, property) = entry.scope == .class
            ? (ProviderInterface.userClassPermissions, "ClassPermissions")
            : (ProviderInterface.userInstancePermissions, "InstancePermissions")
        try setProperty(property, of: interface, at: path, to: .uint32(rights.rawValue))
    }

    private static func objectKey(of target: PermissionTarget) throws -> UInt32 {
        guard let key = target.objectKey else {
            throw ProviderError.invalidArguments("\(target.className) has no SMS object key; rights can be granted on task sequence packages (20) and packages (2)")
        }
        return key
    }

    /// Runs a call on a permission class object, turning "no such class object" into
    /// ``ProviderError/notSupported(_:)`` with a message that says what is missing.
    private func permissionCall(_ className: String, _ body: () throws -> [DBusValue]) throws -> [DBusValue] {
        do {
            return try body()
        } catch ProviderError.unknownObject, ProviderError.notSupported {
            throw ProviderError.notSupported(
                "the provider does not serve the permission classes (\(className)) yet, so rights cannot be listed, granted or revoked; checking them works")
        }
    }
}
