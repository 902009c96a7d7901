extension TaskSequence {
    /// Checks the sequence against the object model's rules and returns what it finds, in
    /// document order. Issues of severity ``ValidationIssue/Severity/error`` block saving; the
    /// others describe things real administrators' files do.
    ///
    /// What is checked:
    /// - every step and group: Name 1–100 characters, Description 0–255, SupportedEnvironment
    ///   (`runIn`) one of WinPE, FullOS, WinPEandFullOS, Timeout a number of seconds;
    /// - every action of a class the catalog knows: each setting against its property's type,
    ///   AllowedLen, ValueRange and ValueMap, required properties (Not_Null, RequiredIfNull,
    ///   RequiredIfNotNull), variable names and the 4,000-character value limit;
    /// - every condition: the operator vocabulary of each expression class (compared without
    ///   regard to case, since real files write `Equals` and `notequals`), operator types, and the
    ///   expressions' required properties;
    /// - the `<globalVarList>`: variable names and value lengths.
    ///
    /// Unknown classes, MDT steps (`BDD_…` or untyped) and unknown properties are reported as
    /// warnings or notes, never errors. So are the catalog's rules on steps that MDT wrote
    /// (its scripts bring their own defaults).
    public func validate(catalog: ActionCatalog = .builtIn) -> [ValidationIssue] {
        var validator = SequenceValidator(catalog: catalog)
        validator.validateSequence(self)
        return validator.issues
    }

    /// The first issue of severity ``ValidationIssue/Severity/error`` that ``validate(catalog:)``
    /// would report, or `nil`. Keeps nothing else, so checking a sequence of 100,000 MDT steps
    /// does not collect 100,000 notes.
    public func firstValidationError(catalog: ActionCatalog = .builtIn) -> ValidationIssue? {
        var validator = SequenceValidator(catalog: catalog, keepsFirstErrorOnly: true)
        validator.validateSequence(self)
        return validator.issues.first
    }
}

extension Step {
    /// Checks this step and, for groups, every step inside, the way
    /// ``TaskSequence/validate(catalog:)`` does. `path` is where the step sits in its sequence;
    /// without one the step is taken to be the sequence's first.
    public func validate(at path: StepPath? = nil, catalog: ActionCatalog = .builtIn) -> [ValidationIssue] {
        let ownPath = path ?? StepPath().appending(kind, at: 0)
        var validator = SequenceValidator(catalog: catalog)
        validator.validateStep(self, at: ownPath)
        forEachStep { childPath, child in
            validator.validateStep(child, at: StepPath(ownPath.components + childPath.components))
        }
        return validator.issues
    }

    /// The first error ``validate(at:catalog:)`` would report, or `nil`; keeps nothing else.
    public func firstValidationError(at path: StepPath? = nil, catalog: ActionCatalog = .builtIn) -> ValidationIssue? {
        let ownPath = path ?? StepPath().appending(kind, at: 0)
        var validator = SequenceValidator(catalog: catalog, keepsFirstErrorOnly: true)
        validator.validateStep(self, at: ownPath)
        forEachStep { childPath, child in
            guard validator.issues.isEmpty else { return }
            validator.validateStep(child, at: StepPath(ownPath.components + childPath.components))
        }
        return validator.issues.first
    }

    /// Whether MDT wrote this step: MDT writes `disable` and `continueOnError` even when false
    /// (ConfigMgr leaves them out) and runs its own steps through scripts under `%SCRIPTROOT%`.
    public var looksWrittenByMDT: Bool {
        attributes["disable"]?.lowercased() == "false"
            || attributes["continueOnError"]?.lowercased() == "false"
            || (actionCommandLine?.lowercased().contains("%scriptroot%") ?? false)
    }
}

extension Condition {
    /// Checks this condition's operands: operator types, expression classes, their operator
    /// vocabularies and required properties.
    public func validate(catalog: ActionCatalog = .builtIn) -> [ValidationIssue] {
        var validator = SequenceValidator(catalog: catalog)
        validator.validateCondition(self, location: ValidationLocation(operand: OperandPath()))
        return validator.issues
    }
}

/// Collects issues while walking a sequence.
struct SequenceValidator {
    let catalog: ActionCatalog
    /// Whether only the first error matters (notes, warnings and later errors are dropped).
    let keepsFirstErrorOnly: Bool
    var issues: [ValidationIssue] = []

    static let schemaVersions = ["3.00", "3.10"]
    /// The console sets time-outs in minutes, 1–999.
    static let longestConsoleTimeout: UInt32 = 999 * 60

    init(catalog: ActionCatalog, keepsFirstErrorOnly: Bool = false) {
        self.catalog = catalog
        self.keepsFirstErrorOnly = keepsFirstErrorOnly
    }

    mutating func report(
        _ severity: ValidationIssue.Severity,
        _ rule: ValidationRule,
        _ location: ValidationLocation,
        property: String?,
        _ detail: String
    ) {
        if keepsFirstErrorOnly, severity != .error || !issues.isEmpty { return }
        issues.append(ValidationIssue(severity: severity, rule: rule, location: location, property: property, detail: detail))
    }

    // MARK: Sequence

    mutating func validateSequence(_ sequence: TaskSequence) {
        if let version = sequence.attributes["version"], !Self.schemaVersions.contains(version) {
            report(.warning, .schemaVersion, .sequence, property: "SchemaVersion",
                   "'\(version)' is neither 3.00 nor 3.10; clients may refuse it")
        }
        if let globals = sequence.globalVariables {
            for variable in globals.variables {
                checkVariableName(variable.name, property: variable.name, forWriting: true, at: .globalVariables)
                checkValueLength(variable.value, property: variable.name, limit: VariableNameRules.maximumValueLength, at: .globalVariables, severity: .error)
            }
        }
        sequence.forEachStep { path, step in
            validateStep(step, at: path)
        }
    }

    // MARK: Steps

    /// Checks one step, not the steps inside it.
    mutating func validateStep(_ step: Step, at path: StepPath) {
        let location = ValidationLocation(step: path, stepName: step.name)
        checkCommonProperties(step, at: location)
        if let condition = step.condition {
            var conditionLocation = location
            conditionLocation.operand = OperandPath()
            validateCondition(condition, location: conditionLocation)
        }
        guard step.kind != .group else { return }

        if let environment = step.supportedEnvironment,
           !SupportedEnvironment.allValues.contains(where: { $0.equalsIgnoringCase(environment) }) {
            report(.error, .supportedEnvironment, location, property: "SupportedEnvironment",
                   "'\(environment)' is not WinPE, FullOS or WinPEandFullOS")
        }
        if let timeout = step.attributes["timeout"] {
            if let seconds = UInt32(timeout) {
                if seconds > Self.longestConsoleTimeout {
                    report(.warning, .timeout, location, property: "Timeout",
                           "\(seconds) seconds is longer than the console's 999 minutes")
                }
            } else {
                report(.error, .timeout, location, property: "Timeout", "'\(timeout)' is not a number of seconds (uint32)")
            }
        }
        validateSettings(of: step, at: location)
    }

    private mutating func checkCommonProperties(_ step: Step, at location: ValidationLocation) {
        let name = step.name
        if name.isEmpty {
            report(.error, .allowedLength, location, property: "Name", "is empty; AllowedLen 1-100")
        } else if name.count > 100 {
            report(.error, .allowedLength, location, property: "Name", "length \(name.count) exceeds AllowedLen 1-100")
        }
        let description = step.description
        if description.count > 255 {
            report(.error, .allowedLength, location, property: "Description", "length \(description.count) exceeds AllowedLen 0-255")
        }
    }

    /// The action's settings (its `<defaultVarList>`) against the catalog.
    private mutating func validateSettings(of step: Step, at location: ValidationLocation) {
        // <subtasksequence> names its class by its element when it has no type.
        guard let type = step.type ?? (step.kind == .subTaskSequence ? StepClass.subTaskSequence : nil) else {
            if step.kind == .step {
                report(.note, .mdtStep, location, property: nil, "MDT step without a type; its settings are not checked")
            }
            return
        }
        guard let definition = catalog[type] else {
            if type.lowercased().hasPrefix("bdd_") {
                report(.note, .mdtStep, location, property: nil, "MDT step class \(type); its settings are not checked")
            } else {
                report(.warning, .unknownClass, location, property: nil,
                       "class \(type) is not in the catalog (a custom action?); its settings are not checked")
            }
            return
        }
        guard definition.kind == .action, !definition.isAbstract else {
            report(.warning, .notAnAction, location, property: nil, "class \(definition.name) is not a concrete action class")
            return
        }
        // MDT reuses ConfigMgr's class names for steps its scripts run; the catalog's rules are
        // ConfigMgr's, so on MDT's steps they are only notes.
        let writtenByMDT = step.looksWrittenByMDT
        let settings = step.variables?.variables ?? []
        checkSettings(settings, ofClass: definition.name, at: location, relaxed: writtenByMDT)
        if !writtenByMDT {
            checkRequiredSettings(settings, ofClass: definition.name, at: location)
        }
    }

    // MARK: Shared checks

    mutating func checkVariableName(
        _ name: String,
        property: String?,
        forWriting: Bool,
        at location: ValidationLocation,
        maximumSeverity: ValidationIssue.Severity = .error
    ) {
        for violation in VariableNameRules.violations(in: name, forWriting: forWriting) {
            let severity: ValidationIssue.Severity = switch violation {
            case .empty, .tooLong: .error
            case .invalidCharacter: forWriting ? .error : .warning
            case .doesNotStartWithLetter, .readOnly: .warning
            }
            report(min(severity, maximumSeverity), .variableName, location, property: property, "variable name '\(name)' \(violation)")
        }
    }

    mutating func checkValueLength(
        _ value: String,
        property: String,
        limit: Int,
        at location: ValidationLocation,
        severity: ValidationIssue.Severity
    ) {
        if value.count > limit {
            report(severity, .variableValueLength, location, property: property,
                   "length \(value.count) exceeds the \(limit)-character limit for variable values")
        }
    }
}
