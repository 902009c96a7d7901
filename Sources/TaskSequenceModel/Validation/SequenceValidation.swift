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
    public func validate(catalog: ActionCatalog = .builtIn, strength: ValidationStrength = .edit) -> [ValidationIssue] {
        var validator = SequenceValidator(catalog: catalog, strength: strength)
        validator.validateSequence(self)
        return validator.issues
    }

    /// The warnings and errors an import of this sequence reports (no notes): rules real exports
    /// break are warnings (``ValidationStrength/imported``). At most `errorLimit` errors are
    /// kept; ``ImportValidation/omittedErrors`` counts the rest.
    public func importValidation(
        catalog: ActionCatalog = .builtIn, errorLimit: Int = ImportValidation.defaultErrorLimit, warningLimit: Int = ImportValidation.defaultWarningLimit
    ) -> ImportValidation {
        var validator = SequenceValidator(catalog: catalog, strength: .imported, collection: .warningsAndErrors(errorLimit: errorLimit, warningLimit: warningLimit))
        validator.validateSequence(self)
        return validator.importValidation
    }

    /// The first issue of severity ``ValidationIssue/Severity/error`` that ``validate(catalog:)``
    /// would report, or `nil`. Keeps nothing else, so checking a sequence of 100,000 MDT steps
    /// does not collect 100,000 notes.
    public func firstValidationError(catalog: ActionCatalog = .builtIn) -> ValidationIssue? {
        var validator = SequenceValidator(catalog: catalog, collection: .firstError)
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
        var validator = SequenceValidator(catalog: catalog, collection: .firstError)
        validator.validateStep(self, at: ownPath)
        forEachStep { childPath, child in
            guard validator.issues.isEmpty else { return }
            validator.validateStep(child, at: StepPath(ownPath.components + childPath.components))
        }
        return validator.issues.first
    }

    /// ``TaskSequence/importValidation(catalog:errorLimit:warningLimit:)`` for this step and the
    /// steps inside it, at `path`.
    public func importValidation(
        at path: StepPath, catalog: ActionCatalog = .builtIn,
        errorLimit: Int = ImportValidation.defaultErrorLimit, warningLimit: Int = ImportValidation.defaultWarningLimit
    ) -> ImportValidation {
        var validator = SequenceValidator(catalog: catalog, strength: .imported, collection: .warningsAndErrors(errorLimit: errorLimit, warningLimit: warningLimit))
        validator.validateStep(self, at: path)
        validator.validateSteps(inside: self, at: path)
        return validator.importValidation
    }

    /// Whether MDT wrote this step: MDT writes `disable` and `continueOnError` even when false
    /// (ConfigMgr leaves them out) and runs its own steps through scripts under `%SCRIPTROOT%`.
    public var looksWrittenByMDT: Bool {
        attributes["disable"]?.equalsIgnoringCase("false") == true
            || attributes["continueOnError"]?.equalsIgnoringCase("false") == true
            || (actionCommandLine?.containsIgnoringCase(percentDelimited: "%scriptroot%") ?? false)
    }
}

extension Condition {
    /// Checks this condition's operands: operator types, expression classes, their operator
    /// vocabularies and required properties.
    public func validate(catalog: ActionCatalog = .builtIn, strength: ValidationStrength = .edit) -> [ValidationIssue] {
        var validator = SequenceValidator(catalog: catalog, strength: strength)
        validator.validateCondition(self, location: ValidationLocation(operand: OperandPath()))
        return validator.issues
    }
}

/// Collects issues while walking a sequence.
struct SequenceValidator {
    let catalog: ActionCatalog
    let strength: ValidationStrength
    let collection: IssueCollection
    var issues: [ValidationIssue] = []
    /// Errors and warnings found beyond the collection's limits.
    var omittedErrors = 0, omittedWarnings = 0
    private var keptErrors = 0, keptWarnings = 0

    var importValidation: ImportValidation {
        ImportValidation(issues: issues, omittedErrors: omittedErrors, omittedWarnings: omittedWarnings)
    }

    static let schemaVersions = ["3.00", "3.10"]
    /// The console sets time-outs in minutes, 1–999.
    static let longestConsoleTimeout: UInt32 = 999 * 60

    init(catalog: ActionCatalog, strength: ValidationStrength = .edit, collection: IssueCollection = .everything) {
        self.catalog = catalog
        self.strength = strength
        self.collection = collection
    }

    /// `severity` for a rule that real exports break: a warning on import, itself on an edit.
    func keptOnImport(_ severity: ValidationIssue.Severity) -> ValidationIssue.Severity {
        strength == .imported ? min(severity, .warning) : severity
    }

    mutating func report(
        _ severity: ValidationIssue.Severity,
        _ rule: ValidationRule,
        _ location: ValidationLocation,
        property: String?,
        _ detail: String
    ) {
        switch collection {
        case .everything:
            break
        case .firstError:
            if severity != .error || !issues.isEmpty { return }
        case .warningsAndErrors(let errorLimit, let warningLimit):
            switch severity {
            case .note:
                return
            case .warning:
                guard keptWarnings < warningLimit else {
                    omittedWarnings += 1
                    return
                }
                keptWarnings += 1
            case .error:
                guard keptErrors < errorLimit else {
                    omittedErrors += 1
                    return
                }
                keptErrors += 1
            }
        }
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

    /// Checks the steps inside `step` (at `path`), depth first in document order, each path
    /// made from its parent's.
    mutating func validateSteps(inside step: Step, at path: StepPath) {
        var index = 0
        for case .step(let child) in step.children {
            let childPath = path.appending(child.kind, at: index)
            index += 1
            validateStep(child, at: childPath)
            validateSteps(inside: child, at: childPath)
        }
    }

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

        // Error on import too: the engine cannot tell where such a step runs, and no real file
        // writes another value.
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
        // Error on import too: no real file (the 94 of the corpus, the fixtures) has an empty or
        // over-long step name, and the console limits names to 50 characters.
        let name = step.name
        if name.isEmpty {
            report(.error, .allowedLength, location, property: "Name", "is empty; AllowedLen 1-100")
        } else if name.hasMoreCharacters(than: 100) {
            report(.error, .allowedLength, location, property: "Name", "length \(name.count) exceeds AllowedLen 1-100")
        }
        let description = step.description
        // Warning on import: MDT's own templates carry step and group descriptions of several
        // hundred characters (Tests/Fixtures/realworld, issue 12), and MDT and ConfigMgr run them.
        if description.hasMoreCharacters(than: 255) {
            report(keptOnImport(.error), .allowedLength, location, property: "Description", "length \(description.count) exceeds AllowedLen 0-255")
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
        // The class is looked up once, for its kind and for resolving every variable.
        guard let resolvedClass = catalog.resolvedClass(type) else {
            if type.lowercased().hasPrefix("bdd_") {
                report(.note, .mdtStep, location, property: nil, "MDT step class \(type); its settings are not checked")
            } else {
                report(.warning, .unknownClass, location, property: nil,
                       "class \(type) is not in the catalog (a custom action?); its settings are not checked")
            }
            return
        }
        guard resolvedClass.kind == .action, !resolvedClass.isAbstract else {
            report(.warning, .notAnAction, location, property: nil, "class \(resolvedClass.name) is not a concrete action class")
            return
        }
        // MDT reuses ConfigMgr's class names for steps its scripts run; the catalog's rules are
        // ConfigMgr's, so on MDT's steps they are only notes.
        let writtenByMDT = step.looksWrittenByMDT
        let settings = step.variables?.variables ?? []
        // Each variable is resolved once, for both checks.
        let matches = settings.map { resolvedClass.match($0, catalog: catalog) }
        checkSettings(settings, matches: matches, in: resolvedClass, ofClass: resolvedClass.name, at: location, relaxed: writtenByMDT)
        if !writtenByMDT {
            let command = commandLineInAction(of: step, className: resolvedClass.name)
            let commandMatches = command.map { resolvedClass.match($0, catalog: catalog) }
            checkRequiredSettings(command.isEmpty ? settings : settings + command, matches: command.isEmpty ? matches : matches + commandMatches,
                                  in: resolvedClass, ofClass: resolvedClass.name, at: location)
        }
    }

    /// MDT keeps a Run Command Line step's command only in `<action>`; that is its CommandLine.
    /// An enabled MDT step passed only because `disable="false"` marked it as MDT's, so the
    /// same step disabled (`disable="true"`, as ConfigMgr writes it too) failed Not_Null: the
    /// requirement is met by the command itself, whoever wrote the step.
    private func commandLineInAction(of step: Step, className: String) -> [Variable] {
        guard className.equalsIgnoringCase(RunCommandLine.className), step.keepsCommandLineInAction,
              let command = step.actionCommandLine, !command.trimmingSpaces.isEmpty
        else { return [] }
        return [Variable(name: "CommandLine", property: "CommandLine", value: command)]
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
        if value.hasMoreCharacters(than: limit) {
            report(severity, .variableValueLength, location, property: property,
                   "length \(value.count) exceeds the \(limit)-character limit for variable values")
        }
    }
}
