/// One principal's rights on a class or an instance, as the service stores and checks them: the
/// row behind an `SMS_UserClassPermissions` or `SMS_UserInstancePermissions` object.
///
/// Service-internal: it is addressed by ``ObjectReference`` and has no object path. Clients see
/// the served object as the SDK's `PermissionEntry` (scope, object path, JSON), built from the
/// D-Bus properties that ProviderDBus serves from this value.
public struct PermissionAssignment: Sendable, Hashable {
    /// A Unix user name, or `@group`.
    public var principal: String
    /// The SMS object key of the class (20 task sequence packages, 2 packages).
    public var objectKey: UInt32
    /// The instance's key (a PackageID); `nil` for class rights.
    public var instanceKey: String?
    public var rights: Rights

    public init(principal: String, objectKey: UInt32, instanceKey: String? = nil, rights: Rights) {
        self.principal = principal
        self.objectKey = objectKey
        self.instanceKey = instanceKey
        self.rights = rights
    }

    /// The served object of the entry.
    public var reference: ObjectReference {
        if let instanceKey {
            return .instancePermission(principal: principal, objectKey: objectKey, instanceKey: instanceKey)
        }
        return .classPermission(principal: principal, objectKey: objectKey)
    }

    /// The entry's class: `SMS_UserClassPermissions` or `SMS_UserInstancePermissions`.
    public var className: String {
        instanceKey == nil ? ClassName.userClassPermissions : ClassName.userInstancePermissions
    }

    /// The name of the rights property: `ClassPermissions` or `InstancePermissions`.
    public var rightsProperty: String {
        instanceKey == nil ? "ClassPermissions" : "InstancePermissions"
    }

    /// The entry `reference` names; `nil` for other objects.
    public init?(_ reference: ObjectReference, rights: Rights = []) {
        switch reference {
        case .classPermission(let principal, let objectKey):
            self.init(principal: principal, objectKey: objectKey, rights: rights)
        case .instancePermission(let principal, let objectKey, let instanceKey):
            self.init(principal: principal, objectKey: objectKey, instanceKey: instanceKey, rights: rights)
        default:
            return nil
        }
    }
}
