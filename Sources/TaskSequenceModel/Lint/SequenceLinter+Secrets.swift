/// The secret rules: clear-text passwords in commands and scripts (TS201), password variables
/// set in clear (TS202).
extension SequenceLinter {
    func checkSecrets(of step: Step, at location: LintStepLocation, _ record: (LintFinding) -> Void) {
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

    func checkGlobalVariables(of sequence: TaskSequence, _ record: (LintFinding) -> Void) {
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
}
