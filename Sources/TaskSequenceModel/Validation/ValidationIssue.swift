/// One problem validation found: where it is, which property, which rule, and how bad.
///
/// Match issues broadly by ``severity`` (errors block saving) or exactly by ``rule``:
///
/// ```swift
/// let issues = sequence.validate()
/// if issues.containsErrors { throw ValidationFailure(issues) }
/// let tooLong = issues.filter { $0.rule == .allowedLength && $0.property == "Name" }
/// ```
public struct ValidationIssue: Sendable, Hashable, CustomStringConvertible {
    /// How bad an issue is.
    public enum Severity: Int, Sendable, Hashable, Comparable, CustomStringConvertible {
        /// Worth knowing, nothing wrong: an MDT step the catalog does not describe.
        case note
        /// Probably wrong, but real sequences do it and the product accepts it.
        case warning
        /// The provider would refuse the sequence; saving is blocked.
        case error

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rawValue < rhs.rawValue }

        public var description: String {
            switch self {
            case .note: "note"
            case .warning: "warning"
            case .error: "error"
            }
        }
    }

    public var severity: Severity
    public var rule: ValidationRule
    public var location: ValidationLocation
    /// The property the rule is about (`Name`, `VariableValue`, `Partitions0Type`), if any.
    public var property: String?
    /// What is wrong, e.g. `length 120 exceeds AllowedLen 1-100`.
    public var detail: String

    public init(severity: Severity, rule: ValidationRule, location: ValidationLocation, property: String?, detail: String) {
        self.severity = severity
        self.rule = rule
        self.location = location
        self.property = property
        self.detail = detail
    }

    /// The property and the rule: `Name: length 120 exceeds AllowedLen 1-100`.
    public var message: String {
        property.map { "\($0): \(detail)" } ?? detail
    }

    /// Location, severity and message on one line:
    /// `group[2]/step[3] "Install": error: Name: length 120 exceeds AllowedLen 1-100`.
    public var description: String {
        let place = location.description
        return (place.isEmpty ? "" : place + ": ") + "\(severity): \(message)"
    }
}

/// The rules validation applies, for matching issues exactly.
public enum ValidationRule: String, Sendable, Hashable, CaseIterable {
    /// `AllowedLen`: string length out of bounds (Name 1–100, Description 0–255 …).
    case allowedLength
    /// `ValueRange`: integer out of bounds.
    case valueRange
    /// `ValueMap`: a value the provider does not accept.
    case valueMap
    /// A value outside the values the SDK documents (not enforced by the provider).
    case documentedValue
    /// A value that does not read as its CIM type (`yes` for a boolean, `-1` for a uint32).
    case valueType
    /// `Not_Null`: a required property is missing.
    case notNull
    /// `RequiredIfNull`: required because another property is not set.
    case requiredIfNull
    /// `RequiredIfNotNull`: required because another property is set.
    case requiredIfNotNull
    /// SupportedEnvironment (`runIn`) is not WinPE, FullOS or WinPEandFullOS.
    case supportedEnvironment
    /// The step time-out is not a number of seconds, or longer than the console allows.
    case timeout
    /// A task sequence variable name breaks the naming rules.
    case variableName
    /// A task sequence variable value is longer than 4,000 characters.
    case variableValueLength
    /// A SuccessCodes list holds something other than integers.
    case successCodes
    /// A condition operator or expression operator outside its class's vocabulary.
    case operatorVocabulary
    /// An operator or condition with no operands, or with operands of the wrong class.
    case operands
    /// A class the catalog does not know (custom or third-party actions).
    case unknownClass
    /// A property the catalog does not know for the class.
    case unknownProperty
    /// A step typed with an abstract class or a class that is not a step.
    case notAnAction
    /// An MDT step (`BDD_…`) or an MDT step without a type; its settings are not checked.
    case mdtStep
    /// A schema version other than 3.00 or 3.10.
    case schemaVersion
}

/// Where an issue is: the sequence, its global variables, a step, or an operand of a step's
/// condition.
public struct ValidationLocation: Sendable, Hashable, CustomStringConvertible {
    /// The step, or `nil` for the sequence itself.
    public var step: StepPath?
    public var stepName: String?
    /// The operand inside the step's condition; an empty path is the condition itself.
    public var operand: OperandPath?
    /// The issue is in the sequence's `<globalVarList>`.
    public var isGlobalVariables: Bool

    public init(step: StepPath? = nil, stepName: String? = nil, operand: OperandPath? = nil, isGlobalVariables: Bool = false) {
        self.step = step
        self.stepName = stepName
        self.operand = operand
        self.isGlobalVariables = isGlobalVariables
    }

    public static let sequence = ValidationLocation()
    public static let globalVariables = ValidationLocation(isGlobalVariables: true)

    /// `group[2]/step[3] "Install" condition/operator[1]/expression[2]`, `globalVarList`, or empty
    /// for the sequence.
    public var description: String {
        var parts: [String] = []
        if isGlobalVariables { parts.append("globalVarList") }
        if let step {
            parts.append(step.description)
            if let stepName { parts.append("\"\(stepName)\"") }
        }
        if let operand { parts.append(operand.description) }
        return parts.joined(separator: " ")
    }
}

/// Where an operand sits inside a condition: its position among the operands of each operator
/// on the way down. The text form is one-based and names each element:
/// `condition/operator[1]/expression[2]`.
public struct OperandPath: Sendable, Hashable, CustomStringConvertible {
    /// One level of an operand path.
    public struct Component: Sendable, Hashable {
        /// The element: `expression`, `operator`, `osConditionGroup` or `osExpressionGroup`.
        public var element: String
        /// Zero-based position among the container's operands (foreign markup not counted).
        public var index: Int
    }

    public var components: [Component]

    public init(_ components: [Component] = []) {
        self.components = components
    }

    public func appending(_ element: String, at index: Int) -> OperandPath {
        OperandPath(components + [Component(element: element, index: index)])
    }

    public var description: String {
        (["condition"] + components.map { "\($0.element)[\($0.index + 1)]" }).joined(separator: "/")
    }
}

extension Sequence where Element == ValidationIssue {
    /// The issues that block saving.
    public var errors: [ValidationIssue] { filter { $0.severity == .error } }

    public var containsErrors: Bool { contains { $0.severity == .error } }
}

/// The error to throw when validation found errors: it carries every issue, and its
/// description names the first error's step, property and rule.
public struct ValidationFailure: Error, Sendable, CustomStringConvertible {
    /// Every issue found, errors first.
    public var issues: [ValidationIssue]

    public init(_ issues: [ValidationIssue]) {
        self.issues = issues.filter { $0.severity == .error } + issues.filter { $0.severity != .error }
    }

    public var errors: [ValidationIssue] { issues.errors }

    public var description: String {
        let errors = self.errors
        guard let first = errors.first else { return "validation found no errors" }
        let more = errors.count > 1 ? " (and \(errors.count - 1) more errors)" : ""
        return first.description + more
    }
}
