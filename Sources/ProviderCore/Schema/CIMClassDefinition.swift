import TaskSequenceModel

/// A class as `GetClass` describes it, like WMI's class definition: where it sits in the
/// hierarchy, its qualifiers, its properties with their CIM types and qualifiers, and its
/// methods.
///
/// Service-internal: the full CIM definition in MOF terms (qualifier list, derivation, property
/// origins and defaults) that `GetClass` is rendered from; the SDK's `ClassSchema` is the
/// client's reading of that reply.
public struct CIMClassDefinition: Sendable, Hashable {
    public var name: String
    /// The direct superclass; empty for a root class.
    public var superclass: String
    /// Every ancestor, nearest first (WMI's `__DERIVATION`).
    public var derivation: [String]
    /// Class qualifiers in MOF spelling: `Abstract`, `CommandLine("…")`, `ActionCategory{…}` …
    public var qualifiers: [Qualifier]
    /// Inherited properties first, in the catalog's order; the provider's keys lead where the
    /// catalog has none (PackageID and StepID of a step).
    public var properties: [PropertySchema]
    public var methods: [MethodSchema]

    public init(name: String, superclass: String, derivation: [String], qualifiers: [Qualifier], properties: [PropertySchema], methods: [MethodSchema]) {
        self.name = name
        self.superclass = superclass
        self.derivation = derivation
        self.qualifiers = qualifiers
        self.properties = properties
        self.methods = methods
    }

    public var isAbstract: Bool { qualifiers.contains { $0.name == "Abstract" } }

    /// The property called `name` (case-insensitive).
    public func property(_ name: String) -> PropertySchema? {
        properties.first { $0.name.equalsIgnoringCase(name) }
    }

    /// The method called `name` (case-insensitive).
    public func method(_ name: String) -> MethodSchema? {
        methods.first { $0.name.equalsIgnoringCase(name) }
    }
}

/// One property of a ``CIMClassDefinition``.
public struct PropertySchema: Sendable, Hashable {
    public var name: String
    /// The CIM type in MOF spelling, as WMI's `CIMTYPE` qualifier gives it: `string`, `uint32`,
    /// `sint64`, `boolean`, `datetime`, `string[]`, `object:SMS_TaskSequence_PartitionSettings[]`.
    public var cimType: String
    /// Qualifiers in MOF spelling: `key`, `read`, `lazy`, `Secret`, `AllowedLen("1-100")`,
    /// `ValueRange("0-99")`, `ValueMap{…}`, `Not_Null` …
    public var qualifiers: [Qualifier]
    /// The class that declares the property (WMI's `ClassOrigin`).
    public var origin: String
    /// The value a new instance gets, as task sequence XML writes it.
    public var defaultValue: String?

    public init(name: String, cimType: String, qualifiers: [Qualifier], origin: String, defaultValue: String? = nil) {
        self.name = name
        self.cimType = cimType
        self.qualifiers = qualifiers
        self.origin = origin
        self.defaultValue = defaultValue
    }

    public var isKey: Bool { has("key") }
    public var isReadOnly: Bool { has("read") }
    /// Lazy properties are left out of query results; a get by path returns them.
    public var isLazy: Bool { has("lazy") }
    /// Secret and QuasiSecret values never leave the provider in clear.
    public var isSecret: Bool { has("Secret") || has("QuasiSecret") }

    /// The qualifier called `name` (case-insensitive), if present.
    public func qualifier(_ name: String) -> Qualifier? {
        qualifiers.first { $0.name.equalsIgnoringCase(name) }
    }

    private func has(_ name: String) -> Bool { qualifier(name) != nil }
}
