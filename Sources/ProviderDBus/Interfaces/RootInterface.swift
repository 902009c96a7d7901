import DBusKit
import Foundation
import ProviderCore
import TaskSequenceModel

extension Interfaces {
    /// `org.tsprovider.Provider1` on the root object: WMI-style generic operations.
    static let root = DBusInterface<RootModel>(ProviderBus.busName, doc: """
        The provider itself, on /org/tsprovider/Provider1: WMI-style generic operations over every class it serves \
        (the SMS Provider's IWbemServices calls), and the opt-in to change signals.

        A caller sees only what it may read: objects it may not read answer exactly as missing ones, and are left \
        out of queries, enumerations and signals. Errors are org.freedesktop.DBus.Error.* where one fits, else \
        org.tsprovider.Provider1.Error.* (docs/dbus-api.md lists them).
        """) {
        DBusProperty("Version", String.self, emitsChangedSignal: .const, doc: "The provider's version, as the version option of tsproviderd prints it.") { _, _ in ProviderBus.version }
        DBusProperty("SiteCode", String.self, emitsChangedSignal: .const, doc: "The three-character site code that starts every PackageID this provider allocates (its site-code option).") { model, _ in model.bus.service.configuration.siteCode }
        DBusMethod(
            "EnumerateClasses", outputs: [DBusArgument("classes", .array(.string), doc: "Class names, each also an object under the root.")],
            doc: "The names of the classes this provider serves."
        ) { model, call in
            try model.bus.service.policy.admit(model.bus.caller(call.caller))
            return [ServedClasses.names.dbusValue]
        }
        DBusMethod(
            "GetClass", inputs: [DBusArgument("name", .string, doc: "A class name (any case), e.g. SMS_TaskSequence_RunCommandLineAction.")],
            outputs: [DBusArgument("schema", .dictionary(key: .string, value: .variant), doc: "Name, Superclass, Properties (each with Name, Type and qualifiers such as key, read, lazy, secret, limits) and Methods.")],
            doc: "The schema of one class, as the SMS Provider's SMS_Class definitions describe it. An unknown class is org.tsprovider.Provider1.Error.NotFound."
        ) { model, call in
            [QueryConversion.schema(try model.bus.service.classSchema(call.argument("name", as: String.self), for: model.bus.caller(call.caller)))]
        }
        DBusMethod(
            "ExecQuery", inputs: [DBusArgument("wql", .string, doc: "SELECT * | prop[, prop] | DISTINCT prop[, prop] | COUNT(*) FROM Class [WHERE …] [ORDER BY prop [ASC|DESC]]; IN takes literals or a subquery selecting one property.")],
            outputs: [DBusArgument("rows", .array(.dictionary(key: .string, value: .variant)), doc: "One dictionary per instance: the selected properties plus __CLASS, __RELPATH and __PATH (the object path). COUNT(*) gives one row whose Count (u) is the number of rows; DISTINCT one row per distinct combination; both with the class as __RELPATH.")],
            doc: """
                Runs the SMS Provider's Extended WQL, polymorphic over the class tree like WMI, as SQL on the store. Rows \
                the caller may not read are left out, in subqueries too; secret properties are never returned and cannot \
                be tested in WHERE; lazy properties (Sequence, References) are not returned; IS NULL holds for empty text. \
                SMS_TaskSequencePackageReference, its _Flat variant and SMS_TaskSequenceReferencesInfo are served here only: their rows \
                say which task sequences use which packages. A malformed query is \
                org.tsprovider.Provider1.Error.InvalidQuery naming the offending token and its position.
                """
        ) { model, call in
            let rows = try model.bus.service.execQuery(call.argument("wql", as: String.self), for: model.bus.caller(call.caller))
            return [QueryConversion.rows(rows)]
        }
        DBusMethod(
            "GetObject", inputs: [DBusArgument("relpath", .string, doc: "A WMI relative path, e.g. SMS_TaskSequencePackage.PackageID=\"PS100004\".")],
            outputs: [DBusArgument("object", .objectPath, doc: "The object's D-Bus path.")],
            doc: "Resolves a WMI relative path to the object serving it; an instance the caller may not read is NotFound, as a missing one."
        ) { model, call in
            let reference = try model.bus.service.object(atRelativePath: call.argument("relpath", as: String.self), for: model.bus.caller(call.caller))
            return [.objectPath(ProviderPath.path(of: reference))]
        }
        DBusMethod(
            "CreateInstance",
            inputs: [DBusArgument("class", .string, doc: "SMS_TaskSequencePackage, SMS_Package, SMS_UserClassPermissions or SMS_UserInstancePermissions."),
                     DBusArgument("properties", .dictionary(key: .string, value: .variant), doc: "The new instance's writable properties by name.")],
            outputs: [DBusArgument("object", .objectPath, doc: "The new instance's path (for a permission entry that already exists: the same path, its rights replaced).")],
            doc: "Creates an instance of a class that is created directly; needs Create on the class (Administer, or Delegate on the instance, for permission entries). Steps and conditions are made by AddStep, AddGroup, AddExpression and AddOperator on their parent."
        ) { model, call in
            let properties = try ValueConversion.textProperties(call.arguments[1], argument: "properties")
            let reference = try model.bus.createInstance(call.argument("class", as: String.self), properties: properties, caller: model.bus.caller(call.caller))
            return [.objectPath(ProviderPath.path(of: reference))]
        }
        DBusMethod(
            "ExecMethod",
            inputs: [DBusArgument("target", .string, doc: "A class name (SMS_TaskSequencePackage) or an instance's relative path."),
                     DBusArgument("method", .string, doc: "ImportSequence, GetSequence, SetSequence, Export or Delete."),
                     DBusArgument("in", .dictionary(key: .string, value: .variant), doc: "The WMI in-parameters by name (SequenceXML, TaskSequencePackage, TaskSequence, format).")],
            outputs: [DBusArgument("out", .dictionary(key: .string, value: .variant), doc: "The WMI out-parameters: ReturnValue 0 and the method's results (TaskSequence, SourceVersion, Xml…); ImportSequence and SetSequence add Warnings (as), what the sequence's import warned about.")],
            doc: "WMI-style invocation of a class or instance method with named parameters, for clients written against the SMS Provider's ExecMethod; the same rights apply as to the typed method."
        ) { model, call in
            let target = try call.argument("target", as: String.self), method = try call.argument("method", as: String.self)
            let input = try ValueConversion.textProperties(call.arguments[2], argument: "in")
            let output = try model.bus.execMethod(target: target, method: method, input: Dictionary(input, uniquingKeysWith: { $1 }), caller: model.bus.caller(call.caller))
            return [DBusValue.stringVariantDictionary(output)]
        }
        DBusMethod(
            "UserHasPermissions",
            inputs: [DBusArgument("target", .string, doc: "A class name or an instance's relative path."),
                     DBusArgument("rights", .uint32, doc: "SMS right bits: Read 1, Modify 2, Delete 4, Distribute 8, Advertise 64, ModifyResource 128, Administer 256, DeleteResource 512, Create 1024, ReadResource 4096, Delegate 8192, ImportMachine 524288, ModifyCollectionSetting 2097152.")],
            outputs: [DBusArgument("granted", .boolean, doc: "Whether the caller holds every asked right."),
                      DBusArgument("held", .uint32, doc: "Every right the caller holds there (class and instance rights of its user and groups).")],
            doc: "Whether the caller, as the bus identifies it, holds rights on a class or an instance. An instance the caller may not read answers as a missing one."
        ) { model, call in
            let caller = try model.bus.caller(call.caller)
            let target = try call.argument("target", as: String.self)
            let wanted = Rights(rawValue: try call.argument("rights", as: UInt32.self))
            let held = try model.bus.service.rights(onTarget: target, for: caller)
            return [.boolean(held.isSuperset(of: wanted)), .uint32(held.rawValue)]
        }
        DBusMethod("Subscribe", doc: "Opts this connection in to InstanceCreated, InstanceModified and InstanceDeleted and to the PropertiesChanged, InterfacesAdded and InterfacesRemoved signals of every object it may read, until Unsubscribe or until it leaves the bus.") { model, call in
            try model.bus.service.policy.admit(model.bus.caller(call.caller))
            try model.bus.subscribe(call.caller)
            return []
        }
        DBusMethod("Unsubscribe", doc: "Ends what Subscribe started; signals of managers this connection called GetManagedObjects on keep coming.") { model, call in
            model.bus.unsubscribe(call.caller)
            return []
        }
        DBusSignal("InstanceCreated", arguments: instanceSignalArguments, doc: "An instance was created (WMI's __InstanceCreationEvent). Sent only to subscribers that may read it.")
        DBusSignal("InstanceModified", arguments: instanceSignalArguments, doc: "An instance's properties, sequence or rights changed (__InstanceModificationEvent). Sent only to subscribers that may read it.")
        DBusSignal("InstanceDeleted", arguments: instanceSignalArguments, doc: "An instance was deleted (__InstanceDeletionEvent). Sent to subscribers that could read it.")
    }

    private static let instanceSignalArguments = [
        DBusArgument("class", .string, doc: "The instance's class."),
        DBusArgument("relpath", .string, doc: "Its WMI relative path."),
        DBusArgument("path", .objectPath, doc: "Its object path."),
        DBusArgument("detail", .dictionary(key: .string, value: .variant), doc: "Facts about the change: Properties (as, the names of the changed properties, for InstanceModified), SourceVersion (u, the owning package's SourceVersion after the change), User (s, who made it, when known)."),
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
            var row = SMSPackage()
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
                default: throw ProviderError.unknownProperty(named: "\(name) (SMS_Package)")
                }
            }
            return .smsPackage(try service.createSMSPackage(row, for: caller))
        case ClassName.advertisement?:
            return try createAdvertisement(properties: properties, caller: caller)
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
            let result = try service.validateSequence(xml: parameter("SequenceXML"), for: caller)
            return success.merging(["TaskSequence": .string(result.xml), "Warnings": .array(.string, result.warnings.map(DBusValue.string))]) { $1 }
        case ("getsequence", let id?):
            return success.merging(["TaskSequence": .string(try service.sequenceXML(packageID: id, for: caller))]) { $1 }
        case ("getsequence", nil):
            let id = try packageID(atPath: parameter("TaskSequencePackage"))
            return success.merging(["TaskSequence": .string(try service.sequenceXML(packageID: id, for: caller))]) { $1 }
        case ("setsequence", let target):
            let id = try target ?? packageID(atPath: parameter("TaskSequencePackage"))
            let result = try service.replaceSequence(packageID: id, xml: parameter("TaskSequence"), expectedSourceVersion: 0, for: caller)
            return success.merging([
                "SavedTaskSequencePackagePath": .string(ObjectReference.package(id).relativePath), "SourceVersion": .uint32(result.sourceVersion),
                "Warnings": .array(.string, result.warnings.map(DBusValue.string)),
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
