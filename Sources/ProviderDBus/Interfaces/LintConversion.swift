import DBusKit
import TaskSequenceModel

/// Lint findings as D-Bus values (Validate's `aa{sv}`).
enum LintConversion {
    /// Code, Rule, Severity, Message; StepID (t), Name (the step's) and Path when the finding is
    /// about a step (StepID only when the step is stored), as `tsctl lint --json` names them.
    static func finding(_ finding: LintFinding) -> DBusValue {
        var entries: [String: DBusValue] = [
            "Code": .string(finding.code.rawValue), "Rule": .string(finding.code.name),
            "Severity": .string(finding.severity.rawValue), "Message": .string(finding.message),
        ]
        if let step = finding.step {
            entries["Name"] = .string(step.name)
            entries["Path"] = .string(step.path.description)
            if let id = step.stepID { entries["StepID"] = .uint64(UInt64(clamping: id)) }
        }
        return .stringVariantDictionary(entries)
    }
}
