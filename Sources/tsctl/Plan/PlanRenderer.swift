import TaskSequenceSDK

/// `tsctl plan`'s text: the environment with sources, conflicts, then the step tree with each
/// step marked and its reason indented under it.
enum PlanRenderer {
    static func marker(_ decision: PlanDecision) -> String {
        switch decision {
        case .run: "✓ run"
        case .skip: "✗ skip"
        case .unknown: "? unknown"
        }
    }

    static func text(_ plan: TaskSequencePlan, packageID: String, computer: String?) -> String {
        var lines = ["Plan of \(packageID)" + (computer.map { " for computer \($0)" } ?? "")]
        lines.append("Environment:")
        if plan.environment.isEmpty { lines.append("  (none)") }
        for variable in plan.environment {
            var source = variable.source.description
            if !variable.overrides.isEmpty { source += "; overrides " + variable.overrides.map(\.description).joined(separator: ", ") }
            lines.append("  \(variable.name) = \(variable.displayValue)  [\(source)]")
        }
        if !plan.conflicts.isEmpty {
            lines.append("Conflicts:")
            for conflict in plan.conflicts { lines.append("  \(conflict)") }
        }
        lines.append("Steps:")
        for step in plan.steps {
            let indent = String(repeating: "  ", count: step.depth + 1)
            let failing = step.assumedToFail ? " (assumed to fail)" : ""
            lines.append("\(indent)\(marker(step.decision))  \(step.name)\(step.isGroup ? " (group)" : "") [\(step.stepID ?? 0)]\(failing)")
            lines.append("\(indent)      \(step.reason)")
        }
        lines.append("Outcome: \(plan.outcome)")
        return lines.joined(separator: "\n")
    }
}

/// `tsctl plan --json`.
struct PlanReport: Encodable {
    var packageID: String
    var plan: TaskSequencePlan

    private enum Keys: String, CodingKey {
        case package = "Package", environment = "Environment", conflicts = "Conflicts", steps = "Steps", outcome = "Outcome"
    }

    private struct Variable: Encodable {
        var variable: ResolvedVariable
        private enum Keys: String, CodingKey { case name = "Name", value = "Value", masked = "Masked", source = "Source", sourceKind = "SourceKind", overrides = "Overrides" }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(variable.name, forKey: .name)
            // Null rather than absent: the key is always there, the value never when masked.
            if variable.isMasked { try container.encodeNil(forKey: .value) } else { try container.encode(variable.value, forKey: .value) }
            try container.encode(variable.isMasked, forKey: .masked)
            try container.encode(variable.source.description, forKey: .source)
            try container.encode(variable.source.kind, forKey: .sourceKind)
            try container.encode(variable.overrides.map(\.description), forKey: .overrides)
        }
    }

    private struct Conflict: Encodable {
        var conflict: PlanConflict
        private enum Keys: String, CodingKey { case name = "Name", winner = "Winner", sources = "Sources", text = "Text" }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(conflict.name, forKey: .name)
            try container.encode(conflict.winner?.description ?? "", forKey: .winner)
            try container.encode(conflict.candidates.map(\.source.description), forKey: .sources)
            try container.encode(conflict.description, forKey: .text)
        }
    }

    private struct Step: Encodable {
        var step: PlannedStep
        private enum Keys: String, CodingKey {
            case stepID = "StepID", name = "Name", decision = "Decision", reason = "Reason", path = "Path", className = "Class"
            case depth = "Depth", isGroup = "IsGroup", assumedToFail = "AssumedToFail"
        }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(step.stepID ?? 0, forKey: .stepID)
            try container.encode(step.name, forKey: .name)
            try container.encode(step.decision.rawValue, forKey: .decision)
            try container.encode(step.reason, forKey: .reason)
            try container.encode(step.path.description, forKey: .path)
            try container.encode(step.className, forKey: .className)
            try container.encode(step.depth, forKey: .depth)
            try container.encode(step.isGroup, forKey: .isGroup)
            try container.encode(step.assumedToFail, forKey: .assumedToFail)
        }
    }

    private struct Outcome: Encodable {
        var plan: TaskSequencePlan
        private enum Keys: String, CodingKey { case result = "Result", step = "Step", text = "Text" }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(plan.outcome.word, forKey: .result)
            if let step = plan.outcome.step { try container.encode(step, forKey: .step) } else { try container.encodeNil(forKey: .step) }
            try container.encode(plan.outcome.description, forKey: .text)
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(packageID, forKey: .package)
        try container.encode(plan.environment.map(Variable.init), forKey: .environment)
        try container.encode(plan.conflicts.map(Conflict.init), forKey: .conflicts)
        try container.encode(plan.steps.map(Step.init), forKey: .steps)
        try container.encode(Outcome(plan: plan), forKey: .outcome)
    }
}
