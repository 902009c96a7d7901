import DBusKit
import Foundation
import ProviderCore
import TaskSequenceModel

/// The package members issue 12 added: every other SMS_TaskSequencePackage property, Enable and
/// Disable, and binary exports.
extension Interfaces {
    /// The properties kept by name, typed for D-Bus: `s`, `u`, `b`, `ay` (Icon, ExtendedData,
    /// ISVData), `as`, `a(ssss)` (SupportedOperatingSystems), `aa{ss}` (RefreshSchedule).
    static func wholePackageProperties() -> [DBusInterfaceMember<PackageModel>] {
        var members: [DBusInterfaceMember<PackageModel>] = ExtendedPackageProperties.definitions.map { definition in
            let name = definition.name
            let type = packageValueType(definition)
            let doc = wholePackageDocumentation(definition)
            let get: @Sendable (PackageModel, CallerContext) throws -> DBusValue = { model, context in
                let properties = try model.properties(context)
                return packageDBusValue(properties.value(of: name) ?? ExtendedPackageProperties.defaultValue(of: definition), definition)
            }
            guard ExtendedPackageProperties.isWritable(definition) else { return .property(DBusProperty(name, type, doc: doc, get: get)) }
            return .property(DBusProperty(name, type, doc: doc, get: get, set: { model, value, context in
                let packageValue = try packageValue(value, definition)
                try model.bus.service.updatePackage(model.packageID, for: model.bus.caller(context)) { properties in
                    if name == "TsEnabled", case .boolean(let enabled) = packageValue {
                        properties.setEnabled(enabled)
                    } else {
                        properties.setValue(packageValue, of: name)
                    }
                }
            }))
        }
        members.append(.property(DBusProperty("IconSize", UInt32.self, doc: "The size of Icon in bytes; it follows Icon (an empty Icon clears both).") { model, context in
            try model.properties(context).iconSize
        }))
        return members
    }

    /// Enable, Disable and ExportData on a package.
    static func wholePackageMethods() -> [DBusInterfaceMember<PackageModel>] {
        [
            .method(DBusMethod("Enable", doc: "Lets the task sequence run, as Enable-CMTaskSequence: TsEnabled becomes true and ProgramFlags bit 0x1000 (DISABLED) is cleared. Needs Modify; an enabled package stays unchanged.") { model, call in
                try model.bus.service.setPackageEnabled(model.packageID, true, for: model.bus.caller(call.caller))
                return []
            }),
            .method(DBusMethod("Disable", doc: "Stops the task sequence from running, as Disable-CMTaskSequence: TsEnabled becomes false and ProgramFlags bit 0x1000 (DISABLED) is set. Needs Modify; a disabled package stays unchanged.") { model, call in
                try model.bus.service.setPackageEnabled(model.packageID, false, for: model.bus.caller(call.caller))
                return []
            }),
            .method(DBusMethod(
                "ExportData", inputs: [DBusArgument("options", .dictionary(key: .string, value: .variant), doc: "format (s): zip (the default; the Export-CMTaskSequence archive holding SMS_TaskSequencePackage/PackageID/object.xml), object, package or sequence (their UTF-8 text).")],
                outputs: [DBusArgument("data", .array(.byte), doc: "The export's bytes, secrets blanked.")],
                doc: "The package as a file current ConfigMgr imports, as bytes: what Export gives for text formats, and the zip, which is binary. Needs Read."
            ) { model, call in
                let format = try exportFormat(call.arguments[0], default: .zip)
                return [.bytes([UInt8](try model.bus.service.exportData(packageIDs: [model.packageID], format: format, for: model.bus.caller(call.caller))))]
            }),
        ]
    }

    /// ExportData on the package class: several packages in one zip.
    static func packageClassExportMethods() -> [DBusInterfaceMember<ClassModel>] {
        [
            .method(DBusMethod(
                "ExportData",
                inputs: [DBusArgument("package_ids", .array(.string), doc: "The PackageIDs to export, in order; a repeated one is written once."),
                         DBusArgument("options", .dictionary(key: .string, value: .variant), doc: "format (s): zip (the default) puts every package in one archive, as Export-CMTaskSequence does with several; object, package and sequence take exactly one PackageID.")],
                outputs: [DBusArgument("data", .array(.byte), doc: "The export's bytes, secrets blanked.")],
                doc: "Exports packages as one file. Needs Read on every package; a missing or unreadable one is NotFound and nothing is exported."
            ) { model, call in
                let format = try exportFormat(call.arguments[1], default: .zip)
                let ids = try call.argument("package_ids", as: [String].self)
                return [.bytes([UInt8](try model.bus.service.exportData(packageIDs: ids, format: format, for: model.bus.caller(call.caller))))]
            }),
        ]
    }

    /// The `format` option of Export and ExportData; other options are InvalidArgs.
    static func exportFormat(_ options: DBusValue, default fallback: ExportFormat) throws -> ExportFormat {
        let settings = Dictionary(try ValueConversion.textProperties(options, argument: "options").map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { $1 })
        if let unknown = settings.keys.first(where: { $0 != "format" && $0 != "layout" }) { throw DBusError.invalidArgs("unknown export option '\(unknown)'; known: format, layout") }
        guard let text = settings["format"] else { return fallback }
        guard let format = ExportFormat(rawValue: text.lowercased()) else {
            throw DBusError.invalidArgs("format '\(text)' is not one of \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return format
    }

    /// The `layout` export option: `faithful` (compact, as ConfigMgr writes it; the default)
    /// or `canonical` (one element per line, indented). Only Export takes canonical.
    static func exportIsCanonical(_ options: DBusValue) throws -> Bool {
        let settings = Dictionary(try ValueConversion.textProperties(options, argument: "options").map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { $1 })
        switch settings["layout"]?.lowercased() {
        case nil, "faithful": return false
        case "canonical": return true
        case let other?: throw DBusError.invalidArgs("layout '\(other)' is not one of faithful, canonical")
        }
    }

    static func packageValueType(_ definition: PropertyDefinition) -> DBusType {
        switch ExtendedPackageProperties.kind(of: definition) {
        case .text, .dateTime: .string
        case .number: .uint32
        case .boolean: .boolean
        case .bytes: .array(.byte)
        case .texts: .array(.string)
        case .objects:
            definition.type.objectClassName == OperatingSystemDetails.className
                ? .array(.structure([.string, .string, .string, .string]))
                : .array(.dictionary(key: .string, value: .string))
        }
    }

    /// The key of an `aa{ss}` object entry that names its class.
    static let embeddedClassKey = "__CLASS"

    static func packageDBusValue(_ value: PackageValue, _ definition: PropertyDefinition) -> DBusValue {
        switch value {
        case .text(let text): return .string(text)
        case .number(let number): return .uint32(number)
        case .boolean(let flag): return .boolean(flag)
        case .dateTime(let seconds): return .string(ValueConversion.cimDateTime(seconds))
        case .bytes(let bytes): return .bytes(bytes)
        case .texts(let texts): return .array(.string, texts.map(DBusValue.string))
        case .objects(let objects):
            let type = packageValueType(definition)
            guard case .array(let element) = type else { return .array(.string, []) }
            if definition.type.objectClassName == OperatingSystemDetails.className {
                return .array(element, objects.map(OperatingSystemDetails.init).map {
                    .structure([.string($0.maxVersion), .string($0.minVersion), .string($0.name), .string($0.platform)])
                })
            }
            return .array(element, objects.map { object in
                .dictionary(key: .string, value: .string, [DBusDictionaryEntry(key: .string(embeddedClassKey), value: .string(object.className))]
                    + object.properties.compactMap { field in field.value.map { DBusDictionaryEntry(key: .string(field.name), value: .string($0)) } })
            })
        }
    }

    /// A written D-Bus value (already checked against the property's type) as the model's value.
    static func packageValue(_ value: DBusValue, _ definition: PropertyDefinition) throws -> PackageValue {
        let value = value.unwrappingVariant
        switch (ExtendedPackageProperties.kind(of: definition), value) {
        case (.text, .string(let text)): return .text(text)
        case (.number, .uint32(let number)): return .number(number)
        case (.boolean, .boolean(let flag)): return .boolean(flag)
        case (.bytes, .bytes(let bytes)): return .bytes(bytes)
        case (.bytes, .array(.byte, let items)):
            return .bytes(items.compactMap { if case .byte(let byte) = $0 { byte } else { nil } })
        case (.texts, .array(_, let items)):
            return .texts(items.compactMap { if case .string(let text) = $0 { text } else { nil } })
        case (.objects, .array(_, let items)) where definition.type.objectClassName == OperatingSystemDetails.className:
            return .objects(try items.map { item in
                guard case .structure(let fields) = item, fields.count == 4 else { throw DBusError.invalidArgs("\(definition.name) takes a(ssss)") }
                let texts = fields.map { if case .string(let text) = $0 { text } else { "" } }
                return OperatingSystemDetails(maxVersion: texts[0], minVersion: texts[1], name: texts[2], platform: texts[3]).instance
            })
        case (.objects, .array(_, let items)):
            return .objects(try items.map { item in
                guard let entries = item.stringKeyedEntries, let className = entries[embeddedClassKey].flatMap(ValueConversion.text) else {
                    throw DBusError.invalidArgs("\(definition.name) takes aa{ss}, each with \(embeddedClassKey) naming the schedule token class")
                }
                let fields = entries.filter { $0.key != embeddedClassKey }.sorted { $0.key < $1.key }
                    .map { EmbeddedInstance.Property(name: $0.key, value: ValueConversion.text($0.value)) }
                return EmbeddedInstance(className: className, properties: fields)
            })
        default:
            throw DBusError.invalidArgs("\(definition.name) takes \(packageValueType(definition).signature)")
        }
    }

    private static func wholePackageDocumentation(_ definition: PropertyDefinition) -> String {
        let access = ExtendedPackageProperties.isWritable(definition) ? "writable" : "read-only"
        let specific: String = switch definition.name {
        case "Icon": "The package icon file (PNG or ICO bytes); writing it sets IconSize, an empty array clears it."
        case "SupportedOperatingSystems": "The platforms the sequence may run on, as SMS_OS_Details (MaxVersion, MinVersion, Name, Platform); every entry needs a Platform."
        case "RefreshSchedule": "The distribution point refresh schedule: one dictionary per SMS_ScheduleToken, its class under __CLASS, its properties as text."
        case "TsEnabled": "Whether the task sequence may run; writing it, Enable and Disable keep ProgramFlags bit 0x1000 (DISABLED) in step."
        case "PkgFlags": "Package flag bits (0x01000000 DO_NOT_DOWNLOAD, 0x02000000 PERSIST_IN_CACHE, 0x10000000 NO_PACKAGE, 0x40000000 DISTRIBUTE_ON_DEMAND and others)."
        case "Priority": "The send priority (as SMS_Advertisement.Priority)."
        case "SecuredScopeNames": "The security scopes the package belongs to, as imported."
        case "SedoObjectVersion": "The optimistic-concurrency version the exporting site gave it, as imported."
        case "ShareType": "1 SHARE_COMMON (the default) or 2 SHARE_SPECIFIC."
        case "PkgSourceFlag": "0 STORAGE_NEEDS_SPECIFYING, 1 STORAGE_NO_SOURCE (the default), 2 STORAGE_DIRECT, 3 STORAGE_COMPRESS, 4 STORAGE_LOCAL."
        case "ExtendedDataSize", "ISVDataSize": "The size of \(definition.name.dropLast(4)) in bytes; it follows that property."
        default: definition.provenance == .corpus
            ? "A current-branch property every exported object.xml carries (not on the SDK page); kept as imported."
            : "The SMS_PackageBaseclass or SMS_TaskSequencePackage property of this name; kept as imported and exported in object.xml."
        }
        return "\(specific) (\(access))"
    }
}
