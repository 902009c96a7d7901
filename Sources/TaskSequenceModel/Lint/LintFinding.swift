/// One thing lint found: which rule, how bad, where, and what to do about it — found by
/// `tsctl lint` offline or by the provider's `Validate`, which the SDK reads back.
///
/// JSON (`tsctl lint --json`; every key present, `null` where it does not apply): `Code`
/// (`TS101`), `Rule` (`dangling-package-reference`), `Severity` (`error`, `warning`, `info`),
/// `StepID` (null when not about a stored step), `Name` and `Path` (the step's; null for the
/// sequence as a whole), `Message`. docs/lint.md lists every code.
public struct LintFinding: Sendable, Hashable, Codable, CustomStringConvertible {
    public var code: LintCode
    public var severity: LintSeverity
    /// The step the finding is about; `nil` for the sequence as a whole.
    public var step: LintStepLocation?
    /// What is wrong and what to do, in words a person can act on.
    public var message: String

    public init(code: LintCode, step: LintStepLocation?, message: String) {
        self.init(code: code, severity: code.severity, step: step, message: message)
    }

    /// A finding as a provider reported it, with the severity it gave (a code this version
    /// does not know has none of its own).
    public init(code: LintCode, severity: LintSeverity, step: LintStepLocation?, message: String) {
        self.code = code
        self.severity = severity
        self.step = step
        self.message = message
    }

    /// The rule's short name: `dangling-package-reference`.
    public var rule: String { code.name }

    /// Whether this finding makes `tsctl lint` exit 1.
    public var isError: Bool { severity == .error }

    /// `error TS201 clear-text-secret-in-command group[1]/step[2] "Set BIOS" (step 12): …`.
    public var description: String {
        var place = ""
        if let step {
            place = " \(step.path) \"\(step.name)\""
            if let id = step.stepID { place += " (step \(id))" }
        }
        return "\(severity) \(code)\(place): \(message)"
    }

    private enum CodingKeys: String, CodingKey {
        case code = "Code", rule = "Rule", severity = "Severity", stepID = "StepID", name = "Name", path = "Path", message = "Message"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = LintCode(code: try container.decode(String.self, forKey: .code), rule: try container.decode(String.self, forKey: .rule))
        severity = try container.decode(LintSeverity.self, forKey: .severity)
        message = try container.decode(String.self, forKey: .message)
        step = nil
        if let name = try container.decodeIfPresent(String.self, forKey: .name),
           let pathText = try container.decodeIfPresent(String.self, forKey: .path) {
            guard let path = StepPath(parsing: pathText) else {
                throw DecodingError.dataCorruptedError(forKey: .path, in: container, debugDescription: "'\(pathText)' is not a step path such as group[1]/step[2]")
            }
            step = LintStepLocation(path: path, name: name, stepID: try container.decodeIfPresent(Int64.self, forKey: .stepID))
        }
    }

    /// Writes every key, `null` where there is no value, so `--json` has one fixed shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code.rawValue, forKey: .code)
        try container.encode(rule, forKey: .rule)
        try container.encode(severity, forKey: .severity)
        try container.encode(step?.stepID, forKey: .stepID)
        try container.encode(step?.name, forKey: .name)
        try container.encode(step?.path.description, forKey: .path)
        try container.encode(message, forKey: .message)
    }
}

extension Sequence where Element == LintFinding {
    /// How many findings of each code there are.
    public var countsByCode: [LintCode: Int] {
        reduce(into: [:]) { $0[$1.code, default: 0] += 1 }
    }

    /// Whether any finding is an error (`tsctl lint` then exits 1).
    public var containsErrors: Bool { contains(where: \.isError) }
}
