/// One thing about a step that a diff reports and a merge carries over on its own: its name,
/// a flag, an attribute, one setting, its condition.
///
/// Child steps are not fields: they are steps of their own, matched and compared separately.
enum StepField: Hashable, Comparable {
    case name
    case description
    case enabled
    case continueOnError
    /// Another attribute of the element (`runIn`, `timeout` …), by its name as written.
    case attribute(String)
    /// One property value of `<defaultVarList>`, by lowercased WMI property name.
    case setting(String)
    case condition
    /// The resolved command line in `<action>`.
    case action

    /// Attributes with a field of their own, that say what the step is (`type`), or that only
    /// record the editor's view (`expand`: whether a group was open in the console).
    private static let ownAttributes: Set<String> = ["name", "description", "disable", "continueonerror", "type", "expand"]

    /// The name a person and the JSON see: `Name`, `ContinueOnError`, a WMI property name …
    func displayName(old: StepFieldValue?, new: StepFieldValue?) -> String {
        switch self {
        case .name: "Name"
        case .description: "Description"
        case .enabled: "Enabled"
        case .continueOnError: "ContinueOnError"
        case .attribute("runIn"): "SupportedEnvironment"
        case .attribute("timeout"): "Timeout"
        case .attribute(let name): name
        case .setting(let property):
            if case .variable(let variable)? = new ?? old { variable.property } else { property }
        case .condition: "Condition"
        case .action: "Action"
        }
    }

    /// Every field `step` has a value for.
    static func fields(of step: Step) -> [StepField: StepFieldValue] {
        var fields: [StepField: StepFieldValue] = [
            .name: .text(step.name),
            .description: .text(step.description),
            .enabled: .flag(step.isEnabled),
            .continueOnError: .flag(step.continueOnError),
        ]
        for attribute in step.attributes where !ownAttributes.contains(attribute.name.lowercased()) {
            fields[.attribute(attribute.name)] = .text(attribute.value)
        }
        for variable in step.variables?.variables ?? [] {
            fields[.setting(variable.property.lowercased())] = .variable(variable)
        }
        if let condition = step.condition { fields[.condition] = .condition(condition) }
        if let action = step.actionCommandLine { fields[.action] = .text(action) }
        return fields
    }

    /// Gives `step` this field's `value`; `nil` removes it.
    func apply(_ value: StepFieldValue?, to step: inout Step) {
        switch (self, value) {
        case (.name, .text(let text)?): step.name = text
        case (.name, _): step.name = ""
        case (.description, .text(let text)?): step.description = text
        case (.description, _): step.description = ""
        case (.enabled, .flag(let flag)?): step.isEnabled = flag
        case (.enabled, _): step.isEnabled = true
        case (.continueOnError, .flag(let flag)?): step.continueOnError = flag
        case (.continueOnError, _): step.continueOnError = false
        case (.attribute(let name), .text(let text)?): step.attributes[name] = text
        case (.attribute(let name), _): step.attributes[name] = nil
        case (.setting(let property), .variable(let variable)?):
            var list = step.variables ?? VariableList()
            if let index = list.entries.firstIndex(where: { $0.carries(property) }) {
                list.entries[index] = .variable(variable)
            } else {
                list.entries.append(.variable(variable))
            }
            step.variables = list
        case (.setting(let property), _):
            step.variables?.entries.removeAll { $0.carries(property) }
        case (.condition, .condition(let condition)?): step.condition = condition
        case (.condition, _): step.condition = nil
        case (.action, .text(let text)?): step.actionCommandLine = text
        case (.action, _): step.actionCommandLine = nil
        }
    }
}

/// A field's value; a field with no value is absent (`nil`).
enum StepFieldValue: Hashable {
    case text(String)
    case flag(Bool)
    case variable(Variable)
    case condition(Condition)

    /// The value as the diff shows it (secrets are kept out before this is asked).
    var shown: String {
        switch self {
        case .text(let text): text
        case .flag(let flag): flag ? "true" : "false"
        case .variable(let variable): variable.value
        case .condition(let condition): condition.text
        }
    }
}

extension VariableListEntry {
    /// Whether this entry is the variable carrying lowercased WMI property `property`.
    fileprivate func carries(_ property: String) -> Bool {
        if case .variable(let variable) = self { variable.property.lowercased() == property } else { false }
    }
}
