import DBusKit
import ProviderCore
import TaskSequenceModel

extension PackageModel {
    func properties(_ context: CallerContext) throws -> PackageProperties {
        // Objects are resolved per call, so what the resolver read is current for this call.
        try resolved ?? bus.service.package(packageID, for: bus.caller(context))
    }

    /// Writes one writable package property (by WMI name) given as text.
    static func apply(_ properties: [(name: String, value: String)], to package: inout PackageProperties) throws {
        for (name, value) in properties {
            guard let property = WritablePackageProperty.allCases.first(where: { $0.rawValue.lowercased() == name.lowercased() }) else {
                throw ProviderError.unknownProperty("\(name); writable package properties are \(WritablePackageProperty.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            try apply(property, value, to: &package)
        }
    }

    static func apply(_ property: WritablePackageProperty, _ value: String, to package: inout PackageProperties) throws {
        if package.setProperty(named: property.rawValue, to: value) == .notANumber {
            throw ProviderError.validationFailed(property: property.rawValue, rule: "must be a number, got '\(value)'")
        }
    }

    func set(_ property: WritablePackageProperty, _ value: DBusValue, _ context: CallerContext) throws {
        guard let text = ValueConversion.text(value) else { throw DBusError.invalidArgs("\(property.rawValue) takes a basic value") }
        try bus.service.updatePackage(packageID, for: bus.caller(context)) { try Self.apply(property, text, to: &$0) }
    }
}

extension Interfaces {
    /// `…SMS_TaskSequencePackage`: a package's properties (WMI names and meanings) and methods.
    static let package = DBusInterface<PackageModel>(InterfaceName.named("SMS_TaskSequencePackage")) {
        DBusProperty("PackageID", String.self, emitsChangedSignal: .const) { model, _ in model.packageID }
        for property in WritablePackageProperty.allCases {
            DBusProperty(
                property.rawValue, packagePropertyType(property),
                get: { model, context in packagePropertyValue(property, try model.properties(context)) },
                set: { model, value, context in try model.set(property, value, context) }
            )
        }
        DBusProperty("Type", UInt32.self) { model, context in try model.properties(context).type }
        DBusProperty("TaskSequenceFlags", UInt32.self) { model, context in try model.properties(context).taskSequenceFlags }
        DBusProperty("References", .array(.structure([.string, .string, .string]))) { model, context in
            .array(.structure([.string, .string, .string]), try model.properties(context).references.map {
                .structure([.string($0.package), .string($0.program), .string($0.application)])
            })
        }
        DBusProperty("ReferencesCount", UInt32.self) { model, context in try model.properties(context).referencesCount }
        DBusProperty("SourceVersion", UInt32.self) { model, context in try model.properties(context).sourceVersion }
        DBusProperty("SourceDate", String.self) { model, context in ValueConversion.cimDateTime(try model.properties(context).sourceDate) }
        DBusProperty("LastRefreshTime", String.self) { model, context in ValueConversion.cimDateTime(try model.properties(context).lastRefreshTime) }
        DBusProperty("SourceSite", String.self) { model, context in try model.properties(context).sourceSite }
        DBusProperty("PackageType", UInt32.self, emitsChangedSignal: .const) { model, context in try model.properties(context).packageType }
        DBusMethod("GetSequence", outputs: [DBusArgument("xml", .string)]) { model, call in
            [.string(try model.bus.service.sequenceXML(packageID: model.packageID, for: model.bus.caller(call.caller)))]
        }
        DBusMethod(
            "SetSequence", inputs: [DBusArgument("xml", .string), DBusArgument("expected_source_version", .uint32)],
            outputs: [DBusArgument("source_version", .uint32)]
        ) { model, call in
            let version = try model.bus.service.setSequence(
                packageID: model.packageID, xml: call.argument("xml", as: String.self),
                expectedSourceVersion: call.argument("expected_source_version", as: UInt32.self), for: model.bus.caller(call.caller))
            return [.uint32(version)]
        }
        DBusMethod("Export", inputs: [DBusArgument("options", .dictionary(key: .string, value: .variant))], outputs: [DBusArgument("xml", .string)]) { model, call in
            let options = Dictionary(try ValueConversion.textProperties(call.arguments[0], argument: "options").map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { $1 })
            if let unknown = options.keys.first(where: { $0 != "format" }) { throw DBusError.invalidArgs("unknown export option '\(unknown)'; known: format") }
            let text = options["format"] ?? ExportFormat.package.rawValue
            guard let format = ExportFormat(rawValue: text) else {
                throw DBusError.invalidArgs("format '\(text)' is not one of \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return [.string(try model.bus.service.export(packageID: model.packageID, format: format, for: model.bus.caller(call.caller)))]
        }
        DBusMethod("Delete") { model, call in
            try model.bus.service.deletePackage(model.packageID, for: model.bus.caller(call.caller))
            return []
        }
    }

    private static func packagePropertyType(_ property: WritablePackageProperty) -> DBusType {
        property.isNumber ? .uint32 : .string
    }

    private static func packagePropertyValue(_ property: WritablePackageProperty, _ package: PackageProperties) -> DBusValue {
        let text = property.text(in: package)
        return property.isNumber ? .uint32(UInt32(text) ?? 0) : .string(text)
    }

    /// `…SMS_TaskSequence` on `/…/<PackageID>/Sequence`: the top of the step tree.
    static let sequence = DBusInterface<PackageModel>(InterfaceName.named("SMS_TaskSequence")) {
        DBusProperty("SchemaVersion", String.self) { model, context in
            try model.bus.service.schemaVersion(packageID: model.packageID, for: model.bus.caller(context))
        }
        DBusProperty("Steps", .array(.objectPath)) { model, context in
            let ids = try model.bus.service.topLevelStepIDs(packageID: model.packageID, for: model.bus.caller(context))
            return stepPaths(model.packageID, ids)
        }
        addStepMethods(parent: { (model: PackageModel) in (model.bus, model.packageID, nil) })
    }

    static func stepPaths(_ packageID: String, _ ids: [Int64]) -> DBusValue {
        .array(.objectPath, ids.map { .objectPath(ProviderPath.path(of: .step(packageID: packageID, stepID: $0))) })
    }

    /// `AddStep` and `AddGroup`, as on the sequence and on every group.
    static func addStepMethods<Model: Sendable>(parent: @escaping @Sendable (Model) -> (ProviderBus, String, Int64?)) -> [DBusInterfaceMember<Model>] {
        [
            .method(DBusMethod(
                "AddStep",
                inputs: [DBusArgument("class_name", .string), DBusArgument("properties", .dictionary(key: .string, value: .variant)), DBusArgument("index", .int32)],
                outputs: [DBusArgument("step", .objectPath)]
            ) { model, call in
                let (bus, packageID, parentID) = parent(model)
                let properties = Dictionary(try ValueConversion.textProperties(call.arguments[1], argument: "properties"), uniquingKeysWith: { $1 })
                let id = try bus.service.addStep(
                    className: call.argument("class_name", as: String.self), properties: properties, packageID: packageID,
                    parentID: parentID, index: Int(try call.argument("index", as: Int32.self)), for: bus.caller(call.caller))
                return [.objectPath(ProviderPath.path(of: .step(packageID: packageID, stepID: id)))]
            }),
            .method(DBusMethod(
                "AddGroup",
                inputs: [DBusArgument("name", .string), DBusArgument("properties", .dictionary(key: .string, value: .variant)), DBusArgument("index", .int32)],
                outputs: [DBusArgument("group", .objectPath)]
            ) { model, call in
                let (bus, packageID, parentID) = parent(model)
                var properties = Dictionary(try ValueConversion.textProperties(call.arguments[1], argument: "properties"), uniquingKeysWith: { $1 })
                properties["Name"] = try call.argument("name", as: String.self)
                let id = try bus.service.addStep(
                    className: StepClass.group, properties: properties, packageID: packageID,
                    parentID: parentID, index: Int(try call.argument("index", as: Int32.self)), for: bus.caller(call.caller))
                return [.objectPath(ProviderPath.path(of: .step(packageID: packageID, stepID: id)))]
            }),
        ]
    }
}
