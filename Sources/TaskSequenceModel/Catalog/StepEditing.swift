/// Why a step property could not be set.
public enum StepEditError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The catalog has no such step class.
    case unknownClass(String)
    /// The class has no such property.
    case unknownProperty(property: String, className: String)
    /// The property is not a single value (embedded objects, child steps, conditions).
    case notSettable(property: String, className: String)
    /// The value does not fit the property's CIM type.
    case wrongType(property: String, expected: String, value: String)

    public var description: String {
        switch self {
        case .unknownClass(let name): "unknown step class \(name)"
        case .unknownProperty(let property, let className): "\(className) has no property \(property)"
        case .notSettable(let property, let className): "\(className).\(property) is not a single value and cannot be set here"
        case .wrongType(let property, let expected, let value): "\(property) must be \(expected), got '\(value)'"
        }
    }
}

extension ActionCatalog {
    /// A new step of `className` written as ConfigMgr writes one: `type`, `name`, `description`
    /// attributes; the given properties plus every property with a default, as variables sorted
    /// by property name; and the `<action>` command line rendered from the class's template.
    ///
    /// Validate the result (``Step/validate(at:catalog:)``) before saving it: this only places values.
    public func makeStep(className: String, properties: [String: String]) throws(StepEditError) -> Step {
        guard let definition = self[className], definition.kind != .group else {
            if className.equalsIgnoringCase(StepClass.group) { return try makeGroup(properties: properties) }
            throw .unknownClass(className)
        }
        var step = Step.action(className: definition.name, name: "")
        var variables = VariableList()
        let given = Dictionary(properties.map { ($0.key.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        for property in self.properties(of: definition.name).sorted(by: { $0.name.lowercased() < $1.name.lowercased() }) {
            let value = given[property.name.lowercased()]?.value ?? property.defaultValue
            guard let value, case .variable(let variableName) = property.storage else { continue }
            try Self.checkType(property, value)
            variables.entries.append(.variable(Variable(name: variableName, property: property.name, value: value, hidden: property.isHiddenInXML)))
        }
        step.variables = variables
        for (name, value) in properties {
            guard let property = property(name, of: definition.name) else { throw .unknownProperty(property: name, className: definition.name) }
            if case .attribute = property.storage { try setProperty(property.name, to: value, on: &step) }
        }
        renderCommandLine(of: &step)
        return step
    }

    /// A new group, with `Name`, `Description`, `Enabled`, `ContinueOnError` from `properties`.
    public func makeGroup(properties: [String: String]) throws(StepEditError) -> Step {
        var group = Step.group(name: "")
        for (name, value) in properties { try setProperty(name, to: value, on: &group) }
        return group
    }

    /// Sets one property of a step where the class keeps it — an attribute (`Name`, `Enabled`,
    /// `SupportedEnvironment` …) or a `<variable>` of its settings — and renders the command line
    /// again. `nil` removes the value.
    public func setProperty(_ name: String, to value: String?, on step: inout Step) throws(StepEditError) {
        guard contains(step.className) || step.kind == .group else { throw .unknownClass(step.className) }
        let className = step.kind == .group ? StepClass.group : step.className
        guard let property = property(name, of: className) else { throw .unknownProperty(property: name, className: className) }
        if let value { try Self.checkType(property, value) }
        switch property.storage {
        case .attribute(let attribute, let inverted) where property.type == .boolean:
            guard let value else {
                step.attributes[attribute] = nil
                return
            }
            let flag = Bool(caseInsensitive: value) ?? false
            step.attributes.setFlag(attribute, inverted ? !flag : flag)
        case .attribute(let attribute, _):
            step.attributes[attribute] = value
        case .variable(let variableName):
            var variables = step.variables ?? VariableList()
            if let value {
                variables.setValue(value, forProperty: property.name, variableName: variableName, hidden: property.isHiddenInXML)
            } else {
                variables.removeValue(forProperty: property.name)
            }
            step.variables = variables
            renderCommandLine(of: &step)
        case .automatic, .children:
            throw .notSettable(property: property.name, className: className)
        }
    }

    /// Renders the `<action>` text from the class's command-line template and the step's
    /// settings; leaves it alone for classes without a template.
    public func renderCommandLine(of step: inout Step) {
        guard let template = self[step.className]?.commandLineTemplate else { return }
        step.actionCommandLine = template.render(for: step, definition: properties(of: step.className))
    }

    private static func checkType(_ property: PropertyDefinition, _ value: String) throws(StepEditError) {
        guard property.type.accepts(value) else {
            throw .wrongType(property: property.name, expected: property.type.description, value: value)
        }
    }
}
