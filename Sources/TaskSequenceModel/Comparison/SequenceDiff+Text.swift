extension SequenceDiff {
    /// The diff as a reviewer reads it: package properties, then one block per step, with a
    /// marker line (`+` added, `-` removed, `~` changed) and one line per change below it.
    /// Secrets read `changed (secret)`; a diff with no changes reads `No differences.`.
    ///
    /// ```
    /// ~ step[3] "Install apps" [{1C2B…}]
    ///     renamed: "Install Apps" → "Install apps"
    ///     CommandLine: "setup.exe /q" → "setup.exe /quiet"
    ///     condition: (none) → OSDVersion equals "1"
    /// ```
    public var text: String {
        guard !changes.isEmpty else { return "No differences.\n" }
        var lines: [String] = []
        let properties = changes.filter { !$0.isStepChange }
        if !properties.isEmpty {
            lines.append("~ package")
            for change in properties {
                lines.append("    \(change.property ?? ""): \(Self.shown(change.old)) → \(Self.shown(change.new))")
            }
        }
        let stepChanges = changes.filter(\.isStepChange)
        var index = 0
        while index < stepChanges.count {
            let first = stepChanges[index]
            var end = index + 1
            while end < stepChanges.count, Self.sameStep(stepChanges[end], first) { end += 1 }
            lines += Self.block(Array(stepChanges[index..<end]))
            index = end
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func sameStep(_ a: SequenceChange, _ b: SequenceChange) -> Bool {
        a.path == b.path && (a.kind == .stepRemoved) == (b.kind == .stepRemoved)
    }

    private static func block(_ changes: [SequenceChange]) -> [String] {
        guard let first = changes.first else { return [] }
        let marker = switch first.kind {
        case .stepAdded: "+"
        case .stepRemoved: "-"
        default: "~"
        }
        var header = "\(marker) \(first.path ?? "") \(quoted(first.name ?? ""))"
        if let stepID = first.stepID { header += " [\(stepID)]" }
        var lines = [header]
        for change in changes {
            let line: String? = switch change.kind {
            case .stepAdded: "added (\(change.new ?? ""))"
            case .stepRemoved: "removed (\(change.old ?? ""))"
            case .stepMoved: "moved from \(change.fromPath ?? "")"
            case .stepRenamed: "renamed: \(shown(change.old)) → \(shown(change.new))"
            case .stepEnabled: "enabled"
            case .stepDisabled: "disabled"
            case .continueOnErrorChanged: change.new == "true" ? "continue on error: on" : "continue on error: off"
            case .descriptionChanged: "description: \(shown(change.old)) → \(shown(change.new))"
            case .conditionChanged: "condition: \(conditionText(change.old)) → \(conditionText(change.new))"
            case .settingChanged:
                change.isSecret
                    ? "\(change.property ?? ""): changed (secret)"
                    : "\(change.property ?? ""): \(shown(change.old)) → \(shown(change.new))"
            case .packagePropertyChanged: nil
            case .unknown(let kind):
                change.isSecret
                    ? "\(kind) \(change.property ?? ""): changed (secret)"
                    : "\(kind) \(change.property ?? ""): \(shown(change.old)) → \(shown(change.new))"
            }
            if let line { lines.append("    " + line) }
        }
        return lines
    }

    private static func shown(_ value: String?) -> String {
        value.map(quoted) ?? "(none)"
    }

    private static func conditionText(_ value: String?) -> String {
        value ?? "(none)"
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
    }
}
