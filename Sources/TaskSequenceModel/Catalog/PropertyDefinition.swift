/// One property of a catalog class, with the qualifiers that validation, secret handling,
/// reference collection and the daemon's schema read.
///
/// Definitions are built as data, starting from a type and adding qualifiers:
///
/// ```swift
/// PropertyDefinition.string("UserPassword")
///     .variable("SMSTSRunCommandLineUserPassword")
///     .secret()
/// ```
///
/// Every qualifier is optional; a bare definition is a nullable read/write property.
public struct PropertyDefinition: Sendable, Hashable {
    /// The WMI property name (`CommandLine`, `PackageID`).
    public var name: String
    public var type: CIMType
    /// Where the value lives in task sequence XML. For action properties left at
    /// ``PropertyStorage/automatic`` the owning ``ClassDefinition`` resolves the variable name.
    public var storage: PropertyStorage = .automatic
    /// The `VariableName` qualifier, when the SDK gives one.
    public var variableNameQualifier: String?
    /// The value a new instance gets, as it is written in XML (`"0 3010"`, `"true"`).
    public var defaultValue: String?
    public var requirement: Requirement = .optional
    /// `AllowedLen("a-b")`: string length bounds.
    public var allowedLength: ClosedRange<Int>?
    /// `ValueRange("a-b")`: integer bounds.
    public var valueRange: ClosedRange<Int64>?
    /// `ValueMap{…}`: the only values the provider accepts (compared without regard to case).
    public var valueMap: [String]?
    /// Values the SDK documents without a `ValueMap` qualifier: other values are suspicious
    /// (a warning) but not refused, because the provider does not enforce them.
    public var documentedValues: [String]?
    /// `RequiredIfNull("P")`: required when property `P` is not set.
    public var requiredIfNull: String?
    /// `RequiredIfNotNull("P")`: required when property `P` is set.
    public var requiredIfNotNull: String?
    /// `CommandLineArg(n)`: substituted for `%n` in the class's command-line template.
    public var commandLineArgument: Int?
    public var secrecy: Secrecy = .none
    /// `TaskSequencePackage` and friends: the value names packages, programs or applications.
    public var reference: ReferenceMarker?
    /// `Global`: the value must stay visible to the whole sequence ("finalize mode").
    public var isGlobal = false
    /// `bits`: the integer is a bit field.
    public var isBitField = false
    /// `large`: a large blob (icons, XML).
    public var isLarge = false
    public var isKey = false
    public var isReadOnly = false
    public var isLazy = false
    /// `RequireR2`: needs ConfigMgr 2007 R2 or later.
    public var requiresConfigMgr2007R2 = false
    /// `RunFromNet`: the run-from-distribution-point switch.
    public var isRunFromNet = false
    /// `SuccessCodes`: a space-separated list of exit codes.
    public var isSuccessCodes = false
    /// ConfigMgr writes this property's `<variable>` with `hidden="true"` (values already baked
    /// into `<action>`, array counts). Observed in exports, not an SDK qualifier.
    public var isHiddenInXML = false
    /// The value is the name of a task sequence variable (Set Task Sequence Variable's
    /// `VariableName`, `OutputVariableName` …), so the variable-name rules apply to it.
    public var holdsVariableName = false
    /// The value becomes a task sequence variable's value, so the 4,000-character limit applies.
    public var holdsVariableValue = false
    /// Where this definition comes from; anything but ``Provenance/sdk`` says why in `note`.
    public var provenance: Provenance = .sdk
    public var note: String?

    public init(name: String, type: CIMType) {
        self.name = name
        self.type = type
    }

    /// The task sequence variable this property is written under, once resolved.
    public var variableName: String? {
        if case .variable(let name) = storage { name } else { nil }
    }

    /// Whether ExportXml blanks the value (Secret or QuasiSecret).
    public var isSecret: Bool { secrecy == .secret || secrecy == .quasiSecret }
}

// MARK: - Kinds of qualifier values

extension PropertyDefinition {
    /// Whether a value must be present.
    public enum Requirement: Sendable, Hashable {
        case optional
        /// `Not_Null`: required on the class.
        case notNull
        /// `Not_Null:ToInstance`: required on every instance (the class may leave it null).
        case notNullToInstance
    }

    /// How ExportXml treats the value.
    public enum Secrecy: Sendable, Hashable {
        case none
        /// `Secret`: a password, kept by SaveToXml, blanked by ExportXml.
        case secret
        /// `QuasiSecret`: a product key, treated like a secret on export.
        case quasiSecret
        /// The value is rule XML (`<Rules><Rule><Variables><Variable Name=… IsSecret="true">`);
        /// only the variables marked `IsSecret="true"` are secret. Set Dynamic Variables does this:
        /// real exports carry those variables with empty text.
        case secretRuleVariables
    }

    /// What a package-reference qualifier says the value names.
    public enum ReferenceMarker: Sendable, Hashable {
        /// `TaskSequencePackage`: a PackageID.
        case package
        /// `TaskSequencePackage("image")`: a PackageID of an OS image or OS install package.
        case image
        /// `TaskSequencePackageList`: a comma-separated list of PackageIDs.
        case packageList
        /// `TaskSequenceProgram("P")`: a program of the package named by property `P`.
        case program(packageProperty: String)
        /// `TaskSequenceApplication`: a comma-separated list of application model names.
        case applicationList
        /// A child task sequence's PackageID (Run Task Sequence). No SDK page exists; exports list
        /// such a reference as `<reference package=… program="*"/>`.
        case taskSequence
    }

    /// Where a definition's facts come from.
    public enum Provenance: Sendable, Hashable {
        /// The SDK class page (reference §3–4 and the ConfigMgr SDK pages it cites).
        case sdk
        /// Not in the SDK; read off real exported task sequences.
        case corpus
        /// Not documented anywhere found; inferred from naming patterns or related classes.
        case inferred
    }
}

/// Where a property's value is kept in task sequence XML.
public enum PropertyStorage: Sendable, Hashable {
    /// Not yet resolved: an action class resolves it to ``variable(_:)`` from the
    /// `VariableName` qualifier or its `VariablePrefix`.
    case automatic
    /// A `<variable name=… property=…>` whose `name` is the task sequence variable.
    case variable(String)
    /// An attribute of the element (`name`, `runIn`); `inverted` for `disable` ⇔ Enabled.
    case attribute(String, inverted: Bool = false)
    /// Child elements (a condition, nested steps, operands).
    case children
    /// A property of a stored instance (the package), not part of task sequence XML.
    case instance
}

// MARK: - Building definitions

extension PropertyDefinition {
    public static func string(_ name: String) -> PropertyDefinition { PropertyDefinition(name: name, type: .string) }
    public static func boolean(_ name: String) -> PropertyDefinition { PropertyDefinition(name: name, type: .boolean) }
    public static func uint32(_ name: String) -> PropertyDefinition { PropertyDefinition(name: name, type: .uint32) }
    public static func sint32(_ name: String) -> PropertyDefinition { PropertyDefinition(name: name, type: .sint32) }
    public static func datetime(_ name: String) -> PropertyDefinition { PropertyDefinition(name: name, type: .datetime) }
    public static func stringArray(_ name: String) -> PropertyDefinition { PropertyDefinition(name: name, type: .array(of: .string)) }
    public static func bytes(_ name: String) -> PropertyDefinition { PropertyDefinition(name: name, type: .array(of: .uint8)) }
    public static func sint32Array(_ name: String) -> PropertyDefinition { PropertyDefinition(name: name, type: .array(of: .sint32)) }
    /// One embedded object of class `className`.
    public static func object(_ name: String, of className: String) -> PropertyDefinition {
        PropertyDefinition(name: name, type: .object(className))
    }
    /// An array of embedded objects of class `className`, flattened in XML as
    /// `<Name><index><Member>` with the element count under `<Name>`.
    public static func objects(_ name: String, of className: String) -> PropertyDefinition {
        PropertyDefinition(name: name, type: .array(of: .object(className)))
    }

    private func with(_ change: (inout PropertyDefinition) -> Void) -> PropertyDefinition {
        var copy = self
        change(&copy)
        return copy
    }

    /// `VariableName("X")`: the task sequence variable the value is written under.
    public func variable(_ name: String) -> PropertyDefinition { with { $0.variableNameQualifier = name } }
    public func stored(as storage: PropertyStorage) -> PropertyDefinition { with { $0.storage = storage } }
    public func defaultValue(_ value: String) -> PropertyDefinition { with { $0.defaultValue = value } }
    public func notNull() -> PropertyDefinition { with { $0.requirement = .notNull } }
    public func notNullToInstance() -> PropertyDefinition { with { $0.requirement = .notNullToInstance } }
    public func allowedLength(_ range: ClosedRange<Int>) -> PropertyDefinition { with { $0.allowedLength = range } }
    public func valueRange(_ range: ClosedRange<Int64>) -> PropertyDefinition { with { $0.valueRange = range } }
    public func valueMap(_ values: [String]) -> PropertyDefinition { with { $0.valueMap = values } }
    public func documentedValues(_ values: [String]) -> PropertyDefinition { with { $0.documentedValues = values } }
    public func requiredIfNull(_ property: String) -> PropertyDefinition { with { $0.requiredIfNull = property } }
    public func requiredIfNotNull(_ property: String) -> PropertyDefinition { with { $0.requiredIfNotNull = property } }
    public func commandLineArgument(_ index: Int) -> PropertyDefinition { with { $0.commandLineArgument = index } }
    public func secret() -> PropertyDefinition { with { $0.secrecy = .secret } }
    public func quasiSecret() -> PropertyDefinition { with { $0.secrecy = .quasiSecret } }
    public func secrecy(_ secrecy: Secrecy) -> PropertyDefinition { with { $0.secrecy = secrecy } }
    public func references(_ marker: ReferenceMarker) -> PropertyDefinition { with { $0.reference = marker } }
    public func global() -> PropertyDefinition { with { $0.isGlobal = true } }
    public func bits() -> PropertyDefinition { with { $0.isBitField = true } }
    public func large() -> PropertyDefinition { with { $0.isLarge = true } }
    public func key() -> PropertyDefinition { with { $0.isKey = true } }
    public func readOnly() -> PropertyDefinition { with { $0.isReadOnly = true } }
    public func lazy() -> PropertyDefinition { with { $0.isLazy = true } }
    public func requiresR2() -> PropertyDefinition { with { $0.requiresConfigMgr2007R2 = true } }
    public func runFromNet() -> PropertyDefinition { with { $0.isRunFromNet = true } }
    public func successCodes() -> PropertyDefinition { with { $0.isSuccessCodes = true } }
    public func hiddenInXML() -> PropertyDefinition { with { $0.isHiddenInXML = true } }
    public func holdingVariableName() -> PropertyDefinition { with { $0.holdsVariableName = true } }
    public func holdingVariableValue() -> PropertyDefinition { with { $0.holdsVariableValue = true } }
    /// Marks a definition that does not come from the SDK, saying where it does come from.
    public func source(_ provenance: Provenance, _ note: String) -> PropertyDefinition {
        with {
            $0.provenance = provenance
            $0.note = note
        }
    }
}
