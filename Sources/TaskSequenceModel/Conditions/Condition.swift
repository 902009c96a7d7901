/// A step's `<condition>` (SMS_TaskSequence_Condition): its operands are ANDed.
public struct Condition: Sendable, Hashable, Codable {
    public var attributes: AttributeList
    public var operands: [ConditionOperand]

    public init(attributes: AttributeList = [:], operands: [ConditionOperand] = []) {
        self.attributes = attributes
        self.operands = operands
    }
}

/// An operand of a condition or operator (SMS_TaskSequence_ConditionOperand).
public indirect enum ConditionOperand: Sendable, Hashable, Codable {
    /// `<expression type="SMS_TaskSequence_…ConditionExpression">`.
    case expression(ConditionExpression)
    /// `<operator type="and|or|not">`, `<osConditionGroup>` or `<osExpressionGroup>`.
    case `operator`(ConditionOperator)
    /// Anything else (an OS group's `<platformKey>`, comments), kept verbatim.
    case foreign(Markup)
}

/// Which element an operator is written as.
public enum ConditionOperatorKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// `<operator type="and|or|not">`: SMS_TaskSequence_ConditionOperator.
    case `operator`
    /// `<osConditionGroup type="or">`: SMS_TaskSequence_OSConditionGroup.
    case osConditionGroup
    /// `<osExpressionGroup type="and" name=…>`: SMS_TaskSequence_OSExpressionGroup.
    case osExpressionGroup

    /// The WMI class this element stands for.
    public var className: String {
        switch self {
        case .operator: ConditionClass.conditionOperator
        case .osConditionGroup: ConditionClass.osConditionGroup
        case .osExpressionGroup: ConditionClass.osExpressionGroup
        }
    }
}

/// An operator over operands: `and`, `or` or `not` (which may hold several operands: "none of
/// these are true").
public struct ConditionOperator: Sendable, Hashable, Codable {
    public var kind: ConditionOperatorKind
    public var attributes: AttributeList
    public var operands: [ConditionOperand]

    public init(kind: ConditionOperatorKind = .operator, attributes: AttributeList = [:], operands: [ConditionOperand] = []) {
        self.kind = kind
        self.attributes = attributes
        self.operands = operands
    }

    public init(_ type: String, _ operands: [ConditionOperand]) {
        self.init(kind: .operator, attributes: ["type": type], operands: operands)
    }

    /// OperatorType, exactly as written (`and`, `or`, `not`; case kept).
    public var operatorType: String {
        get { attributes["type"] ?? "" }
        set { attributes["type"] = newValue }
    }

    public var className: String { kind.className }
}

/// A leaf of a condition: a test of a variable, file, folder, registry value, installed
/// software, WMI query or operating system.
///
/// Its properties are `<variable name="Property">value</variable>` children.
public struct ConditionExpression: Sendable, Hashable, Codable {
    public var attributes: AttributeList
    public var entries: [VariableListEntry]

    public init(attributes: AttributeList = [:], entries: [VariableListEntry] = []) {
        self.attributes = attributes
        self.entries = entries
    }

    /// An expression of class `className` with properties written in the given order.
    public init(className: String, properties: KeyValuePairs<String, String>) {
        self.init(
            attributes: ["type": className],
            entries: properties.map { .variable(Variable(attributes: ["name": $0.key], value: $0.value)) }
        )
    }

    /// The expression's WMI class (`type` attribute).
    public var className: String {
        get { attributes["type"] ?? "" }
        set { attributes["type"] = newValue }
    }

    /// The expression's properties in document order.
    public var properties: [(name: String, value: String)] {
        entries.compactMap { if case .variable(let variable) = $0 { (variable.name, variable.value) } else { nil } }
    }

    /// The value of `property` (case-insensitive).
    public subscript(property: String) -> String? {
        get {
            for case .variable(let variable) in entries where variable.name.equalsIgnoringCase(property) {
                return variable.value
            }
            return nil
        }
        set {
            if let index = entries.firstIndex(where: {
                if case .variable(let variable) = $0 { variable.name.equalsIgnoringCase(property) } else { false }
            }) {
                if let newValue, case .variable(var variable) = entries[index] {
                    variable.value = newValue
                    entries[index] = .variable(variable)
                } else {
                    entries.remove(at: index)
                }
            } else if let newValue {
                entries.append(.variable(Variable(attributes: ["name": property], value: newValue)))
            }
        }
    }
}

/// Names of the condition classes.
public enum ConditionClass {
    public static let condition = "SMS_TaskSequence_Condition"
    public static let operand = "SMS_TaskSequence_ConditionOperand"
    public static let conditionOperator = "SMS_TaskSequence_ConditionOperator"
    public static let expression = "SMS_TaskSequence_ConditionExpression"
    public static let osConditionGroup = "SMS_TaskSequence_OSConditionGroup"
    public static let osExpressionGroup = "SMS_TaskSequence_OSExpressionGroup"
    public static let variable = "SMS_TaskSequence_VariableConditionExpression"
    public static let file = "SMS_TaskSequence_FileConditionExpression"
    public static let folder = "SMS_TaskSequence_FolderConditionExpression"
    public static let registry = "SMS_TaskSequence_RegistryConditionExpression"
    public static let software = "SMS_TaskSequence_SoftwareConditionExpression"
    public static let wmi = "SMS_TaskSequence_WMIConditionExpression"
    public static let os = "SMS_TaskSequence_OSConditionExpression"

    /// Every concrete expression class.
    public static let expressionClasses = [variable, file, folder, registry, software, wmi, os]
}
