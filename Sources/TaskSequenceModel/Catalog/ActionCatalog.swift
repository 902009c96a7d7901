/// The classes of the task sequence object model as data: every built-in action with its
/// properties, types, defaults, limits, secrecy, variable names and command-line template, plus
/// the abstract step classes, the condition classes and the embedded helper classes.
///
/// Validation, secret blanking, reference collection, the daemon's schema and the CLI's typed
/// builders all read the catalog instead of knowing classes themselves. Use ``builtIn`` unless
/// you need custom actions, which you add with ``adding(_:)``.
///
/// Class and property names are looked up without regard to case, as WMI does:
///
/// ```swift
/// let runCommandLine = ActionCatalog.builtIn["sms_tasksequence_runcommandlineaction"]
/// let password = ActionCatalog.builtIn.property("UserPassword", of: "SMS_TaskSequence_RunCommandLineAction")
/// password?.variableName   // "SMSTSRunCommandLineUserPassword"
/// password?.isSecret       // true
/// ```
public struct ActionCatalog: Sendable {
    /// Every class, in the order given.
    public let classes: [ClassDefinition]
    /// Positions in ``classes`` by class name.
    private let positions: CaseInsensitivePositions
    /// Per class: inherited and declared properties, and lookups by property and variable name.
    private let resolved: [ResolvedClass]
    /// Task sequence variable names (lowercased) of every Secret or QuasiSecret action property:
    /// a sequence-wide variable of such a name holds the same secret.
    public let secretVariableNames: Set<String>

    public init(classes: [ClassDefinition]) {
        // A later definition replaces an earlier one.
        let (unique, index) = lastOfEachName(classes, name: \.name)
        self.classes = unique
        self.positions = CaseInsensitivePositions(lowercased: index, names: unique.enumerated().map { ($0.element.name, $0.offset) })
        self.resolved = unique.map { ResolvedClass(definition: $0, classes: unique, index: index) }
        var secretNames: Set<String> = []
        for definition in unique where definition.kind == .action {
            for property in definition.declaredProperties where property.isSecret {
                if let name = property.variableName { secretNames.insert(name.lowercased()) }
            }
        }
        self.secretVariableNames = secretNames
    }

    /// The catalog with `definition` added, or replacing the class of the same name.
    public func adding(_ definition: ClassDefinition) -> ActionCatalog {
        ActionCatalog(classes: classes + [definition])
    }

    /// The class called `className` (case-insensitive).
    public subscript(className: String) -> ClassDefinition? {
        position(of: className).map { classes[$0] }
    }

    public func contains(_ className: String) -> Bool {
        position(of: className) != nil
    }

    /// Where the class called `className` (case-insensitive) is in ``classes``.
    private func position(of className: String) -> Int? {
        positions.position(of: className)
    }

    /// Every property of `className`, inherited ones first (Name, Description … then the
    /// action's own), or an empty list for an unknown class.
    public func properties(of className: String) -> [PropertyDefinition] {
        resolvedClass(className)?.properties ?? []
    }

    /// The property `name` of `className`, inherited or declared (case-insensitive).
    public func property(_ name: String, of className: String) -> PropertyDefinition? {
        guard let resolvedClass = resolvedClass(className),
              let position = resolvedClass.position(ofProperty: name) else { return nil }
        return resolvedClass.properties[position]
    }

    /// Whether `className` is `baseClassName` or derives from it.
    public func isClass(_ className: String, derivedFrom baseClassName: String) -> Bool {
        var current = self[className]
        var seen = 0
        while let definition = current, seen < 32 {
            if definition.name.equalsIgnoringCase(baseClassName) { return true }
            current = definition.superclass.flatMap { self[$0] }
            seen += 1
        }
        return false
    }

    /// `baseClassName` and every class deriving from it, in catalog order — what a polymorphic
    /// WQL query (`FROM SMS_TaskSequence_Action`) covers.
    public func classes(derivedFrom baseClassName: String, includingAbstract: Bool = true) -> [ClassDefinition] {
        classes.filter { (includingAbstract || !$0.isAbstract) && isClass($0.name, derivedFrom: baseClassName) }
    }

    /// The concrete action classes.
    public var actionClasses: [ClassDefinition] {
        classes(derivedFrom: StepClass.action, includingAbstract: false)
    }

    // MARK: Secrets

    /// How ExportXml treats property `property` of `className`; ``PropertyDefinition/Secrecy/none``
    /// for unknown classes and properties.
    public func secrecy(ofProperty property: String, inClass className: String) -> PropertyDefinition.Secrecy {
        self.property(property, of: className)?.secrecy ?? .none
    }

    /// Whether property `property` of `className` is Secret or QuasiSecret.
    public func isSecret(property: String, inClass className: String) -> Bool {
        self.property(property, of: className)?.isSecret ?? false
    }

    /// `value` of property `property` of `className` as it may leave the provider: empty for a
    /// Secret or QuasiSecret, with the secret variables' text removed for Set Dynamic
    /// Variables' rules, unchanged otherwise.
    public func blanked(_ value: String, property: String, inClass className: String) -> String {
        switch secrecy(ofProperty: property, inClass: className) {
        case .secret, .quasiSecret: ""
        case .secretRuleVariables: RuleVariableSecrets.blanking(value)
        case .none: value
        }
    }

    /// `incoming` for property `property` of `className` with the secrets a client could not
    /// send back filled in from `stored`: an empty Secret keeps the stored one, and so does an
    /// empty secret rule variable. `nil` when `incoming` changes nothing secret-wise (use it as is).
    public func keepingSecrets(_ incoming: String, stored: String?, property: String, inClass className: String) -> String? {
        guard let stored else { return nil }
        switch secrecy(ofProperty: property, inClass: className) {
        case .secret, .quasiSecret: return incoming.isEmpty ? stored : nil
        case .secretRuleVariables: return RuleVariableSecrets.restoring(incoming, from: stored)
        case .none: return nil
        }
    }

    /// How ExportXml treats the value `variable` carries in a step of class `className`.
    ///
    /// The variable is matched by its `property` first, then by its task sequence variable name,
    /// so MDT's spelling (`property="SMSTSRunCommandLineUserPassword"`) is recognised too.
    public func secrecy(of variable: Variable, inClass className: String) -> PropertyDefinition.Secrecy {
        resolve(variable, inClass: className)?.effectiveProperty.secrecy ?? .none
    }

    // MARK: Resolving variables

    /// The property that `variable` of a step or expression of class `className` carries,
    /// including members of flattened arrays (`Partitions0Type` → Partitions, element 0, Type).
    ///
    /// Matches the `property` attribute first, then the variable `name` against the properties'
    /// task sequence variable names.
    public func resolve(_ variable: Variable, inClass className: String) -> ResolvedProperty? {
        guard let resolvedClass = resolvedClass(className), let match = resolvedClass.match(variable, catalog: self) else { return nil }
        return resolvedClass.resolvedProperty(match)
    }

    /// The property of `className` named `property`, including flattened array members.
    public func resolve(property: String, inClass className: String) -> ResolvedProperty? {
        guard let resolvedClass = resolvedClass(className),
              let match = resolvedClass.match(property, byVariableName: false, catalog: self) else { return nil }
        return resolvedClass.resolvedProperty(match)
    }

    /// The class called `className` (case-insensitive) with its merged properties: callers that
    /// resolve every variable of a step look the class up once.
    func resolvedClass(_ className: String) -> ResolvedClass? {
        position(of: className).map { resolved[$0] }
    }
}

/// What a `<variable>` of a step stands for: a property, or an element of an array property.
public struct ResolvedProperty: Sendable, Hashable {
    /// The class's property (`Partitions`).
    public var property: PropertyDefinition
    /// The array index for flattened elements (`0` in `Partitions0Type`).
    public var element: Int?
    /// The embedded class's property for flattened objects (`Type` in `Partitions0Type`).
    public var member: PropertyDefinition?

    /// The definition whose rules apply to the value: the member when there is one.
    public var effectiveProperty: PropertyDefinition { member ?? property }

    /// Whether the variable holds an array's element count (`Partitions` itself).
    public var isElementCount: Bool { element == nil && member == nil && property.type.isArray }
}
