/// The stable code of a lint finding: `TS` and three digits, the hundreds naming the area
/// (1 references, 2 secrets, 3 variables and conditions, 4 structure, 5 size budgets,
/// 9 import validation), with a short kebab-case name beside it.
///
/// Codes are never renumbered or reused; docs/lint.md gives each one's severity and rationale.
/// A code this version does not know (a rule a newer provider has) reads as
/// ``unknown(code:rule:)``, so a client older than its provider still reads the findings.
public enum LintCode: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// A step names a package the site does not have.
    case danglingPackageReference
    /// A command line or script carries a password in clear text.
    case clearTextSecretInCommand
    /// A variable whose name says password is set in clear.
    case unmaskedPasswordVariable
    /// A condition tests a variable nothing sets, and a known name is one typo away.
    case conditionVariableTypo
    /// A condition tests a variable nothing in the sequence sets (a collection or computer
    /// variable, or a mistake).
    case conditionVariableUnset
    /// A condition can never be true, so the step never runs.
    case conditionNeverTrue
    /// A step or group is disabled.
    case disabledStep
    /// A group holds no steps.
    case emptyGroup
    /// Two steps of one group (or of the sequence) have the same name.
    case duplicateSiblingName
    /// The stored sequence is larger than the 2 MB ConfigMgr warns about.
    case storedSequenceSize
    /// The sequence's policy is larger than the 32 MB a client accepts.
    case policySize
    /// Import validation warns about something (a rule real exports break).
    case importWarning
    /// Import validation refuses the sequence.
    case importError
    /// A code this version does not know, with the rule name the provider gave it.
    case unknown(code: String, rule: String)

    /// The codes this version knows, in code order.
    public static let allCases: [LintCode] = [
        .danglingPackageReference, .clearTextSecretInCommand, .unmaskedPasswordVariable, .conditionVariableTypo,
        .conditionVariableUnset, .conditionNeverTrue, .disabledStep, .emptyGroup, .duplicateSiblingName,
        .storedSequenceSize, .policySize, .importWarning, .importError,
    ]

    /// The known code written `rawValue` (`TS101`); `nil` for any other.
    public init?(rawValue: String) {
        guard let known = Self.allCases.first(where: { $0.rawValue == rawValue }) else { return nil }
        self = known
    }

    /// The code written `code`, or ``unknown(code:rule:)`` with `rule` as its name.
    public init(code: String, rule: String) {
        self = Self(rawValue: code) ?? .unknown(code: code, rule: rule)
    }

    /// `TS101` …
    public var rawValue: String {
        switch self {
        case .danglingPackageReference: "TS101"
        case .clearTextSecretInCommand: "TS201"
        case .unmaskedPasswordVariable: "TS202"
        case .conditionVariableTypo: "TS301"
        case .conditionVariableUnset: "TS302"
        case .conditionNeverTrue: "TS303"
        case .disabledStep: "TS401"
        case .emptyGroup: "TS402"
        case .duplicateSiblingName: "TS403"
        case .storedSequenceSize: "TS501"
        case .policySize: "TS502"
        case .importWarning: "TS901"
        case .importError: "TS902"
        case .unknown(let code, _): code
        }
    }

    /// The short name shown beside the code: `dangling-package-reference`.
    public var name: String {
        switch self {
        case .danglingPackageReference: "dangling-package-reference"
        case .clearTextSecretInCommand: "clear-text-secret-in-command"
        case .unmaskedPasswordVariable: "unmasked-password-variable"
        case .conditionVariableTypo: "condition-variable-typo"
        case .conditionVariableUnset: "condition-variable-unset"
        case .conditionNeverTrue: "condition-never-true"
        case .disabledStep: "disabled-step"
        case .emptyGroup: "empty-group"
        case .duplicateSiblingName: "duplicate-sibling-name"
        case .storedSequenceSize: "stored-sequence-size"
        case .policySize: "policy-size"
        case .importWarning: "import-warning"
        case .importError: "import-error"
        case .unknown(_, let rule): rule
        }
    }

    /// The severity every finding of this code has.
    public var severity: LintSeverity {
        switch self {
        case .danglingPackageReference, .clearTextSecretInCommand, .policySize, .importError: .error
        case .unmaskedPasswordVariable, .conditionVariableTypo, .conditionNeverTrue, .storedSequenceSize, .importWarning: .warning
        case .conditionVariableUnset, .disabledStep, .emptyGroup, .duplicateSiblingName: .info
        // Not this version's to say: a reported finding carries the provider's severity.
        case .unknown: .warning
        }
    }

    /// `TS101 dangling-package-reference`.
    public var description: String { "\(rawValue) \(name)" }
}
