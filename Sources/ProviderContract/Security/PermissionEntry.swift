/// One principal's rights on a class or an instance: an `SMS_UserClassPermissions` or
/// `SMS_UserInstancePermissions` object. The service stores and checks it; clients read it.
///
/// Its keys name it: the object path is computed from them by the same encoding on both sides
/// (``objectPath``), so a client never needs the service to tell it where an entry is served.
///
/// JSON: `Scope` (`class` or `instance`), `UserName`, `ObjectKey`, `InstanceKey` (`null` for
/// class rights), `Permissions` (the number), `PermissionNames`, `ObjectPath`.
public struct PermissionEntry: Sendable, Hashable, Codable {
    /// Whether the entry grants class or instance rights.
    public enum Scope: String, Sendable, Hashable, Codable {
        /// `SMS_UserClassPermissions`: every instance of the class.
        case `class`
        /// `SMS_UserInstancePermissions`: one instance.
        case instance

        /// `SMS_UserClassPermissions` or `SMS_UserInstancePermissions`.
        public var className: String {
            self == .class ? ClassName.userClassPermissions : ClassName.userInstancePermissions
        }

        /// The name of the rights property: `ClassPermissions` or `InstancePermissions`.
        public var rightsProperty: String {
            self == .class ? "ClassPermissions" : "InstancePermissions"
        }
    }

    /// The principal: a Unix user name, or `@group`.
    public var userName: String
    /// The SMS object key of the class (20 task sequence packages, 2 packages).
    public var objectKey: UInt32
    /// The instance's key (a PackageID); `nil` for class rights.
    public var instanceKey: String?
    /// The rights granted.
    public var rights: Rights

    /// An entry: class rights without `instanceKey`, instance rights with it.
    public init(userName: String, objectKey: UInt32, instanceKey: String? = nil, rights: Rights) {
        self.userName = userName
        self.objectKey = objectKey
        self.instanceKey = instanceKey
        self.rights = rights
    }

    /// Class or instance rights.
    public var scope: Scope { instanceKey == nil ? .class : .instance }

    /// The entry's class: `SMS_UserClassPermissions` or `SMS_UserInstancePermissions`.
    public var className: String { scope.className }

    /// The name of the entry's rights property: `ClassPermissions` or `InstancePermissions`.
    public var rightsProperty: String { scope.rightsProperty }

    /// The child name of the entry under its class object, before escaping: its keys joined by
    /// `/` (`20/@deploy`, `20/PS100004/alice`), which neither principals nor instance keys
    /// contain, so the label alone names the entry.
    public var pathLabel: String {
        if let instanceKey { return "\(objectKey)/\(instanceKey)/\(userName)" }
        return "\(objectKey)/\(userName)"
    }

    /// The path the entry is served at: `/org/tsprovider/Provider1/<class>/<escaped label>`.
    public var objectPath: String {
        ProviderObjectPath.classObject(className) + "/" + ProviderObjectPath.element(pathLabel)
    }

    /// The entry's keys from its class and unescaped path label; `nil` when the label does not
    /// name an entry of that class.
    public init?(className: String, pathLabel: String, rights: Rights = []) {
        let instance: Bool
        switch className {
        case ClassName.userClassPermissions: instance = false
        case ClassName.userInstancePermissions: instance = true
        default: return nil
        }
        let parts = pathLabel.split(separator: "/", maxSplits: instance ? 2 : 1, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == (instance ? 3 : 2), let key = UInt32(parts[0]), parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        self.init(userName: parts[instance ? 2 : 1], objectKey: key, instanceKey: instance ? parts[1] : nil, rights: rights)
    }

    enum CodingKeys: String, CodingKey {
        case scope = "Scope", userName = "UserName", objectKey = "ObjectKey", instanceKey = "InstanceKey"
        case rights = "Permissions", names = "PermissionNames", objectPath = "ObjectPath"
    }

    /// Decodes what ``encode(to:)`` wrote; the scope and object path follow from the keys.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let scope = try container.decode(Scope.self, forKey: .scope)
        let instanceKey = try container.decodeIfPresent(String.self, forKey: .instanceKey)
        guard (instanceKey == nil) == (scope == .class) else {
            throw DecodingError.dataCorruptedError(
                forKey: .instanceKey, in: container, debugDescription: "a \(scope.rawValue) entry \(scope == .class ? "has no" : "needs an") InstanceKey")
        }
        self.init(
            userName: try container.decode(String.self, forKey: .userName), objectKey: try container.decode(UInt32.self, forKey: .objectKey),
            instanceKey: instanceKey, rights: try container.decode(Rights.self, forKey: .rights))
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
