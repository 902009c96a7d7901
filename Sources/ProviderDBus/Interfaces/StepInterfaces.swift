import DBusKit
import ProviderCore
import TaskSequenceModel

extension StepModel {
    func info(_ context: CallerContext) throws -> StoredStepInfo {
        // Objects are resolved per call, so what the resolver read is current for this call.
        try resolved ?? bus.service.step(stepID, packageID: packageID, for: bus.caller(context))
    }

    func set(_ property: StepProperty, _ value: DBusValue, _ context: CallerContext) throws {
        guard let text = ValueConversion.text(value) else { throw DBusError.invalidArgs("\(property.rawValue) takes a basic value") }
        try bus.service.setStepProperty(property.rawValue, to: text, stepID: stepID, packageID: packageID, for: bus.caller(context))
    }

    /// Where a step's `parent` argument points: the sequence (`nil`) or a group of the same package.
    func parentID(from path: ObjectPath) throws -> Int64? {
        switch ProviderPath(path) {
        case .object(.sequence(let id))? where id == packageID: return nil
        case .object(.step(let id, let stepID))? where id == packageID: return stepID
        default:
            throw DBusError.invalidArgs("parent \(path) is not this package's sequence or one of its groups")
        }
    }
}

extension Interfaces {
    /// `…SMS_TaskSequence_Step` on every step and group.
    static let step = DBusInterface<StepModel>(InterfaceName.named("SMS_TaskSequence_Step"), doc: """
        A step or group of a sequence, on /org/tsprovider/Provider1/SMS_TaskSequencePackage/{PackageID}/Steps/{StepID}. \
        The StepID never changes, wherever the step moves. Every step also has SMS_TaskSequence_Group or \
        SMS_TaskSequence_Action. Reading needs Read on the package, every change Modify.
        """) {
        DBusProperty("Name", .string, doc: "The step's name (1–255 characters, writable).", get: { model, context in .string(try model.info(context).name) },
                     set: { model, value, context in try model.set(.name, value, context) })
        DBusProperty("Description", .string, doc: "A description (writable).", get: { model, context in .string(try model.info(context).description) },
                     set: { model, value, context in try model.set(.description, value, context) })
        DBusProperty("Enabled", .boolean, doc: "Whether the step runs (the XML's disable attribute, inverted; writable).", get: { model, context in .boolean(try model.info(context).enabled) },
                     set: { model, value, context in try model.set(.enabled, value, context) })
        DBusProperty("ContinueOnError", .boolean, doc: "Whether the sequence goes on when the step fails (writable).", get: { model, context in .boolean(try model.info(context).continueOnError) },
                     set: { model, value, context in try model.set(.continueOnError, value, context) })
        DBusProperty("ClassName", String.self, emitsChangedSignal: .const, doc: "The step's class: SMS_TaskSequence_Group or an action class.") { model, context in
            try model.info(context).className
        }
        DBusProperty("Parent", ObjectPath.self, doc: "The group holding the step, or the package's Sequence object.") { model, context in
            let info = try model.info(context)
            return ProviderPath.path(of: info.parentID.map { .step(packageID: model.packageID, stepID: $0) } ?? .sequence(packageID: model.packageID))
        }
        DBusProperty("Index", UInt32.self, doc: "The step's position in its parent, 0 first.") { model, context in
            if let index = model.tree?.index[model.stepID] { return UInt32(clamping: index) }
            return UInt32(clamping: try model.bus.service.stepIndex(model.stepID, packageID: model.packageID, for: model.bus.caller(context)))
        }
        DBusProperty("Condition", ObjectPath.self, doc: "The step's condition object, or / when it has none.") { model, context in
            try model.info(context).hasCondition ? ProviderPath.path(of: .condition(packageID: model.packageID, stepID: model.stepID)) : ObjectPath.root
        }
        DBusMethod(
            "MoveTo",
            inputs: [DBusArgument("parent", .objectPath, doc: "The package's Sequence object or one of its groups (not the step itself or a group inside it)."),
                     DBusArgument("index", .int32, doc: "The position in the new parent, 0 first; -1 appends. Anything outside -1…count is InvalidArgs.")],
            doc: "Moves the step, with its children, within its package; its StepID and those below it stay."
        ) { model, call in
            let parent = try model.parentID(from: call.argument("parent", as: ObjectPath.self))
            try model.bus.service.moveStep(model.stepID, packageID: model.packageID, toParent: parent,
                                           index: Int(try call.argument("index", as: Int32.self)), for: model.bus.caller(call.caller))
            return []
        }
        DBusMethod("Delete", doc: "Deletes the step; a group goes with everything in it.") { model, call in
            try model.bus.service.deleteStep(model.stepID, packageID: model.packageID, for: model.bus.caller(call.caller))
            return []
        }
        stepCopyMethod()
        stepSetPropertiesMethod()
    }

    /// `…SMS_TaskSequence_Group` on groups: their steps.
    static let group = DBusInterface<StepModel>(InterfaceName.named("SMS_TaskSequence_Group"), doc: """
        A group of steps: the steps inside it and how to add more. A group's condition and Enabled apply to \
        everything in it.
        """) {
        DBusProperty("Steps", .array(.objectPath), doc: "The steps and groups inside, in order.") { model, context in
            if let tree = model.tree { return stepPaths(model.packageID, tree.children[model.stepID] ?? []) }
            return stepPaths(model.packageID, try model.bus.service.childStepIDs(packageID: model.packageID, parentID: model.stepID, for: model.bus.caller(context)))
        }
        addStepMethods(parent: { (model: StepModel) in (model.bus, model.packageID, model.stepID) })
    }

    /// `…SMS_TaskSequence_Action` on actions: environment, time-out and the action's own settings.
    static let action = DBusInterface<StepModel>(InterfaceName.named("SMS_TaskSequence_Action"), doc: """
        An action step: what it runs and where. Its class's own properties (GetClass lists them) are its Settings.
        """) {
        DBusProperty("SupportedEnvironment", .string, doc: "Where it may run: WinPE, FullOS or WinPEandFullOS (writable).", get: { model, context in .string(try model.info(context).supportedEnvironment) },
                     set: { model, value, context in try model.set(.supportedEnvironment, value, context) })
        DBusProperty("Timeout", .uint32, doc: "The time-out in seconds; 0 when none is set (writable).", get: { model, context in .uint32(try model.info(context).timeout) },
                     set: { model, value, context in try model.set(.timeout, value, context) })
        DBusProperty(
            "Settings", .dictionary(key: .string, value: .variant),
            doc: "The action class's own properties, typed by the class schema; secrets blank. Setting it replaces them all (left-out settings are removed; a blank secret keeps the stored one).",
            get: { model, context in try settingsValue(model, context) },
            set: { model, value, context in try applySettings(model, value, context, replacing: true) }
        )
        DBusProperty("ActionCommandLine", String.self, doc: "The command line the task sequence engine runs for this step (the action element of its XML).") { model, context in try model.info(context).actionCommandLine }
        DBusMethod(
            "SetSettings",
            inputs: [DBusArgument("changes", .dictionary(key: .string, value: .variant), doc: "Settings to change by name; others stay.")],
            doc: "Changes some settings, each checked against the class's schema (ValidationFailed names the property and the rule)."
        ) { model, call in
            try applySettings(model, call.arguments[0], call.caller, replacing: false)
            return []
        }
    }

    /// The settings as `a{sv}`, typed by the catalog; secrets blank.
    private static func settingsValue(_ model: StepModel, _ context: CallerContext) throws -> DBusValue {
        let caller = try model.bus.caller(context)
        let className = try model.info(context).className
        var values: [String: DBusValue] = [:]
        let settings = try model.tree.map { $0.settings[model.stepID] ?? [] }
            ?? model.bus.service.stepSettings(model.stepID, packageID: model.packageID, for: caller)
        // The class's properties once; stored settings use the catalog's spelling, so an exact
        // match usually answers without the catalog's case-folding lookup (a Get's hot path).
        let properties = ActionCatalog.builtIn.properties(of: className)
        for (property, value) in settings {
            let definition = properties.first { $0.name == property } ?? ActionCatalog.builtIn.property(property, of: className)
            values[property] = ValueConversion.value(value, cimType: definition?.type)
        }
        return .stringVariantDictionary(values)
    }

    /// `SetSettings` changes the named settings; writing the `Settings` property replaces them
    /// all (settings left out are removed). A blank secret keeps the stored one.
    private static func applySettings(_ model: StepModel, _ value: DBusValue, _ context: CallerContext, replacing: Bool) throws {
        let caller = try model.bus.caller(context)
        var changes: [String: String?] = [:]
        for (name, text) in try ValueConversion.textProperties(value, argument: replacing ? "Settings" : "changes") { changes[name] = text }
        if replacing {
            for (property, _) in try model.bus.service.stepSettings(model.stepID, packageID: model.packageID, for: caller)
            where !changes.keys.contains(where: { $0.lowercased() == property.lowercased() }) {
                changes[property] = .some(nil)
            }
        }
        try model.bus.service.setStepSettings(changes, stepID: model.stepID, packageID: model.packageID, for: caller)
    }
}
