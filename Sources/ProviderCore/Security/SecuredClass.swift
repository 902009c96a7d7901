import ProviderStore

/// A class whose instances carry rights, by its SMS object key (reference §6.1).
///
/// Sequences, steps and conditions are not secured on their own: they inherit the rights of
/// the task sequence package that holds them. Computers (SMS_R_System) are not either: as in
/// ConfigMgr they follow the rights on the collections they are members of (Read Resource,
/// Modify Resource, Delete Resource), see ``PermissionPolicy``.
public enum SecuredClass: UInt32, CaseIterable, Sendable {
    /// SMS_Collection, and through its members the computers.
    case collection = 1
    /// SMS_Package: packages that sequences reference.
    case package = 2
    /// SMS_Advertisement: deployments of task sequences to collections.
    case advertisement = 3
    /// SMS_TaskSequencePackage, and so its sequence, steps and conditions.
    case taskSequencePackage = 20

    /// The SMS object key.
    public var objectKey: UInt32 { rawValue }

    /// The class whose instances the key secures.
    public var className: String {
        switch self {
        case .collection: ClassName.collection
        case .package: ClassName.smsPackage
        case .advertisement: ClassName.advertisement
        case .taskSequencePackage: ClassName.taskSequencePackage
        }
    }

    /// The class secured by object key `objectKey`; `nil` for keys this provider does not serve.
    public init?(objectKey: UInt32) {
        self.init(rawValue: objectKey)
    }

    /// The secured class whose rights guard instances of served class `name` (canonical);
    /// `nil` for classes without rights of their own (the permission classes).
    public init?(guarding name: String) {
        switch name {
        case ClassName.smsPackage: self = .package
        case ClassName.collection, ClassName.computer, ClassName.fullCollectionMembership, ClassName.collectToSubCollect, ClassName.stateMigration,
             ClassName.collectionSettings:
            self = .collection
        case ClassName.advertisement: self = .advertisement
        case ClassName.userClassPermissions, ClassName.userInstancePermissions, ClassName.machineSettings: return nil
        default:
            guard ServedClasses.names.contains(name) else { return nil }
            self = .taskSequencePackage
        }
    }

    /// The secured instance that guards `object`, and its class; `nil` for class objects,
    /// permission entries and computers (whose rights come from several collections).
    public static func instance(guarding object: ObjectReference) -> (securedClass: SecuredClass, instanceKey: String)? {
        switch object {
        case .package(let id), .sequence(let id), .step(let id, _), .condition(let id, _), .operand(let id, _, _):
            (.taskSequencePackage, id)
        case .smsPackage(let id):
            (.package, id)
        case .collection(let id), .collectionSettings(let id):
            (.collection, id)
        case .advertisement(let id):
            (.advertisement, id)
        case .class, .computer, .classPermission, .instancePermission, .machineSettings:
            nil
        }
    }

    /// The instance with key `key`.
    public func instance(_ key: String) -> ObjectReference {
        switch self {
        case .collection: .collection(key)
        case .package: .smsPackage(key)
        case .advertisement: .advertisement(key)
        case .taskSequencePackage: .package(key)
        }
    }

    /// The table holding the instances.
    var table: SecuredTable {
        switch self {
        case .collection: .collection
        case .package: .smsPackage
        case .advertisement: .advertisement
        case .taskSequencePackage: .package
        }
    }
}
