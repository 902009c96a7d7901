extension TaskSequence {
    /// The sequence as ExportXml returns it: every Secret and QuasiSecret value (passwords,
    /// product keys) empty, and nothing else changed — order, attributes, foreign markup and
    /// every other value stay as they are.
    ///
    /// A value is secret when the catalog marks the property it carries as Secret or QuasiSecret
    /// for the step's class. Beyond that:
    /// - untyped MDT steps are Run Command Line steps, so their `SMSTSRunCommandLineUserPassword`
    ///   is blanked;
    /// - in steps of classes the catalog does not know, and in the sequence's `<globalVarList>`,
    ///   variables named like a secret action property (`OSDJoinPassword` …) are blanked;
    /// - Set Dynamic Variables keeps the text of its `IsSecret="true"` rule variables empty.
    public func blankingSecrets(catalog: ActionCatalog = .builtIn) -> TaskSequence {
        let secretNames = catalog.secretVariableNames
        var result = self
        result.updateEachStep { _, step in
            step.blankOwnSecrets(catalog: catalog, secretNames: secretNames)
        }
        result.updateGlobalVariables { variable in
            if secretNames.contains(variable.name.lowercased()) { variable.value = "" }
        }
        return result
    }

    /// This sequence, received from a client that saw it with blanked secrets, with each blank
    /// secret value filled from `stored` — so a SetSequence that carries a blanked secret keeps the
    /// stored one.
    ///
    /// Steps are matched by path and class: the step at the same position with the same class.
    /// When there is none (the client inserted or moved steps), the one stored step with the same
    /// class and name is used, if exactly one exists. Within a step, values are matched by
    /// property. A secret the client did set (a non-empty value) is kept as sent.
    public func restoringSecrets(from stored: TaskSequence, catalog: ActionCatalog = .builtIn) -> TaskSequence {
        let secretNames = catalog.secretVariableNames
        var storedByPath: [[Int]: Step] = [:]
        var storedByClassAndName: [ClassAndName: [Step]] = [:]
        stored.forEachStep { path, step in
            storedByPath[path.indices] = step
            storedByClassAndName[ClassAndName(step), default: []].append(step)
        }
        var result = self
        result.updateEachStep { path, step in
            let sameSpot = storedByPath[path.indices].flatMap { $0.className.equalsIgnoringCase(step.className) ? $0 : nil }
            let candidates = storedByClassAndName[ClassAndName(step)] ?? []
            guard let source = sameSpot ?? (candidates.count == 1 ? candidates.first : nil) else { return }
            step.restoreOwnSecrets(from: source, catalog: catalog, secretNames: secretNames)
        }
        if let storedGlobals = stored.globalVariables {
            result.updateGlobalVariables { variable in
                guard variable.value.isEmpty, secretNames.contains(variable.name.lowercased()) else { return }
                if let match = storedGlobals.variables.first(where: { $0.name.equalsIgnoringCase(variable.name) }) {
                    variable.value = match.value
                }
            }
        }
        return result
    }

    /// Lets `body` change each variable of the `<globalVarList>`, in place.
    private mutating func updateGlobalVariables(_ body: (inout Variable) -> Void) {
        for index in children.indices {
            guard case .variables(var list) = children[index], list.kind == .globals else { continue }
            list.updateEachVariable(body)
            children[index] = .variables(list)
        }
    }
}

extension Step {
    /// This step (and every step inside it) with Secret and QuasiSecret values empty, as
    /// ``TaskSequence/blankingSecrets(catalog:)`` does for a whole sequence — for showing one
    /// step's settings.
    public func blankingSecrets(catalog: ActionCatalog = .builtIn) -> Step {
        let secretNames = catalog.secretVariableNames
        var result = self
        result.blankOwnSecrets(catalog: catalog, secretNames: secretNames)
        result.updateEachStep { _, step in
            step.blankOwnSecrets(catalog: catalog, secretNames: secretNames)
        }
        return result
    }

    /// This step with each blank secret value filled from `stored`, the same step as saved —
    /// for a client that sends back one step's settings with the secrets it was shown blanked.
    /// Nested steps are not matched; use ``TaskSequence/restoringSecrets(from:catalog:)`` for
    /// trees.
    public func restoringSecrets(from stored: Step, catalog: ActionCatalog = .builtIn) -> Step {
        guard stored.className.equalsIgnoringCase(className) else { return self }
        var result = self
        result.restoreOwnSecrets(from: stored, catalog: catalog, secretNames: catalog.secretVariableNames)
        return result
    }

    /// The class the catalog describes this step by: untyped MDT steps run a command line, so
    /// they are Run Command Line steps.
    var catalogClassName: String {
        kind == .step && type == nil ? RunCommandLine.className : className
    }

    /// How ExportXml treats `variable` in this step.
    func secrecy(of variable: Variable, catalog: ActionCatalog, secretNames: Set<String>) -> PropertyDefinition.Secrecy {
        let className = catalogClassName
        if catalog.contains(className) {
            return catalog.secrecy(of: variable, inClass: className)
        }
        return secretNames.contains(variable.name.lowercased()) ? .secret : .none
    }

    fileprivate mutating func blankOwnSecrets(catalog: ActionCatalog, secretNames: Set<String>) {
        guard kind != .group, var list = variables else { return }
        var changed = false
        list.updateEachVariable { variable in
            switch secrecy(of: variable, catalog: catalog, secretNames: secretNames) {
            case .secret, .quasiSecret:
                guard !variable.value.isEmpty else { return }
                variable.value = ""
                changed = true
            case .secretRuleVariables:
                let blanked = RuleVariableSecrets.blanking(variable.value)
                guard blanked != variable.value else { return }
                variable.value = blanked
                changed = true
            case .none:
                break
            }
        }
        if changed { variables = list }
    }

    fileprivate mutating func restoreOwnSecrets(from stored: Step, catalog: ActionCatalog, secretNames: Set<String>) {
        guard kind != .group, var list = variables, let storedList = stored.variables else { return }
        var changed = false
        list.updateEachVariable { variable in
            let secrecy = secrecy(of: variable, catalog: catalog, secretNames: secretNames)
            guard secrecy != .none,
                  let match = storedList.variable(forProperty: variable.property)
                    ?? storedList.variables.first(where: { $0.name.equalsIgnoringCase(variable.name) }) else { return }
            let restored: String
            switch secrecy {
            case .secret, .quasiSecret:
                guard variable.value.isEmpty else { return }
                restored = match.value
            case .secretRuleVariables:
                restored = RuleVariableSecrets.restoring(variable.value, from: match.value)
            case .none:
                return
            }
            guard restored != variable.value else { return }
            variable.value = restored
            changed = true
        }
        if changed { variables = list }
    }
}

extension VariableList {
    /// Lets `body` change each variable in place; foreign entries are left alone.
    mutating func updateEachVariable(_ body: (inout Variable) -> Void) {
        for index in entries.indices {
            guard case .variable(var variable) = entries[index] else { continue }
            let before = variable
            body(&variable)
            if variable != before { entries[index] = .variable(variable) }
        }
    }
}

/// A step's class and name, the fallback key for matching steps between two versions.
private struct ClassAndName: Hashable {
    let className: String
    let name: String

    init(_ step: Step) {
        className = step.className.lowercased()
        name = step.name
    }
}
