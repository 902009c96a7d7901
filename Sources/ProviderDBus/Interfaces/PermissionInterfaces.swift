import DBusKit
import ProviderCore

/// A permission entry: `SMS_UserClassPermissions` or `SMS_UserInstancePermissions`.
struct PermissionModel: Sendable {
    let bus: ProviderBus
    let reference: ObjectReference

    func entry(_ context: CallerContext) throws -> PermissionEntry {
        try bus.service.permissionEntry(reference, for: bus.caller(context))
    }

    func setRights(_ value: DBusValue, _ context: CallerContext) throws {
        guard let text = ValueConversion.text(value), let bits = UInt32(text) else {
            throw DBusError.invalidArgs("permissions are a uint32 of SMS right bits (Read 1, Modify 2, Delete 4, Distribute 8, Advertise 64, ModifyResource 128, Administer 256, DeleteResource 512, Create 1024, ReadResource 4096, Delegate 8192, ImportMachine 524288, ModifyCollectionSetting 2097152)")
        }
        try bus.service.changeRights(of: reference, to: Rights(rawValue: bits), for: bus.caller(context))
    }

    func delete(_ context: CallerContext) throws -> [DBusValue] {
        try bus.service.deletePermission(reference, for: bus.caller(context))
        return []
    }
}

extension Interfaces {
    /// `…SMS_UserClassPermissions`: a user's or group's rights on a whole class.
    static let userClassPermissions = DBusInterface<PermissionModel>(InterfaceName.named(ClassName.userClassPermissions), doc: """
        The rights of a user or group on a whole class, on /org/tsprovider/Provider1/SMS_UserClassPermissions/{label}. \
        Created with CreateInstance (UserName, ObjectKey, ClassPermissions); managing it needs Administer on the class.
        """) {
        DBusProperty("UserName", String.self, emitsChangedSignal: .const, doc: "The principal: a Unix user name, or a group name behind an at sign.") { model, context in try model.entry(context).userName }
        DBusProperty("ObjectKey", UInt32.self, emitsChangedSignal: .const, doc: "The class: 20 task sequence packages, 2 packages.") { model, context in try model.entry(context).objectKey }
        DBusProperty("ClassPermissions", .uint32, doc: "SMS right bits (Read 1, Modify 2, Delete 4, Distribute 8, Advertise 64, ModifyResource 128, Administer 256, DeleteResource 512, Create 1024, ReadResource 4096, Delegate 8192, ImportMachine 524288, ModifyCollectionSetting 2097152; Administer, Create and ImportMachine on classes only). Modify and Delete bring Read; taking Read away deletes the entry and the principal's instance entries on the class.", get: { model, context in .uint32(try model.entry(context).rights.rawValue) },
                     set: { model, value, context in try model.setRights(value, context) })
        DBusMethod("Delete", doc: "Deletes the entry, taking its rights away.") { model, call in try model.delete(call.caller) }
    }

    /// `…SMS_UserInstancePermissions`: a user's or group's rights on one instance.
    static let userInstancePermissions = DBusInterface<PermissionModel>(InterfaceName.named(ClassName.userInstancePermissions), doc: """
        The rights of a user or group on one instance, on /org/tsprovider/Provider1/SMS_UserInstancePermissions/{label}. \
        Created with CreateInstance (UserName, ObjectKey, InstanceKey, InstancePermissions); managing it needs \
        Administer on the class, or Delegate on the instance for rights the caller holds itself.
        """) {
        DBusProperty("UserName", String.self, emitsChangedSignal: .const, doc: "The principal: a Unix user name, or a group name behind an at sign.") { model, context in try model.entry(context).userName }
        DBusProperty("ObjectKey", UInt32.self, emitsChangedSignal: .const, doc: "The class: 20 task sequence packages, 2 packages.") { model, context in try model.entry(context).objectKey }
        DBusProperty("InstanceKey", String.self, emitsChangedSignal: .const, doc: "The instance's key: its PackageID.") { model, context in try model.entry(context).instanceKey ?? "" }
        DBusProperty("InstancePermissions", .uint32, doc: "SMS right bits (Read 1, Modify 2, Delete 4, Distribute 8, Advertise 64, ModifyResource 128, DeleteResource 512, ReadResource 4096, Delegate 8192). Every right but Delegate brings Read; taking Read away deletes the entry.", get: { model, context in .uint32(try model.entry(context).rights.rawValue) },
                     set: { model, value, context in try model.setRights(value, context) })
        DBusMethod("Delete", doc: "Deletes the entry, taking its rights away.") { model, call in try model.delete(call.caller) }
    }
}

extension ProviderBus {
    /// `CreateInstance` of a permission class: `UserName`, `ObjectKey`, the rights
    /// (`ClassPermissions` or `InstancePermissions`) and, for instance rights, `InstanceKey`.
    func createPermission(instance: Bool, properties: [(name: String, value: String)], caller: Caller) throws -> ObjectReference {
        let className = instance ? ClassName.userInstancePermissions : ClassName.userClassPermissions
        let rightsProperty = instance ? "InstancePermissions" : "ClassPermissions"
        let known = ["UserName", "ObjectKey", rightsProperty] + (instance ? ["InstanceKey"] : [])
        var values: [String: String] = [:]
        for (name, value) in properties {
            guard let canonical = known.first(where: { $0.lowercased() == name.lowercased() }) else {
                throw ProviderError.unknownProperty(named: "\(name) (\(className) has \(known.joined(separator: ", ")))")
            }
            values[canonical] = value
        }
        func required(_ name: String) throws -> String {
            guard let value = values[name] else {
                throw ProviderError.invalidArgument(name: "properties", problem: "\(className) needs \(name)")
            }
            return value
        }
        func number(_ name: String) throws -> UInt32 {
            let text = try required(name)
            guard let value = UInt32(text) else {
                throw ProviderError.invalidArgument(name: name, problem: "must be a uint32, got '\(text)'")
            }
            return value
        }
        let entry = PermissionEntry(
            userName: try required("UserName"), objectKey: try number("ObjectKey"),
            instanceKey: instance ? try required("InstanceKey") : nil, rights: Rights(rawValue: try number(rightsProperty)))
        return try service.setPermission(entry, for: caller)
    }
}
