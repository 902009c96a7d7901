/// Checks a task sequence for what breaks deployments or leaks secrets before a save or a
/// deployment finds it: dangling references, clear-text passwords, conditions on variables
/// nothing sets and conditions that can never be true, disabled steps, empty groups, duplicate
/// names, the size budgets, and every import warning. Pure: what it needs from the site comes
/// in ``LintOptions``.
///
/// ```swift
/// let findings = SequenceLinter(options: LintOptions(packageExists: { known.contains($0) })).lint(sequence)
/// if findings.containsErrors { … }
/// ```
///
/// Findings come in a stable order: the sequence-wide ones first (budgets), then by step in
/// document order, each step's in code order. docs/lint.md documents every code.
public struct SequenceLinter: Sendable {
    public var options: LintOptions

    public init(options: LintOptions = LintOptions()) {
        self.options = options
    }

    public func lint(_ sequence: TaskSequence) -> [LintFinding] {
        var findings = budgetFindings()
        var byStep: [StepPath: [LintFinding]] = [:]
        var sequenceWide: [LintFinding] = []
        func record(_ finding: LintFinding) {
            if let path = finding.step?.path { byStep[path, default: []].append(finding) } else { sequenceWide.append(finding) }
        }

        let catalog = options.catalog
        let usage = VariableUsage(sequence, catalog: catalog)
        let known = knownVariables(usage: usage)
        checkSiblings(sequence.steps, under: StepPath(), record)
        sequence.forEachStep { path, step in
            let location = location(path, step)
            checkReferences(of: step, at: location, record)
            checkSecrets(of: step, at: location, record)
            checkConditionVariables(of: step, at: location, usage: usage, known: known, record)
            if let condition = step.condition, let reason = ConditionContradictions.contradiction(in: condition) {
                record(LintFinding(code: .conditionNeverTrue, step: location, message:
                    "the condition can never be true (\(reason)), so the step never runs; fix the values or remove the condition"))
            }
            if !step.isEnabled {
                record(LintFinding(code: .disabledStep, step: location, message:
                    "the \(step.isGroup ? "group" : "step") is disabled and will not run; enable it or delete it"))
            }
            if step.isGroup, step.steps.isEmpty {
                record(LintFinding(code: .emptyGroup, step: location, message: "the group holds no steps; add steps or delete it"))
            }
            if step.isGroup { checkSiblings(step.steps, under: path, record) }
        }
        checkGlobalVariables(of: sequence, record)
        for finding in importFindings(sequence) { record(finding) }

        findings += sequenceWide
        sequence.forEachStep { path, _ in
            // By code, keeping the order found within a code (a stable sort).
            let own = (byStep[path] ?? []).enumerated().sorted { ($0.element.code.rawValue, $0.offset) < ($1.element.code.rawValue, $1.offset) }
            findings += own.map(\.element)
        }
        return findings
    }

    func location(_ path: StepPath, _ step: Step) -> LintStepLocation {
        LintStepLocation(path: path, name: step.name, stepID: options.stepIDs[path])
    }

    // MARK: Budgets

    private func budgetFindings() -> [LintFinding] {
        var findings: [LintFinding] = []
        if let bytes = options.storedSequenceBytes, bytes > PolicySize.storedSequenceBudget {
            findings.append(LintFinding(code: .storedSequenceSize, step: nil, message:
                "the sequence is \(PolicySize.megabytes(bytes)) (\(bytes) bytes) as stored, over the 2 MB ConfigMgr warns at; move large scripts into packages"))
        }
        if let bytes = options.policyBytes, bytes > PolicySize.policyBudget {
            findings.append(LintFinding(code: .policySize, step: nil, message:
                "the task sequence policy would be \(PolicySize.megabytes(bytes)) (\(bytes) bytes), over the 32 MB a client accepts; split it with Run Task Sequence steps"))
        }
        return findings
    }

    // MARK: References

    private func checkReferences(of step: Step, at location: LintStepLocation, _ record: (LintFinding) -> Void) {
        guard let packageExists = options.packageExists, step.kind != .group else { return }
        let single = TaskSequence(children: [.step(Step(kind: step.kind, attributes: step.attributes, children: step.children.filter {
            if case .step = $0 { false } else { true }
        }))])
        for reference in single.references(catalog: options.catalog) where !reference.package.isEmpty && !packageExists(reference.package) {
            let program = reference.program.isEmpty || reference.program == PackageReference.anyProgram ? "" : " (program \(reference.program))"
            record(LintFinding(code: .danglingPackageReference, step: location, message:
                "package \(reference.package)\(program) does not exist at this site; import it or point the step at an existing package"))
        }
    }

    // MARK: Structure

    private func checkSiblings(_ steps: [Step], under parent: StepPath, _ record: (LintFinding) -> Void) {
        var first: [String: (index: Int, name: String)] = [:]
        for (index, step) in steps.enumerated() {
            let key = step.name.lowercased()
            guard !key.isEmpty else { continue }
            if let earlier = first[key] {
                let path = parent.appending(step.kind, at: index)
                record(LintFinding(code: .duplicateSiblingName, step: location(path, step), message:
                    "another step of the same \(parent.components.isEmpty ? "sequence" : "group") is also named \"\(earlier.name)\" (position \(earlier.index + 1)); give each a name that says what it does"))
            } else {
                first[key] = (index, step.name)
            }
        }
    }

    // MARK: Import validation

    private func importFindings(_ sequence: TaskSequence) -> [LintFinding] {
        let validation = sequence.importValidation(catalog: options.catalog, errorLimit: .max, warningLimit: .max)
        return validation.issues.map { issue in
            let step = issue.location.step.flatMap { path in
                sequence.step(at: path.indices).map { location(path, $0) }
            }
            var place = ""
            if issue.location.isGlobalVariables { place = "globalVarList: " }
            if let operand = issue.location.operand { place += "\(operand): " }
            return LintFinding(code: issue.severity == .error ? .importError : .importWarning, step: step, message: place + issue.message)
        }
    }
}

extension TaskSequence {
    /// Lints the sequence (see ``SequenceLinter``).
    public func lint(options: LintOptions = LintOptions()) -> [LintFinding] {
        SequenceLinter(options: options).lint(self)
    }
}
