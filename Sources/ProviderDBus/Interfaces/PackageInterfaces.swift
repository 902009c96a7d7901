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
            if let property = PackageProperty.ownFields.first(where: { $0.rawValue.lowercased() == name.lowercased() }) {
                try apply(property, value, to: &package)
            } else if let definition = ExtendedPackageProperties.definition(named: name), ExtendedPackageProperties.isScalar(definition),
                      ExtendedPackageProperties.isWritable(definition) {
                // The scalar properties kept by name, from their text (TRUE or false, numbers).
                let enabledBefore = package.isEnabled
                guard package.setProperty(named: definition.name, to: value) == .assigned else {
                    throw ProviderError.validationFailed(property: definition.name, rule: "must be a \(definition.type), got '\(value)'")
                }
                if definition.name == "TsEnabled", package.isEnabled != enabledBefore { package.setEnabled(package.isEnabled) }
            } else {
                let writable = PackageProperty.ownFields.map(\.rawValue)
                    + ProviderService.writableExtendedProperties.filter(ExtendedPackageProperties.isScalar).map(\.name)
                throw ProviderError.unknownProperty(named: "\(name); writable package properties are \(writable.joined(separator: ", "))")
            }
        }
    }

    static func apply(_ property: PackageProperty, _ value: String, to package: inout PackageProperties) throws {
        if package.setProperty(named: property.rawValue, to: value) == .notANumber {
            throw ProviderError.validationFailed(property: property.rawValue, rule: "must be a number, got '\(value)'")
        }
    }

    func set(_ property: PackageProperty, _ value: DBusValue, _ context: CallerContext) throws {
        guard let text = ValueConversion.text(value) else { throw DBusError.invalidArgs("\(property.rawValue) takes a basic value") }
        try bus.service.updatePackage(packageID, for: bus.caller(context)) { try Self.apply(property, text, to: &$0) }
    }
}

extension Interfaces {
    /// `…SMS_TaskSequencePackage`: a package's properties (WMI names and meanings) and methods.
    static let package = DBusInterface<PackageModel>(InterfaceName.named("SMS_TaskSequencePackage"), doc: """
        A task sequence package, on /org/tsprovider/Provider1/SMS_TaskSequencePackage/{PackageID}, with the \
        properties of SMS_TaskSequencePackage and its base SMS_PackageBaseclass. Its sequence is the Sequence \
        child object (and GetSequence); its steps are under Steps/{StepID}.

        Reading needs Read on the package; writable properties and SetSequence need Modify, Delete needs Delete.
        """) {
        DBusProperty("PackageID", String.self, emitsChangedSignal: .const, doc: "The key: the site code and five hexadecimal digits, never reused.") { model, _ in model.packageID }
        for property in PackageProperty.ownFields {
            DBusProperty(
                property.rawValue, packagePropertyType(property), doc: packagePropertyDocumentation(property),
                get: { model, context in packagePropertyValue(property, try model.properties(context)) },
                set: { model, value, context in try model.set(property, value, context) }
            )
        }
        DBusProperty("Type", UInt32.self, doc: "Derived from the sequence: 2 for an operating system deployment, 1 for a generic task sequence.") { model, context in try model.properties(context).type }
        DBusProperty("TaskSequenceFlags", UInt32.self, doc: "Derived from the sequence: bit 0 (DANGLING_REF) is set when a step references a package this site does not define.") { model, context in try model.properties(context).taskSequenceFlags }
        DBusProperty("References", .array(.structure([.string, .string, .string])), doc: "The packages the sequence refers to, as (PackageID, program name, application); empty fields where a reference has none; derived from the steps on every save.") { model, context in
            .array(.structure([.string, .string, .string]), try model.properties(context).references.map {
                .structure([.string($0.package), .string($0.program), .string($0.application)])
            })
        }
        DBusProperty("ReferencesCount", UInt32.self, doc: "The number of References.") { model, context in try model.properties(context).referencesCount }
        DBusProperty("SourceVersion", UInt32.self, doc: "Grows by one with every change to the package; pass it to SetSequence to detect a concurrent change.") { model, context in try model.properties(context).sourceVersion }
        DBusProperty("SourceDate", String.self, doc: "When the package was last changed, as a CIM datetime.") { model, context in ValueConversion.cimDateTime(try model.properties(context).sourceDate) }
        DBusProperty("LastRefreshTime", String.self, doc: "When the package was last refreshed, as a CIM datetime.") { model, context in ValueConversion.cimDateTime(try model.properties(context).lastRefreshTime) }
        DBusProperty("SourceSite", String.self, doc: "The site that created the package.") { model, context in try model.properties(context).sourceSite }
        DBusProperty("PackageType", UInt32.self, emitsChangedSignal: .const, doc: "Always 4: a task sequence package.") { model, context in try model.properties(context).packageType }
        wholePackageProperties()
        wholePackageMethods()
        planMethods()
        historyMethods()
        stepTreeMethods()
        editMethods()
        DBusProperty("ImportWarnings", .array(.string), emitsChangedSignal: .false, doc: """
            What validation warned about when the sequence last came in whole (Import, ImportFd or SetSequence), one line \
            each as place, property and rule, e.g. group[1]/step[3] "Install": Description: length 300 exceeds AllowedLen \
            0-255. These are rules real ConfigMgr and MDT exports break, which an import keeps; empty when there were none.
            """) { model, context in
            let warnings = try model.resolvedImportWarnings ?? model.bus.service.importWarnings(packageID: model.packageID, for: model.bus.caller(context))
            return .array(.string, warnings.map(DBusValue.string))
        }
        DBusMethod(
            "GetSequence", outputs: [DBusArgument("xml", .string, doc: "The sequence element, secrets blanked.")],
            doc: "The package's sequence as XML, exactly as imported (unknown markup kept), with the current step and condition edits."
        ) { model, call in
            [.string(try model.bus.service.sequenceXML(packageID: model.packageID, for: model.bus.caller(call.caller)))]
        }
        DBusMethod(
            "SetSequence",
            inputs: [DBusArgument("xml", .string, doc: "The new sequence, in any format Import takes."),
                     DBusArgument("expected_source_version", .uint32, doc: "The SourceVersion the change is based on; 0 skips the check.")],
            outputs: [DBusArgument("source_version", .uint32, doc: "The package's new SourceVersion.")],
            doc: "Replaces the sequence and recomputes References, Type and TaskSequenceFlags. A SourceVersion other than expected fails with org.tsprovider.Provider1.Error.Conflict and changes nothing. A blank secret keeps the stored one. The new sequence is validated as an import: what it warned about replaces ImportWarnings."
        ) { model, call in
            let version = try model.bus.service.setSequence(
                packageID: model.packageID, xml: call.argument("xml", as: String.self),
                expectedSourceVersion: call.argument("expected_source_version", as: UInt32.self), for: model.bus.caller(call.caller))
            return [.uint32(version)]
        }
        DBusMethod(
            "Export", inputs: [DBusArgument("options", .dictionary(key: .string, value: .variant), doc: "format (s): package (the ConfigMgr 2007 SmsTaskSequencePackage wrapper, the default), sequence (the bare sequence element) or object (the ConfigMgr 2012 and later object.xml: CIM-XML with every property, the sequence in CDATA). layout (s): faithful (compact, as ConfigMgr writes it, the default) or canonical (package and sequence formats only: one element per line, indented by two spaces, so line diffs of snapshots are readable; it imports as the same sequence).")],
            outputs: [DBusArgument("xml", .string, doc: "The export, secrets blanked.")],
            doc: "The package as a file ConfigMgr imports. The zip format is binary: ExportData gives it; here it is InvalidArgs."
        ) { model, call in
            let format = try exportFormat(call.arguments[0], default: .package)
            guard format.isText else { throw DBusError.invalidArgs("format 'zip' is binary; call ExportData for it") }
            let canonical = try exportIsCanonical(call.arguments[0])
            return [.string(try model.bus.service.export(packageID: model.packageID, format: format, canonical: canonical, for: model.bus.caller(call.caller)))]
        }
        DBusMethod(
            "Validate",
            outputs: [DBusArgument("findings", .array(.dictionary(key: .string, value: .variant)), doc: "One dictionary per finding: Code (s, such as TS101), Rule (s, such as dangling-package-reference), Severity (s: error, warning or info) and Message (s); for a finding about a step also StepID (t), Name (s, the step name) and Path (s, such as group[1]/step[2]). See docs/lint.md for every code.")],
            doc: "Lints the sequence and returns what it finds, in document order: references to packages the site does not have, clear-text passwords, conditions on variables nothing sets or that can never be true, disabled steps, empty groups, duplicate sibling names, the 2 MB and 32 MB size budgets, and every import warning. Needs Read; changes nothing."
        ) { model, call in
            let findings = try model.bus.service.lint(packageID: model.packageID, for: model.bus.caller(call.caller))
            return [.array(.dictionary(key: .string, value: .variant), findings.map(LintConversion.finding))]
        }
        DBusMethod("Delete", doc: "Deletes the package with its sequence and the rights entries on it; needs Delete.") { model, call in
            try model.bus.service.deletePackage(model.packageID, for: model.bus.caller(call.caller))
            return []
        }
    }

    private static func packagePropertyDocumentation(_ property: PackageProperty) -> String {
        switch property {
        case .name: "The package's name (writable)."
        case .description: "A description (writable)."
        case .version: "The package's version text (writable)."
        case .manufacturer: "Who made it (writable)."
        case .language: "The package's language (writable)."
        case .category: "A category for the console (writable)."
        case .bootImageID: "The PackageID of the boot image the sequence runs in Windows PE (writable; also derived on import)."
        case .duration: "The expected run time in minutes (writable)."
        case .programFlags: "The SMS program flags; bit 0x1000 (DISABLED) disables the task sequence (writable)."
        case .dependentProgram: "The program to run first, as PackageID;;ProgramName (writable)."
        case .customProgressMessage: "The text the progress dialog shows (writable)."
        case .priority, .pkgFlags, .tsEnabled: "Kept by name, served with the other extended package properties (writable)."
        }
    }

    private static func packagePropertyType(_ property: PackageProperty) -> DBusType {
        property.isNumber ? .uint32 : .string
    }

    /// Where ``package``'s getter of a property takes its value from, for PackageID and the
    /// properties kept in the package's own fields: what a cached package can answer alone.
    enum PackageGetterSource {
        case packageID
        case field(PackageProperty)

        /// `nil` for the other properties (derived, extended or unknown ones).
        init?(_ property: String) {
            if property == "PackageID" {
                self = .packageID
            } else if let field = PackageProperty(rawValue: property), PackageProperty.ownFields.contains(field) {
                self = .field(field)
            } else {
                return nil
            }
        }
    }

    private static func packagePropertyValue(_ property: PackageProperty, _ package: PackageProperties) -> DBusValue {
        packagePropertyValue(property, text: property.text(in: package))
    }

    /// What ``package``'s getter of `property` returns when the property's text is `text`.
    static func packagePropertyValue(_ property: PackageProperty, text: String) -> DBusValue {
        property.isNumber ? .uint32(UInt32(text) ?? 0) : .string(text)
    }

    /// `…SMS_TaskSequence` on `/…/{PackageID}/Sequence`: the top of the step tree.
    static let sequence = DBusInterface<PackageModel>(InterfaceName.named("SMS_TaskSequence"), doc: """
        A package's sequence, on /org/tsprovider/Provider1/SMS_TaskSequencePackage/{PackageID}/Sequence: the \
        top-level steps and groups. It has its package's rights.
        """) {
        DBusProperty("SchemaVersion", String.self, doc: "The sequence's version attribute (3.00, 3.10…).") { model, context in
            try model.bus.service.schemaVersion(packageID: model.packageID, for: model.bus.caller(context))
        }
        DBusProperty("Steps", .array(.objectPath), doc: "The top-level steps and groups, in order.") { model, context in
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
                inputs: [
                    DBusArgument("class_name", .string, doc: "An action class of the catalog, e.g. SMS_TaskSequence_RunCommandLineAction (GetClass lists its properties)."),
                    DBusArgument("properties", .dictionary(key: .string, value: .variant), doc: "Name, Description, Enabled, ContinueOnError, SupportedEnvironment, Timeout and the class's own settings."),
                    DBusArgument("index", .int32, doc: "The position among this container's steps, 0 first; -1 appends. Anything outside -1…count is InvalidArgs."),
                ],
                outputs: [DBusArgument("step", .objectPath, doc: "The new step; its StepID never changes.")],
                doc: "Adds an action step, checked strictly against the catalog (ValidationFailed names the property and the rule); needs Modify on the package."
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
                inputs: [
                    DBusArgument("name", .string, doc: "The group's name."),
                    DBusArgument("properties", .dictionary(key: .string, value: .variant), doc: "Description, Enabled, ContinueOnError."),
                    DBusArgument("index", .int32, doc: "The position among this container's steps, 0 first; -1 appends. Anything outside -1…count is InvalidArgs."),
                ],
                outputs: [DBusArgument("group", .objectPath, doc: "The new group.")],
                doc: "Adds a group; needs Modify on the package."
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
