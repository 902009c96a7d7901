/// One `<variable>` element: a property value of an action, a condition expression or the
/// sequence's global variable list.
///
/// `name` is the task sequence variable the engine sets (`_SMSSWDProgramName`,
/// `OSDPartitions0Type`); `property` is the WMI property it carries (`ProgramName`,
/// `Partitions0Type`). Condition expressions write only `name`, which is then the property name.
public struct Variable: Sendable, Hashable, Codable {
    public var attributes: AttributeList
    public var value: String

    public init(attributes: AttributeList, value: String) {
        self.attributes = attributes
        self.value = value
    }

    /// A variable as ConfigMgr writes it: `name`, then `property`, then `hidden` when true.
    public init(name: String, property: String? = nil, value: String, hidden: Bool = false) {
        var attributes: AttributeList = ["name": name]
        if let property { attributes["property"] = property }
        if hidden { attributes["hidden"] = "true" }
        self.init(attributes: attributes, value: value)
    }

    public var name: String {
        get { attributes["name"] ?? "" }
        set { attributes["name"] = newValue }
    }

    /// The WMI property this variable carries; `name` when the file gives no `property`.
    public var property: String {
        get { attributes["property"] ?? name }
        set { attributes["property"] = newValue }
    }

    public var isHidden: Bool {
        get { attributes.flag("hidden") }
        set { attributes.setFlag("hidden", newValue) }
    }
}

/// An entry of a variable list: a variable, or markup the model keeps without interpreting.
public enum VariableListEntry: Sendable, Hashable, Codable {
    case variable(Variable)
    case foreign(Markup)
}

/// Which list element a ``VariableList`` is written as.
public enum VariableListKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// `<defaultVarList>`: an action's property values.
    case defaults = "defaultVarList"
    /// `<globalVarList>`: MDT's sequence-wide variables.
    case globals = "globalVarList"
}

/// A `<defaultVarList>` or `<globalVarList>`.
public struct VariableList: Sendable, Hashable, Codable {
    public var kind: VariableListKind
    public var attributes: AttributeList
    public var entries: [VariableListEntry]

    public init(kind: VariableListKind = .defaults, attributes: AttributeList = [:], entries: [VariableListEntry] = []) {
        self.kind = kind
        self.attributes = attributes
        self.entries = entries
    }

    public init(kind: VariableListKind = .defaults, variables: [Variable]) {
        self.init(kind: kind, entries: variables.map(VariableListEntry.variable))
    }

    /// The variables in document order (foreign entries left out).
    public var variables: [Variable] {
        // Room for every entry at once (nearly all are variables): growing the array as it
        // filled was a tenth of checking a step's settings.
        var variables: [Variable] = []
        variables.reserveCapacity(entries.count)
        for case .variable(let variable) in entries { variables.append(variable) }
        return variables
    }

    /// The variable carrying WMI property `property` (case-insensitive, as WMI names are).
    public func variable(forProperty property: String) -> Variable? {
        variables.first { $0.property.equalsIgnoringCase(property) }
    }

    /// The value of WMI property `property`, if the list carries it.
    public func value(forProperty property: String) -> String? {
        variable(forProperty: property)?.value
    }

    /// Sets the value of a property in place, or appends a new variable for it.
    ///
    /// - Parameters:
    ///   - variableName: the task sequence variable name to write when the property is new
    ///     (defaults to the property name).
    ///   - hidden: written when the property is new.
    public mutating func setValue(_ value: String, forProperty property: String, variableName: String? = nil, hidden: Bool = false) {
        for index in entries.indices {
            if case .variable(var variable) = entries[index],
               variable.property.equalsIgnoringCase(property) {
                variable.value = value
                entries[index] = .variable(variable)
                return
            }
        }
        let name = variableName ?? property
        entries.append(.variable(Variable(name: name, property: property, value: value, hidden: hidden)))
    }

    /// Removes the variable carrying `property`; returns whether there was one.
    @discardableResult
    public mutating func removeValue(forProperty property: String) -> Bool {
        let before = entries.count
        entries.removeAll {
            if case .variable(let variable) = $0 { variable.property.equalsIgnoringCase(property) } else { false }
        }
        return entries.count != before
    }
}
