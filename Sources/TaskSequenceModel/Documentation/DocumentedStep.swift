/// A step as a reviewer reads it: what the documentation renderers print, computed once from
/// the sequence so that Markdown and HTML say the same things.
public struct DocumentedStep: Sendable, Hashable {
    /// One setting: the WMI property and the value as shown.
    public struct Setting: Sendable, Hashable {
        public var name: String
        /// The value, shortened when long; ``DocumentedStep/hiddenValue`` for secrets.
        public var value: String
    }

    public var path: StepPath
    public var stepID: Int64?
    public var name: String
    public var description: String
    public var isGroup: Bool
    /// The step's class in plain words: `Run Command Line`, `Group`, `MDT: Gather`.
    public var classWords: String
    public var className: String
    public var isEnabled: Bool
    public var continueOnError: Bool
    /// The condition as text (``Condition/text``), `nil` when the step has none.
    public var condition: String?
    public var settings: [Setting]
    /// `PS100001`, `PS100002 (program Install)`, `application Office`.
    public var references: [String]
    public var children: [DocumentedStep]

    /// What a secret setting shows instead of its value.
    public static let hiddenValue = "(secret, not shown)"
    /// Values longer than this are cut (a 75 KB embedded script helps nobody on paper).
    public static let longestValue = 300

    /// The documented steps of `container`, under `parent`.
    static func steps(of container: some StepContainer, under parent: StepPath, stepIDs: [StepPath: Int64], catalog: ActionCatalog) -> [DocumentedStep] {
        container.steps.enumerated().map { index, step in
            let path = parent.appending(step.kind, at: index)
            return DocumentedStep(step, path: path, stepIDs: stepIDs, catalog: catalog)
        }
    }

    init(_ step: Step, path: StepPath, stepIDs: [StepPath: Int64], catalog: ActionCatalog) {
        self.path = path
        self.stepID = stepIDs[path]
        self.name = step.name
        self.description = step.description
        self.isGroup = step.isGroup
        self.className = step.className
        self.classWords = Self.words(for: step, catalog: catalog)
        self.isEnabled = step.isEnabled
        self.continueOnError = step.continueOnError
        self.condition = step.condition.map(\.text)
        self.settings = Self.settings(of: step, catalog: catalog)
        self.references = Self.references(of: step, catalog: catalog)
        self.children = step.isGroup ? Self.steps(of: step, under: path, stepIDs: stepIDs, catalog: catalog) : []
    }

    /// The catalog's display name, else the class name made readable.
    static func words(for step: Step, catalog: ActionCatalog) -> String {
        if step.isGroup { return "Group" }
        if step.kind == .step, step.type == nil { return "Run Command Line (MDT)" }
        if let display = catalog[step.className]?.displayName { return display }
        let name = step.className
        if name.lowercased().hasPrefix("bdd_") { return "MDT: " + spaced(String(name.dropFirst(4))) }
        var short = Substring(name)
        if short.hasPrefix("SMS_TaskSequence_") { short = short.dropFirst("SMS_TaskSequence_".count) }
        if short.hasSuffix("Action") { short = short.dropLast("Action".count) }
        return spaced(String(short))
    }

    /// `InstallUpdates` → `Install Updates`.
    private static func spaced(_ name: String) -> String {
        var result = ""
        var previous: Character?
        for character in name {
            if character == "_" { result.append(" "); previous = " "; continue }
            if character.isUppercase, let previous, previous.isLowercase { result.append(" ") }
            result.append(character)
            previous = character
        }
        return result
    }

    /// The step's settings with secrets replaced. A secret shows as ``hiddenValue`` even when
    /// blank: a stored package's sequence comes back with its secrets blanked, and the reviewer
    /// should still see that the step has one.
    private static func settings(of step: Step, catalog: ActionCatalog) -> [Setting] {
        guard !step.isGroup else { return [] }
        let secretNames = catalog.secretVariableNames
        var result: [Setting] = []
        for variable in step.variables?.variables ?? [] {
            switch step.secrecy(of: variable, catalog: catalog, secretNames: secretNames) {
            case .secret, .quasiSecret:
                result.append(Setting(name: variable.property, value: hiddenValue))
            case .secretRuleVariables:
                result.append(Setting(name: variable.property, value: shortened(RuleVariableSecrets.blanking(variable.value))))
            case .none:
                // Empty values say nothing to a reviewer.
                guard !variable.value.trimmingSpaces.isEmpty else { continue }
                result.append(Setting(name: variable.property, value: shortened(variable.value)))
            }
        }
        if step.keepsCommandLineInAction, let command = step.actionCommandLine {
            result.insert(Setting(name: "CommandLine", value: shortened(command)), at: 0)
        }
        return result
    }

    static func shortened(_ value: String) -> String {
        guard value.count > longestValue else { return value }
        return String(value.prefix(longestValue)) + "… (\(value.count) characters)"
    }

    private static func references(of step: Step, catalog: ActionCatalog) -> [String] {
        guard !step.isGroup else { return [] }
        let own = Step(kind: step.kind, attributes: step.attributes, children: step.children.filter {
            if case .step = $0 { false } else { true }
        })
        return TaskSequence(children: [.step(own)]).references(catalog: catalog).map(\.readable)
    }

    /// Every step below this one, depth first.
    public var allSteps: [DocumentedStep] { children.flatMap { [$0] + $0.allSteps } }
}

extension PackageReference {
    /// `PS100001`, `PS100002 (program Install)`, `application Office 365`.
    var readable: String {
        if package.isEmpty { return "application \(application)" }
        if program.isEmpty || program == PackageReference.anyProgram { return package }
        return "\(package) (program \(program))"
    }
}
