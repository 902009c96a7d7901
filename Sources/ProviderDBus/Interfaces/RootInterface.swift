import DBusKit
import Foundation
import ProviderCore
import ProviderStore
import TaskSequenceModel

extension Interfaces {
    /// `org.tsprovider.Provider1` on the root object: WMI-style generic operations.
    static let root = DBusInterface<RootModel>(ProviderBus.busName) {
        DBusProperty("Version", String.self, emitsChangedSignal: .const) { _, _ in ProviderBus.version }
        DBusProperty("SiteCode", String.self, emitsChangedSignal: .const) { model, _ in model.bus.service.configuration.siteCode }
        DBusMethod("EnumerateClasses", outputs: [DBusArgument("classes", .array(.string))]) { model, call in
            try model.bus.service.policy.admit(model.bus.caller(call.caller))
            return [ServedClasses.names.dbusValue]
        }
        DBusMethod("GetClass", inputs: [DBusArgument("name", .string)], outputs: [DBusArgument("schema", .dictionary(key: .string, value: .variant))]) { model, call in
            [QueryConversion.schema(try model.bus.service.classSchema(call.argument("name", as: String.self), for: model.bus.caller(call.caller)))]
        }
        DBusMethod("ExecQuery", inputs: [DBusArgument("wql", .string)], outputs: [DBusArgument("rows", .array(.dictionary(key: .string, value: .variant)))]) { model, call in
            let rows = try model.bus.service.execQuery(call.argument("wql", as: String.self), for: model.bus.caller(call.caller))
            return [.array(.dictionary(key: .string, value: .variant), rows.map(QueryConversion.row))]
        }
        DBusMethod("GetObject", inputs: [DBusArgument("relpath", .string)], outputs: [DBusArgument("object", .objectPath)]) { model, call in
            let reference = try model.bus.service.object(atRelativePath: call.argument("relpath", as: String.self), for: model.bus.caller(call.caller))
            return [.objectPath(ProviderPath.path(of: reference))]
        }
        DBusMethod(
            "CreateInstance", inputs: [DBusArgument("class", .string), DBusArgument("properties", .dictionary(key: .string, value: .variant))],
            outputs: [DBusArgument("object", .objectPath)]
        ) { model, call in
            let properties = try ValueConversion.textProperties(call.arguments[1], argument: "properties")
            let reference = try model.bus.createInstance(call.argument("class", as: String.self), properties: properties, caller: model.bus.caller(call.caller))
            return [.objectPath(ProviderPath.path(of: reference))]
        }
        DBusMethod(
            "ExecMethod",
            inputs: [DBusArgument("target", .string), DBusArgument("method", .string), DBusArgument("in", .dictionary(key: .string, value: .variant))],
            outputs: [DBusArgument("out", .dictionary(key: .string, value: .variant))]
        ) { model, call in
            let target = try call.argument("target", as: String.self), method = try call.argument("method", as: String.self)
            let input = try ValueConversion.textProperties(call.arguments[2], argument: "in")
            let output = try model.bus.execMethod(target: target, method: method, input: Dictionary(input, uniquingKeysWith: { $1 }), caller: model.bus.caller(call.caller))
            return [DBusValue.stringVariantDictionary(output)]
        }
        DBusMethod(
            "UserHasPermissions", inputs: [DBusArgument("target", .string), DBusArgument("rights", .uint32)],
            outputs: [DBusArgument("granted", .boolean), DBusArgument("held", .uint32)]
        ) { model, call in
            let caller = try model.bus.caller(call.caller)
            let target = try call.argument("target", as: String.self)
            let wanted = Rights(rawValue: try call.argument("rights", as: UInt32.self))
            let held = try model.bus.service.rights(onTarget: target, for: caller)
            return [.boolean(held.isSuperset(of: wanted)), .uint32(held.rawValue)]
        }
        DBusMethod("Subscribe") { model, call in
            try model.bus.service.policy.admit(model.bus.caller(call.caller))
            try model.bus.subscribe(call.caller)
            return []
        }
        DBusMethod("Unsubscribe") { model, call in
            model.bus.unsubscribe(call.caller)
            return []
        }
        DBusSignal("InstanceCreated", arguments: instanceSignalArguments)
        DBusSignal("InstanceModified", arguments: instanceSignalArguments)
        DBusSignal("InstanceDeleted", arguments: instanceSignalArguments)
    }

    private static let instanceSignalArguments = [
        DBusArgument("class", .string), DBusArgument("relpath", .string), DBusArgument("path", .objectPath),
    ]
}

extension ProviderBus {
    /// `CreateInstance` for the classes that can be created directly: task sequence packages,
    /// SMS packages and permission entries. Steps and conditions are created by AddStep/AddExpression on their parent.
    func createInstance(_ className: String, properties: [(name: String, value: String)], caller: Caller) throws -> ObjectReference {
        switch ServedClasses.canonicalName(className) {
        case ClassName.taskSequencePackage?:
            var package = PackageProperties()
            try PackageModel.apply(properties, to: &package)
            return .package(try service.createPackage(package, for: caller))
        case ClassName.smsPackage?:
            var row = SMSPackageRow(packageID: "")
            for (name, value) in properties {
                switch name.lowercased() {
                case "packageid": row.packageID = value
                case "name": row.name = value
                case "description": row.description = value
                case "version": row.version = value
                case "manufacturer": row.manufacturer = value
                case "language": row.language = value
                case "pkgsourcepath": row.pkgSourcePath = value
                case "packagetype":
                    guard let type = UInt32(value) else { throw ProviderError.validationFailed(property: "PackageType", rule: "must be a number, got '\(value)'") }
                    row.packageType = type
                default: throw ProviderError.unknownProperty("\(name) (SMS_Package)")
                }
            }
            return .smsPackage(try service.createSMSPackage(row, for: caller))
        case ClassName.userClassPermissions?:
            return try createPermission(instance: false, properties: properties, caller: caller)
        case ClassName.userInstancePermissions?:
            return try createPermission(instance: true, properties: properties, caller: caller)
        case let name?:
            throw DBusError.notSupported("\(name) instances are created by their parent: AddStep/AddGroup on a sequence or group, AddExpression/AddOperator on a condition")
        case nil:
            throw ProviderError.invalidArgument(name: "class", problem: "\(className) is not a class this provider serves")
        }
    }

    /// `ExecMethod`: WMI-style invocation of a class method (`SMS_TaskSequencePackage`) or an
    /// instance method (a relative path), with named in-parameters.
    func execMethod(target: String, method: String, input: [String: String], caller: Caller) throws -> [String: DBusValue] {
        func parameter(_ name: String) throws -> String {
            guard let value = input.first(where: { $0.key.lowercased() == name.lowercased() })?.value else {
                throw ProviderError.invalidArgument(name: "in", problem: "\(method) needs the in-parameter \(name)")
            }
            return value
        }
        func packageID(atPath relativePath: String) throws -> String {
            guard case .package(let id) = try service.object(atRelativePath: relativePath, for: caller) else {
                throw ProviderError.invalidArgument(name: "target", problem: "\(relativePath) is not a task sequence package")
            }
            return id
        }
        let isClassTarget = ServedClasses.canonicalName(target) == ClassName.taskSequencePackage
        let targetPackageID = isClassTarget ? nil : try packageID(atPath: target)
        let success: [String: DBusValue] = ["ReturnValue": .int32(0)]
        switch (method.lowercased(), targetPackageID) {
        case ("importsequence", _):
            return success.merging(["TaskSequence": .string(try service.importSequence(xml: parameter("SequenceXML"), for: caller))]) { $1 }
        case ("getsequence", let id?):
            return success.merging(["TaskSequence": .string(try service.sequenceXML(packageID: id, for: caller))]) { $1 }
        case ("getsequence", nil):
            let id = try packageID(atPath: parameter("TaskSequencePackage"))
            return success.merging(["TaskSequence": .string(try service.sequenceXML(packageID: id, for: caller))]) { $1 }
        case ("setsequence", let target):
            let id = try target ?? packageID(atPath: parameter("TaskSequencePackage"))
            let version = try service.setSequence(packageID: id, xml: parameter("TaskSequence"), expectedSourceVersion: 0, for: caller)
            return success.merging([
                "SavedTaskSequencePackagePath": .string(ObjectReference.package(id).relativePath), "SourceVersion": .uint32(version),
            ]) { $1 }
        case ("export", let id?):
            let format = ExportFormat(rawValue: input["format"] ?? "package") ?? .package
            return success.merging(["Xml": .string(try service.export(packageID: id, format: format, for: caller))]) { $1 }
        case ("delete", let id?):
            try service.deletePackage(id, for: caller)
            return success
        default:
            throw DBusError.unknownMethod("\(target) has no method \(method); expected ImportSequence, GetSequence, SetSequence (class or instance), Export or Delete (instance)")
        }
    }
}
