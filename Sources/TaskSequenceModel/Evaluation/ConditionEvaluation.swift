extension Condition {
    /// Whether a step with this condition would run, given the task sequence variables and what
    /// is known about the machine.
    ///
    /// The operands are ANDed. `and`/`or` combine their operands, `not` is true when none of its
    /// operands is (it may hold several: the console's "none of these are true"). Operator and
    /// expression operator names compare without regard to case. Expressions that test the
    /// machine (File, Folder, Registry, Software, WMI, OS) ask `facts`, and are
    /// ``Evaluation/unknown`` when it cannot answer. See ``ConditionExpression/evaluate(in:facts:)``
    /// for the comparison rules.
    ///
    /// ```swift
    /// let environment: VariableEnvironment = ["_SMSTSInWinPE": "false"]
    /// step.condition?.evaluate(in: environment)   // .true, .false or .unknown
    /// ```
    public func evaluate(in environment: VariableEnvironment, facts: any MachineFacts = NoMachineFacts()) -> Evaluation {
        Evaluation.all(operands.lazy.compactMap { $0.evaluate(in: environment, facts: facts) })
    }
}

extension ConditionOperand {
    /// The operand's value; `nil` for foreign markup, which takes no part.
    public func evaluate(in environment: VariableEnvironment, facts: any MachineFacts = NoMachineFacts()) -> Evaluation? {
        switch self {
        case .expression(let expression): expression.evaluate(in: environment, facts: facts)
        case .operator(let op): op.evaluate(in: environment, facts: facts)
        case .foreign: nil
        }
    }
}

extension ConditionOperator {
    /// `and`: all operands true; `or`: any; `not`: none. OS condition groups are `or`, OS
    /// expression groups `and`. An unknown operator type is ``Evaluation/unknown``.
    public func evaluate(in environment: VariableEnvironment, facts: any MachineFacts = NoMachineFacts()) -> Evaluation {
        let values = operands.lazy.compactMap { $0.evaluate(in: environment, facts: facts) }
        switch operatorType.lowercased() {
        case OperatorType.and: return Evaluation.all(values)
        case OperatorType.or: return Evaluation.any(values)
        case OperatorType.not: return Evaluation.any(values).negated
        default: return .unknown
        }
    }
}

extension ConditionExpression {
    /// The expression's value.
    ///
    /// Variable expressions follow the engine's rules: `exists`/`notExists` test whether the
    /// variable is set (a variable set to "" is not); `equals`/`notEquals` compare text without
    /// regard to case; `less`, `lessEqual`, `greater`, `greaterEqual` compare as numbers when both
    /// sides are decimal numbers and as case-insensitive text otherwise; `like`/`notLike` match
    /// `%` (any run) and `_` (one character). An unset variable compares as empty text. `%Name%`
    /// references in the comparand, paths and queries are expanded first.
    ///
    /// File versions compare component by component, dates as UTC instants. Registry
    /// expressions spell "does not exist" `nonExists` (`notExists` is taken too); their `Type`
    /// only matters for `exists`.
    public func evaluate(in environment: VariableEnvironment, facts: any MachineFacts = NoMachineFacts()) -> Evaluation {
        func value(_ property: String) -> String { environment.expanding(self[property] ?? "") }
        switch className.lowercased() {
        case ConditionClass.variable.lowercased():
            return evaluateVariable(in: environment)
        case ConditionClass.file.lowercased():
            guard let file = facts.file(atPath: value("Path")) else { return .unknown }
            guard file.exists else { return .false }
            return Evaluation.all([
                compare(file.version, with: value("Version"), by: self["VersionOperator"], using: ValueComparison.compareVersions),
                compare(file.modified, with: value("DateTime"), by: self["DateTimeOperator"], using: ValueComparison.compareDates),
            ])
        case ConditionClass.folder.lowercased():
            guard let folder = facts.folder(atPath: value("Path")) else { return .unknown }
            guard folder.exists else { return .false }
            return compare(folder.modified, with: value("DateTime"), by: self["DateTimeOperator"], using: ValueComparison.compareDates)
        case ConditionClass.registry.lowercased():
            return evaluateRegistry(keyPath: value("KeyPath"), valueName: value("Value"), data: value("Data"), facts: facts)
        case ConditionClass.software.lowercased():
            let productCode = value("ProductCode"), upgradeCode = value("UpgradeCode")
            switch (self["Operator"] ?? "").lowercased() {
            case ExpressionOperator.anyVersion.lowercased():
                // The product family; without an UpgradeCode only the product itself can be matched.
                let installed = upgradeCode.isEmpty
                    ? facts.isProductInstalled(productCode: productCode)
                    : facts.isProductFamilyInstalled(upgradeCode: upgradeCode)
                return installed.map(Evaluation.init) ?? .unknown
            case ExpressionOperator.thisVersion.lowercased():
                return facts.isProductInstalled(productCode: productCode).map(Evaluation.init) ?? .unknown
            default:
                return .unknown
            }
        case ConditionClass.wmi.lowercased():
            return facts.wmiQueryReturnsRows(namespace: value("Namespace"), query: value("Query")).map(Evaluation.init) ?? .unknown
        default:
            return facts.evaluate(self, in: environment)
        }
    }

    private func evaluateVariable(in environment: VariableEnvironment) -> Evaluation {
        let name = (self["Variable"] ?? "").trimmingSpaces.description
        let current = environment[name]
        let comparand = environment.expanding(self["Value"] ?? "")
        let op = (self["Operator"] ?? "").lowercased()
        switch op {
        case ExpressionOperator.exists.lowercased(): return Evaluation(current != nil)
        case ExpressionOperator.notExists.lowercased(): return Evaluation(current == nil)
        case ExpressionOperator.like.lowercased(): return Evaluation(ValueComparison.like(current ?? "", pattern: comparand))
        case ExpressionOperator.notLike.lowercased(): return Evaluation(!ValueComparison.like(current ?? "", pattern: comparand))
        case ExpressionOperator.equals.lowercased(), ExpressionOperator.notEquals.lowercased():
            // Equality is textual: "01" is not "1".
            let equal = (current ?? "").lowercased() == comparand.lowercased()
            return Evaluation(op == ExpressionOperator.equals.lowercased() ? equal : !equal)
        default:
            let order = ValueComparison.compare(current ?? "", comparand)
            return ValueComparison.holds(op, order: order).map(Evaluation.init) ?? .unknown
        }
    }

    private func evaluateRegistry(keyPath: String, valueName: String, data: String, facts: any MachineFacts) -> Evaluation {
        guard let registry = facts.registry(keyPath: keyPath, valueName: valueName) else { return .unknown }
        let expectedType = (self["Type"] ?? "").trimmingSpaces
        let exists: Bool = switch registry {
        case .keyMissing: false
        case .valueMissing: valueName.isEmpty
        case .value(let type, _): expectedType.isEmpty || valueName.isEmpty || type.equalsIgnoringCase(String(expectedType))
        }
        let op = (self["Operator"] ?? "").lowercased()
        switch op {
        case ExpressionOperator.exists.lowercased():
            return Evaluation(exists)
        case ExpressionOperator.nonExists.lowercased(), ExpressionOperator.notExists.lowercased():
            return Evaluation(!exists)
        default:
            guard case .value(_, let actual) = registry else {
                return ValueComparison.holds(op, order: 0) == nil ? .unknown : .false
            }
            return ValueComparison.holds(op, order: ValueComparison.compare(actual, data)).map(Evaluation.init) ?? .unknown
        }
    }

    /// A version or date test: true when no operator is given, unknown when the machine's value
    /// is unknown.
    private func compare(
        _ actual: String?,
        with expected: String,
        by op: String?,
        using order: (String, String) -> Int
    ) -> Evaluation {
        guard let op, !op.isEmpty, !expected.isEmpty else { return .true }
        guard let actual else { return .unknown }
        return ValueComparison.holds(op, order: order(actual, expected)).map(Evaluation.init) ?? .unknown
    }
}
