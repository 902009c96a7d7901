/// SMS permission bits as the tests spell them (written out, not taken from the daemon).
struct SMSRights: OptionSet, Hashable, Sendable, CustomStringConvertible {
    let rawValue: UInt32

    static let read = SMSRights(rawValue: 1)
    static let modify = SMSRights(rawValue: 2)
    static let delete = SMSRights(rawValue: 4)
    static let administer = SMSRights(rawValue: 256)
    static let create = SMSRights(rawValue: 1024)
    static let delegate = SMSRights(rawValue: 8192)

    /// Rights that exist only on a class, never on one instance.
    static let classOnly: SMSRights = [.administer, .create]
    /// Rights that need Read and bring it along when granted.
    static let needingRead: SMSRights = [.modify, .delete]

    /// What granting `self` stores: Modify and Delete add Read.
    var withImpliedRead: SMSRights {
        isDisjoint(with: Self.needingRead) ? self : union(.read)
    }

    var description: String {
        let names: [(SMSRights, String)] = [
            (.read, "Read"), (.modify, "Modify"), (.delete, "Delete"), (.administer, "Administer"), (.create, "Create"), (.delegate, "Delegate"),
        ]
        let present = names.filter { contains($0.0) }.map(\.1)
        return present.isEmpty ? "none" : present.joined(separator: "|")
    }
}

/// The SMS object type codes the tests use (reference §6.1).
enum ObjectKey {
    static let smsPackage: UInt32 = 2
    static let taskSequencePackage: UInt32 = 20
}

/// One permission entry: a class grant (`instanceKey == nil`) or an instance grant.
struct PermissionGrant: Hashable, Sendable, CustomStringConvertible {
    /// A user name, or `@group`.
    let principal: String
    let objectKey: UInt32
    let instanceKey: String?
    let rights: SMSRights

    var isClassGrant: Bool { instanceKey == nil }

    /// The permission class the entry is an instance of.
    var className: String { isClassGrant ? "SMS_UserClassPermissions" : "SMS_UserInstancePermissions" }

    var description: String {
        "\(principal) \(rights) on \(objectKey)\(instanceKey.map { "/" + $0 } ?? "")"
    }
}

/// The security rules of the contract, as a small model the tests derive expected outcomes
/// from: superusers, class ∪ instance rights over the user and its groups, who sees which
/// permission entry, and what Delegate lets a user grant.
struct AccessModel: Sendable {
    /// The config file's `admins`: user names and `@group`s.
    var admins: [String]
    /// Every permission entry the store holds.
    var grants: [PermissionGrant]

    func isSuperuser(_ user: TestPrincipal) -> Bool {
        user.isRoot || !user.principalNames.isDisjoint(with: admins)
    }

    /// Class rights on `objectKey`, over the user and its groups.
    func classRights(of user: TestPrincipal, on objectKey: UInt32) -> SMSRights {
        if isSuperuser(user) { return .all }
        return grants.filter { $0.isClassGrant && $0.objectKey == objectKey && user.principalNames.contains($0.principal) }
            .reduce(SMSRights()) { $0.union($1.rights) }
    }

    /// Effective rights on one instance: its class rights ∪ its instance rights, over the user
    /// and its groups.
    func rights(of user: TestPrincipal, on objectKey: UInt32, instance: String) -> SMSRights {
        if isSuperuser(user) { return .all }
        return grants.filter { $0.objectKey == objectKey && ($0.instanceKey == nil || $0.instanceKey == instance) && user.principalNames.contains($0.principal) }
            .reduce(SMSRights()) { $0.union($1.rights) }
    }

    /// The rights held on an instance by the user itself, not through groups or the class.
    func explicitRights(of user: TestPrincipal, on objectKey: UInt32, instance: String) -> SMSRights {
        grants.filter { $0.objectKey == objectKey && $0.instanceKey == instance && $0.principal == user.name }
            .reduce(SMSRights()) { $0.union($1.rights) }
    }

    func canRead(_ user: TestPrincipal, _ objectKey: UInt32, _ instance: String) -> Bool {
        rights(of: user, on: objectKey, instance: instance).contains(.read)
    }

    /// Whether `user` may see a permission entry: superusers, Administer holders on its class,
    /// the principal itself (the user or a member of the group), and for instance entries the
    /// holders of Delegate on that instance.
    func canSee(_ user: TestPrincipal, _ entry: PermissionGrant) -> Bool {
        if isSuperuser(user) || user.principalNames.contains(entry.principal) { return true }
        if classRights(of: user, on: entry.objectKey).contains(.administer) { return true }
        guard let instance = entry.instanceKey else { return false }
        return rights(of: user, on: entry.objectKey, instance: instance).contains(.delegate)
    }

    /// Whether `user` may change or delete a permission entry as a whole (Administer on its class).
    func canAdminister(_ user: TestPrincipal, objectKey: UInt32) -> Bool {
        classRights(of: user, on: objectKey).contains(.administer)
    }

    /// What `UserHasPermissions` must answer as `held`: class rights for a class; for an
    /// instance its effective rights, or 0 when the caller may not read it (as for a missing one).
    func heldRights(of user: TestPrincipal, objectKey: UInt32, instance: String?) -> SMSRights {
        guard let instance else { return classRights(of: user, on: objectKey) }
        let held = rights(of: user, on: objectKey, instance: instance)
        return held.contains(.read) ? held : []
    }

    /// The entries `user` may see.
    func visibleGrants(for user: TestPrincipal) -> [PermissionGrant] {
        grants.filter { canSee(user, $0) }
    }
}

extension SMSRights {
    /// Every right the tests know (what a superuser holds at least).
    static let all: SMSRights = [.read, .modify, .delete, .administer, .create, .delegate]
}
