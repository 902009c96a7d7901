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
            findings += (byStep[path] ?? []).sorted { $0.code.rawValue < $1.code.rawValue }
        }
        return findings
    }

    private func location(_ path: StepPath, _ step: Step) -> LintStepLocation {
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

    // MARK: Secrets

    private func checkSecrets(of step: Step, at location: LintStepLocation, _ record: (LintFinding) -> Void) {
        for text in ScriptText.texts(of: step, catalog: options.catalog) {
            for hit in ClearTextSecretScanner.scan(text.text) {
                let line = text.text.contains(where: \.isNewline) ? " line \(hit.line)" : ""
                record(LintFinding(code: .clearTextSecretInCommand, step: location, message:
                    "\(text.source)\(line) passes a password in clear text after \(hit.form); put it in a hidden variable and pass %Variable%, or use the step's Run as account"))
            }
        }
        guard step.kind != .group else { return }
        if step.className.equalsIgnoringCase("SMS_TaskSequence_SetVariableAction") {
            let name = step.setting("VariableName") ?? ""
            let hidden = step.setting("DoNotShowVariableValue")?.lowercased() == "true"
            if !hidden, Self.saysPassword(name), ClearTextSecretScanner.isClearText(step.setting("VariableValue") ?? "") {
                record(LintFinding(code: .unmaskedPasswordVariable, step: location, message:
                    "sets \(name) in clear; tick \"Do not display this value\" so the value is stored as a secret"))
            }
        }
        if let rules = step.setting("Rules") {
            for variable in RuleVariableSecrets.allVariables(in: rules)
            where !variable.isSecret && Self.saysPassword(variable.name) && ClearTextSecretScanner.isClearText(variable.value) {
                record(LintFinding(code: .unmaskedPasswordVariable, step: location, message:
                    "a dynamic variable rule sets \(variable.name) in clear; mark it secret"))
            }
        }
        // Classes the catalog describes have their secret properties marked; only steps it does
        // not know (custom and MDT actions) can hide a password in a variable of their own.
        guard options.catalog[step.catalogClassName] == nil else { return }
        for variable in step.variables?.variables ?? [] where !variable.isHidden && Self.saysPassword(variable.name)
            && Self.holdsSecretValue(variable.value) && !options.catalog.secretVariableNames.contains(variable.name.lowercased()) {
            record(LintFinding(code: .unmaskedPasswordVariable, step: location, message:
                "step variable \(variable.name) holds a password in clear; mark it hidden or pass it through a secret variable"))
        }
    }

    private func checkGlobalVariables(of sequence: TaskSequence, _ record: (LintFinding) -> Void) {
        for variable in sequence.globalVariables?.variables ?? []
        where Self.saysPassword(variable.name) && Self.holdsSecretValue(variable.value) {
            record(LintFinding(code: .unmaskedPasswordVariable, step: nil, message:
                "global variable \(variable.name) holds a password in clear; set it as a hidden collection variable instead"))
        }
    }

    /// Names that say they hold a password or a secret.
    static func saysPassword(_ name: String) -> Bool {
        let lower = name.lowercased()
        return ["password", "passwd", "pwd", "secret"].contains { lower.contains($0) }
    }

    /// A value that looks like a secret, not a flag or a reference: a yes/no flag or a number is
    /// a setting about passwords (`RandomAdminPassword = false`).
    private static func holdsSecretValue(_ value: String) -> Bool {
        let lower = value.lowercased()
        guard ClearTextSecretScanner.isClearText(value), !["true", "false", "yes", "no"].contains(lower) else { return false }
        return Int(value) == nil
    }

    // MARK: Variables

    private func knownVariables(usage: VariableUsage) -> (names: Set<String>, spellings: [String]) {
        var names = KnownVariables.engine.union(KnownVariables.mdtGather).union(KnownVariables.catalogVariables(options.catalog))
        names.formUnion(options.extraKnownVariables.map { $0.lowercased() })
        let spellings = Array(usage.setNames.values) + options.extraKnownVariables
        return (names, spellings)
    }

    private func checkConditionVariables(
        of step: Step, at location: LintStepLocation, usage: VariableUsage,
        known: (names: Set<String>, spellings: [String]), _ record: (LintFinding) -> Void
    ) {
        guard let condition = step.condition else { return }
        var reported: Set<String> = []
        for name in Self.variablesTested(by: condition.operands) {
            let key = name.lowercased()
            guard !known.names.contains(key), !usage.sets(name), reported.insert(key).inserted else { continue }
            if let suggestion = NameDistance.nearest(to: name, among: known.spellings + Self.builtInSpellings) {
                record(LintFinding(code: .conditionVariableTypo, step: location, message:
                    "the condition tests \(name), which nothing sets; did you mean \(suggestion)?"))
            } else {
                record(LintFinding(code: .conditionVariableUnset, step: location, message:
                    "the condition tests \(name), which no step of this sequence sets; make sure a collection or computer variable sets it"))
            }
        }
    }

    /// The built-in names in their usual spelling, for suggestions.
    private static let builtInSpellings: [String] = [
        "_SMSTSInWinPE", "_SMSTSLastActionSucceeded", "_SMSTSLastActionRetCode", "_SMSTSMediaType", "_SMSTSBootUEFI",
        "_SMSTSClientCache", "_SMSTSSetupRollback", "_SMSTSOSUpgradeActionReturnCode", "_SMSTSUserStarted",
        "_SMSTSLaunchMode", "_SMSTSMachineName", "_SMSTSPackageID", "_SMSTSAdvertID", "_OSDMigrateUseHardlinks",
        "OSDComputerName", "SMSTSRebootRequested", "SMSTSRetryRequested", "SMSTSPostAction", "Phase", "DeploymentType",
        "IsUEFI", "IsVM", "IsDesktop", "IsLaptop", "IsServer", "Make", "Model", "Architecture", "DoCapture",
    ]

    /// The variables that variable expressions test, in document order.
    private static func variablesTested(by operands: [ConditionOperand]) -> [String] {
        operands.flatMap { operand -> [String] in
            switch operand {
            case .expression(let expression):
                guard expression.className.equalsIgnoringCase(ConditionClass.variable),
                      let name = expression["Variable"]?.trimmingSpaces, !name.isEmpty, !name.contains("%") else { return [] }
                return [String(name)]
            case .operator(let op):
                return variablesTested(by: op.operands)
            case .foreign:
                return []
            }
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
