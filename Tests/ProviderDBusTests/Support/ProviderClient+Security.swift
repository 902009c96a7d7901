import DBusKit

/// A permission entry as the store holds it, with the object path it is served at.
struct StoredPermission: Hashable, Sendable, CustomStringConvertible {
    let grant: PermissionGrant
    let path: String

    var description: String { "\(grant) at \(path)" }
}

/// The root client's calls on the permission classes and queries.
extension ProviderClient {
    /// `CreateInstance` on `SMS_UserClassPermissions`: grants (or replaces) class rights.
    @discardableResult
    func grantClassRights(_ principal: String, objectKey: UInt32, rights: SMSRights) throws -> ObjectPath {
        try proxy(Provider.classPermissionsPath).call(Provider.classInterface, "CreateInstance", [
            .stringVariantDictionary([
                "UserName": .string(principal), "ObjectKey": .uint32(objectKey), "ClassPermissions": .uint32(rights.rawValue),
            ]),
        ]).decode(ObjectPath.self)
    }

    /// `CreateInstance` on `SMS_UserInstancePermissions`: grants (or replaces) instance rights.
    @discardableResult
    func grantInstanceRights(_ principal: String, objectKey: UInt32, instance: String, rights: SMSRights) throws -> ObjectPath {
        try proxy(Provider.instancePermissionsPath).call(Provider.classInterface, "CreateInstance", [
            .stringVariantDictionary([
                "UserName": .string(principal), "ObjectKey": .uint32(objectKey), "InstanceKey": .string(instance),
                "InstancePermissions": .uint32(rights.rawValue),
            ]),
        ]).decode(ObjectPath.self)
    }

    /// The rows of a WQL query, variants unwrapped.
    func rows(_ wql: String) throws -> [[String: DBusValue]] {
        let reply = try proxy(Provider.rootPath).call(Provider.rootInterface, "ExecQuery", [.string(wql)])
        guard case .array(_, let rows)? = reply.first else {
            throw DBusError.failed("ExecQuery returned \(reply) for \(wql)")
        }
        return rows.compactMap(\.stringKeyedEntries)
    }

    /// Every permission entry of both classes, as root sees them.
    func storedPermissions() throws -> [StoredPermission] {
        let classRows = try rows("SELECT * FROM \(Provider.classPermissionsClass)")
        let instanceRows = try rows("SELECT * FROM \(Provider.instancePermissionsClass)")
        return try classRows.map { try Self.permission(from: $0, rightsKey: "ClassPermissions", instance: false) }
            + instanceRows.map { try Self.permission(from: $0, rightsKey: "InstancePermissions", instance: true) }
    }

    /// A permission query row as a ``StoredPermission``.
    static func permission(from row: [String: DBusValue], rightsKey: String, instance: Bool) throws -> StoredPermission {
        guard let user = row["UserName"]?.stringValue, case .uint32(let key)? = row["ObjectKey"],
              case .uint32(let rights)? = row[rightsKey], case .objectPath(let path)? = row["__PATH"] else {
            throw DBusError.failed("a permission row lacks UserName, ObjectKey, \(rightsKey) or __PATH: \(row)")
        }
        let instanceKey = instance ? row["InstanceKey"]?.stringValue : nil
        if instance && instanceKey == nil { throw DBusError.failed("an instance permission row lacks InstanceKey: \(row)") }
        return StoredPermission(
            grant: PermissionGrant(principal: user, objectKey: key, instanceKey: instanceKey, rights: SMSRights(rawValue: rights)),
            path: path.rawValue)
    }

    /// The PackageIDs of every task sequence package and every SMS_Package, as root sees them.
    func allPackageIDs() throws -> (taskSequences: Set<String>, smsPackages: Set<String>) {
        let packages = try rows("SELECT PackageID FROM SMS_TaskSequencePackage").compactMap { $0["PackageID"]?.stringValue }
        let sms = try rows("SELECT PackageID FROM SMS_Package").compactMap { $0["PackageID"]?.stringValue }
        return (Set(packages), Set(sms))
    }

    /// `Delete()` of the object at `path` on `interface`.
    func delete(_ path: String, interface: String) throws {
        _ = try proxy(path).call(interface, "Delete")
    }
}
