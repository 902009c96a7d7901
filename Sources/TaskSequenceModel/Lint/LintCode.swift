/// The stable code of a lint finding: `TS` and three digits, the hundreds naming the area
/// (1 references, 2 secrets, 3 variables and conditions, 4 structure, 5 size budgets,
/// 9 import validation), with a short kebab-case name beside it.
///
/// Codes are never renumbered or reused; docs/lint.md gives each one's severity and rationale.
public enum LintCode: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// A step names a package the site does not have.
    case danglingPackageReference = "TS101"
    /// A command line or script carries a password in clear text.
    case clearTextSecretInCommand = "TS201"
    /// A variable whose name says password is set in clear.
    case unmaskedPasswordVariable = "TS202"
    /// A condition tests a variable nothing sets, and a known name is one typo away.
    case conditionVariableTypo = "TS301"
    /// A condition tests a variable nothing in the sequence sets (a collection or computer
    /// variable, or a mistake).
    case conditionVariableUnset = "TS302"
    /// A condition can never be true, so the step never runs.
    case conditionNeverTrue = "TS303"
    /// A step or group is disabled.
    case disabledStep = "TS401"
    /// A group holds no steps.
    case emptyGroup = "TS402"
    /// Two steps of one group (or of the sequence) have the same name.
    case duplicateSiblingName = "TS403"
    /// The stored sequence is larger than the 2 MB ConfigMgr warns about.
    case storedSequenceSize = "TS501"
    /// The sequence's policy is larger than the 32 MB a client accepts.
    case policySize = "TS502"
    /// Import validation warns about something (a rule real exports break).
    case importWarning = "TS901"
    /// Import validation refuses the sequence.
    case importError = "TS902"

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
        }
    }

    /// The severity every finding of this code has.
    public var severity: LintSeverity {
        switch self {
        case .danglingPackageReference, .clearTextSecretInCommand, .policySize, .importError: .error
        case .unmaskedPasswordVariable, .conditionVariableTypo, .conditionNeverTrue, .storedSequenceSize, .importWarning: .warning
        case .conditionVariableUnset, .disabledStep, .emptyGroup, .duplicateSiblingName: .info
        }
    }

    /// `TS101 dangling-package-reference`.
    public var description: String { "\(rawValue) \(name)" }
}
