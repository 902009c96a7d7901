/// Why the catalog cannot build or change a step as asked.
public enum CatalogError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No class of that name.
    case unknownClass(String)
    /// The class exists but is not a concrete action (an abstract class, a condition class …).
    case notAnAction(String)
    /// The class has no such property, or it is not a setting (Name, Condition …).
    case unknownSetting(className: String, property: String)

    public var description: String {
        switch self {
        case .unknownClass(let name): "unknown class \(name); expected an action class such as SMS_TaskSequence_RunCommandLineAction"
        case .notAnAction(let name): "\(name) is not a concrete action class"
        case .unknownSetting(let className, let property): "\(className) has no setting \(property)"
        }
    }
}

extension ActionCatalog {
    /// A new step of action class `className`, written as ConfigMgr writes one: `type`, `name`,
    /// `description`, the class's default `runIn`, `successCodeList`, `retryCount` and
    /// `runFromNet` attributes; the `<action>` command line rendered from the class template;
    /// and the settings as `<variable>`s under their task sequence names, sorted by property as
    /// the console sorts them, `hidden` where ConfigMgr hides them.
    ///
    /// Properties with a default get it unless `settings` says otherwise. Settings are not
    /// validated here; call ``Step/validate(at:catalog:)`` for that.
    ///
    /// ```swift
    /// let step = try ActionCatalog.builtIn.makeStep(
    ///     ofClass: "SMS_TaskSequence_RunCommandLineAction", name: "Say hello",
    ///     settings: ["CommandLine": "cmd /c echo hello"])
    /// step.actionCommandLine   // "smsswd.exe /run: cmd /c echo hello"
    /// ```
    public func makeStep(
        ofClass className: String,
        name: String,
        description: String = "",
        settings: [String: String] = [:]
    ) throws(CatalogError) -> Step {
        let definition = try actionDefinition(className)
        var values: [(property: String, value: String)] = []
        for property in properties(of: definition.name) {
            guard case .variable = property.storage, let value = property.defaultValue,
                  !settings.keys.contains(where: { $0.equalsIgnoringCase(property.name) }) else { continue }
            values.append((property.name, value))
        }
        for (property, value) in settings {
            values.append((try settingName(property, in: definition.name), value))
        }
        values.sort { $0.property.lowercased() < $1.property.lowercased() }

        var step = Step.action(className: definition.name, name: name, description: description)
        var list = VariableList()
        for (property, value) in values {
            let (variableName, hidden) = variableForm(of: property, in: definition.name)
            list.entries.append(.variable(Variable(name: variableName, property: property, value: value, hidden: hidden)))
        }
        step.variables = list
        step.supportedEnvironment = definition.defaultEnvironment ?? SupportedEnvironment.winPEAndFullOS
        step.attributes["successCodeList"] = step.setting("SuccessCodes") ?? "0"
        step.attributes["retryCount"] = "0"
        step.attributes["runFromNet"] = "false"
        step.actionCommandLine = definition.commandLineTemplate?.render(for: step, definition: properties(of: definition.name)) ?? ""
        return step
    }

    /// The names of the settings (action properties written as `<variable>`s) of `className`,
    /// inherited ones first: what a client may pass to ``makeStep(ofClass:name:description:settings:)``.
    public func settingNames(of className: String) -> [String] {
        properties(of: className).compactMap { property in
            if case .variable = property.storage { property.name } else { nil }
        }
    }

    /// The property name `key` stands for in `className` (its canonical spelling), including
    /// flattened array members such as `Partitions0Type`.
    fileprivate func settingName(_ key: String, in className: String) throws(CatalogError) -> String {
        guard let resolved = resolve(property: key, inClass: className), case .variable = resolved.property.storage else {
            throw .unknownSetting(className: className, property: key)
        }
        return resolved.canonicalName
    }

    /// The canonical setting name a step's `variable` carries, however the file spells it.
    fileprivate func settingName(of variable: Variable, in className: String) -> String? {
        resolve(variable, inClass: className)?.canonicalName
    }

    /// The task sequence variable name and `hidden` flag ConfigMgr writes for `property`.
    fileprivate func variableForm(of property: String, in className: String) -> (name: String, hidden: Bool) {
        guard let resolved = resolve(property: property, inClass: className),
              let base = resolved.property.variableName else { return (property, false) }
        guard let element = resolved.element else { return (base, resolved.property.isHiddenInXML) }
        return (base + String(element) + (resolved.member?.name ?? ""), false)
    }

    fileprivate func actionDefinition(_ className: String) throws(CatalogError) -> ClassDefinition {
        guard let definition = self[className] else { throw .unknownClass(className) }
        guard definition.kind == .action, !definition.isAbstract else { throw .notAnAction(definition.name) }
        return definition
    }
}

extension Step {
    /// Changes settings of this action in place, as SetSettings does: a value sets the property
    /// (a new one is written under its task sequence variable name), `nil` removes it. Other
    /// variables, their order and foreign markup stay as they are. When something changed and
    /// ConfigMgr wrote the step, the `<action>` command line is rendered again from the class
    /// template; MDT's steps keep theirs (it runs MDT's script, not the template).
    ///
    /// CommandLine of a Run Command Line step that keeps its command only in `<action>` (MDT's
    /// steps, ``keepsCommandLineInAction``) is written back to `<action>` and no variable is
    /// added: the engine runs `<action>`, MDT never writes the variable, and a second copy
    /// could drift from the first. Removing it there leaves `<action>` as it is.
    public mutating func applySettings(_ changes: [String: String?], catalog: ActionCatalog = .builtIn) throws(CatalogError) {
        let definition = try catalog.actionDefinition(catalogClassName)
        var changes = changes
        let commandInAction = keepsCommandLineInAction
        if commandInAction, let key = changes.keys.first(where: { $0.equalsIgnoringCase("CommandLine") }) {
            if let command = changes[key] ?? nil { actionCommandLine = command }
            changes.removeValue(forKey: key)
        }
        var list = variables ?? VariableList()
        let before = list
        for (key, value) in changes.sorted(by: { $0.key < $1.key }) {
            let property = try catalog.settingName(key, in: definition.name)
            let carriesProperty = { (variable: Variable) in catalog.settingName(of: variable, in: definition.name) == property }
            if let value {
                if let index = list.entries.firstIndex(where: { if case .variable(let variable) = $0 { carriesProperty(variable) } else { false } }),
                   case .variable(var variable) = list.entries[index] {
                    variable.value = value
                    list.entries[index] = .variable(variable)
                } else {
                    let (variableName, hidden) = catalog.variableForm(of: property, in: definition.name)
                    list.entries.append(.variable(Variable(name: variableName, property: property, value: value, hidden: hidden)))
                }
            } else {
                list.entries.removeAll { if case .variable(let variable) = $0 { carriesProperty(variable) } else { false } }
            }
        }
        guard list != before else { return }
        variables = list
        // A command kept only in <action> is not rendered over from the template.
        if !looksWrittenByMDT, !commandInAction, let template = definition.commandLineTemplate {
            actionCommandLine = template.render(for: self, definition: catalog.properties(of: definition.name))
        }
    }
}

extension ResolvedProperty {
    /// The property name as the catalog spells it, with the index and member of a flattened
    /// array element (`Partitions0Type`).
    var canonicalName: String {
        guard let element else { return property.name }
        return property.name + String(element) + (member?.name ?? "")
    }
}
