/// The condition-variable rules: variables nothing sets (TS301 with a likely spelling, TS302).
extension SequenceLinter {
    func knownVariables(usage: VariableUsage) -> (names: Set<String>, spellings: [String]) {
        var names = KnownVariables.engine.union(KnownVariables.mdtGather).union(KnownVariables.catalogVariables(options.catalog))
        names.formUnion(options.extraKnownVariables.map { $0.lowercased() })
        let spellings = Array(usage.setNames.values) + options.extraKnownVariables
        return (names, spellings)
    }

    func checkConditionVariables(
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
}
