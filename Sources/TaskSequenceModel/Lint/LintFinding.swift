/// One thing lint found: which rule, how bad, where, and what to do about it.
public struct LintFinding: Sendable, Hashable, CustomStringConvertible {
    public var code: LintCode
    public var severity: LintSeverity
    /// The step the finding is about; `nil` for the sequence as a whole.
    public var step: LintStepLocation?
    /// What is wrong and what to do, in words a person can act on.
    public var message: String

    public init(code: LintCode, step: LintStepLocation?, message: String) {
        self.code = code
        self.severity = code.severity
        self.step = step
        self.message = message
    }

    /// `error TS201 clear-text-secret-in-command group[1]/step[2] "Set BIOS" (step 12): …`.
    public var description: String {
        var place = ""
        if let step {
            place = " \(step.path) \"\(step.name)\""
            if let id = step.stepID { place += " (step \(id))" }
        }
        return "\(severity) \(code)\(place): \(message)"
    }
}

extension Sequence where Element == LintFinding {
    /// How many findings of each code there are.
    public var countsByCode: [LintCode: Int] {
        reduce(into: [:]) { $0[$1.code, default: 0] += 1 }
    }

    /// Whether any finding is an error (`tsctl lint` then exits 1).
    public var containsErrors: Bool { contains { $0.severity == .error } }
}
