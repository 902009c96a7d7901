/// Which element a step is written as.
public enum StepKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// `<group>`: SMS_TaskSequence_Group.
    case group
    /// `<step>`: an action, typed by its `type` attribute (MDT custom steps may have none).
    case step
    /// `<subtasksequence>`: Run Task Sequence (SMS_TaskSequence_SubTasksequence).
    case subTaskSequence = "subtasksequence"
}

/// A step of a task sequence: a group or an action.
///
/// The typed properties (``name``, ``isEnabled``, ``className`` …) read and write the element's
/// attributes and children in place, so a step edited through them still writes the rest of its
/// XML exactly as it was read.
public struct Step: Sendable, Hashable, Codable, StepContainer {
    public var kind: StepKind
    public var attributes: AttributeList
    public var children: [SequenceNode]

    public init(kind: StepKind, attributes: AttributeList = [:], children: [SequenceNode] = []) {
        self.kind = kind
        self.attributes = attributes
        self.children = children
    }

    /// A new group, written as ConfigMgr writes one.
    public static func group(name: String, description: String = "", steps: [Step] = []) -> Step {
        var attributes: AttributeList = ["name": name]
        attributes["description"] = description
        return Step(kind: .group, attributes: attributes, children: steps.map(SequenceNode.step))
    }

    /// A new action step of WMI class `className`, written as ConfigMgr writes one.
    public static func action(
        className: String,
        name: String,
        description: String = "",
        commandLine: String = "",
        variables: [Variable] = []
    ) -> Step {
        var attributes: AttributeList = ["type": className]
        attributes["name"] = name
        attributes["description"] = description
        let kind: StepKind = className == StepClass.subTaskSequence ? .subTaskSequence : .step
        return Step(
            kind: kind,
            attributes: attributes,
            children: [.action(ActionElement(text: commandLine)), .variables(VariableList(variables: variables))]
        )
    }

    public var isGroup: Bool { kind == .group }

    /// The WMI class: `SMS_TaskSequence_Group` for groups, the `type` attribute for actions,
    /// ``StepClass/untypedMDTStep`` for MDT steps written without one.
    public var className: String {
        switch kind {
        case .group: StepClass.group
        case .subTaskSequence: attributes["type"] ?? StepClass.subTaskSequence
        case .step: attributes["type"] ?? StepClass.untypedMDTStep
        }
    }

    /// The `type` attribute as written (`nil` for untyped MDT steps and for groups).
    public var type: String? {
        get { attributes["type"] }
        set { attributes["type"] = newValue }
    }

    public var name: String {
        get { attributes["name"] ?? "" }
        set { attributes["name"] = newValue }
    }

    public var description: String {
        get { attributes["description"] ?? "" }
        set { attributes["description"] = newValue }
    }

    /// `false` when the step is written with `disable="true"`.
    public var isEnabled: Bool {
        get { !attributes.flag("disable") }
        set { setFlag("disable", !newValue, companion: "continueOnError") }
    }

    public var continueOnError: Bool {
        get { attributes.flag("continueOnError") }
        set { setFlag("continueOnError", newValue, companion: "disable") }
    }

    /// MDT writes both `disable` and `continueOnError` on every step; ConfigMgr writes each
    /// only when it is true. A flag turned off goes away on a step written ConfigMgr's way (its
    /// companion absent), so a re-enabled ConfigMgr step does not start looking MDT-written.
    private mutating func setFlag(_ name: String, _ value: Bool, companion: String) {
        if !value, attributes[companion] == nil {
            attributes[name] = nil
        } else {
            attributes.setFlag(name, value)
        }
    }

    /// SupportedEnvironment, written as `runIn`; `nil` when the file leaves it out.
    public var supportedEnvironment: String? {
        get { attributes["runIn"] }
        set { attributes["runIn"] = newValue }
    }

    /// The step's time-out in seconds (`timeout` attribute), if set.
    public var timeout: UInt32? {
        get { attributes["timeout"].flatMap { UInt32($0) } }
        set { attributes["timeout"] = newValue.map(String.init) }
    }

    /// The resolved command line in `<action>`, if the step has that element.
    public var actionCommandLine: String? {
        get {
            for case .action(let action) in children { return action.text }
            return nil
        }
        set {
            if let index = children.firstIndex(where: { if case .action = $0 { true } else { false } }) {
                if let newValue {
                    guard case .action(var action) = children[index] else { return }
                    action.text = newValue
                    children[index] = .action(action)
                } else {
                    children.remove(at: index)
                }
            } else if let newValue {
                children.insert(.action(ActionElement(text: newValue)), at: 0)
            }
        }
    }

    /// The step's `<defaultVarList>`: the action's property values.
    public var variables: VariableList? {
        get {
            for case .variables(let list) in children where list.kind == .defaults { return list }
            return nil
        }
        set {
            let index = children.firstIndex { if case .variables(let list) = $0, list.kind == .defaults { true } else { false } }
            switch (index, newValue) {
            case (let index?, let list?): children[index] = .variables(list)
            case (let index?, nil): children.remove(at: index)
            case (nil, let list?):
                let after = children.firstIndex { if case .action = $0 { true } else { false } }
                children.insert(.variables(list), at: after.map { $0 + 1 } ?? children.endIndex)
            case (nil, nil): break
            }
        }
    }

    /// The value of an action property (`CommandLine`, `PackageID` …), case-insensitive.
    public func setting(_ property: String) -> String? {
        variables?.value(forProperty: property)
    }

    /// The step's `<condition>`, if any.
    public var condition: Condition? {
        get {
            for case .condition(let condition) in children { return condition }
            return nil
        }
        set {
            let index = children.firstIndex { if case .condition = $0 { true } else { false } }
            switch (index, newValue) {
            case (let index?, let condition?): children[index] = .condition(condition)
            case (let index?, nil): children.remove(at: index)
            case (nil, let condition?):
                // ConfigMgr writes the condition first inside a group, after the variables in a step.
                let position = isGroup ? 0 : children.endIndex
                children.insert(.condition(condition), at: position)
            case (nil, nil): break
            }
        }
    }
}

/// Names of the step classes the model treats specially.
public enum StepClass {
    public static let group = "SMS_TaskSequence_Group"
    public static let action = "SMS_TaskSequence_Action"
    public static let step = "SMS_TaskSequence_Step"
    public static let subTaskSequence = "SMS_TaskSequence_SubTasksequence"
    /// MDT writes some legacy command steps with no `type`; they behave as Run Command Line.
    public static let untypedMDTStep = "SMS_TaskSequence_Action"
}
