import TaskSequenceModel

/// A class as `GetClass` describes it, like WMI's class definition: where it sits in the
/// hierarchy, its qualifiers, its properties with their CIM types and qualifiers, and its
/// methods with their parameters. The service builds it from its catalog; the SDK reads it back
/// from the reply.
///
/// JSON (what `tsctl class show --json` prints): `Name`, `Superclass`, `Properties` (each
/// `Name`, `Type`, `Qualifiers`: flags `true`, other qualifiers their value) and `Methods` (each
/// `Name`, `Qualifiers`: `Static`, `Summary`, `In` and `Out`, the parameters as `Name`, `Type`,
/// `Signature`).
public struct ClassSchema: Sendable, Hashable, Codable {
    /// The class name.
    public var name: String
    /// The direct superclass; empty for a root class.
    public var superclass: String
    /// Every ancestor, nearest first (WMI's `__DERIVATION`).
    public var derivation: [String]
    /// Class qualifiers in MOF spelling: `Abstract`, `CommandLine("…")`, `ActionCategory{…}` …
    public var qualifiers: [Qualifier]
    /// Inherited properties first, in the catalog's order; the provider's keys lead where the
    /// catalog has none (PackageID and StepID of a step).
    public var properties: [Property]
    /// The methods the provider serves on the class or its instances.
    public var methods: [Method]

    /// A schema.
    public init(
        name: String, superclass: String, derivation: [String] = [], qualifiers: [Qualifier] = [], properties: [Property], methods: [Method]
    ) {
        self.name = name
        self.superclass = superclass
        self.derivation = derivation
        self.qualifiers = qualifiers
        self.properties = properties
        self.methods = methods
    }

    /// Whether the class only describes its subclasses (the `Abstract` qualifier).
    public var isAbstract: Bool { qualifiers.contains { $0.name == "Abstract" } }

    /// The property called `name` (case-insensitive).
    public func property(_ name: String) -> Property? {
        properties.first { $0.name.equalsIgnoringCase(name) }
    }

    /// The method called `name` (case-insensitive).
    public func method(_ name: String) -> Method? {
        methods.first { $0.name.equalsIgnoringCase(name) }
    }

    enum CodingKeys: String, CodingKey {
        case name = "Name", superclass = "Superclass", properties = "Properties", methods = "Methods"
    }

    /// Decodes what ``encode(to:)`` wrote (the derivation and class qualifiers are not in it).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try container.decode(String.self, forKey: .name), superclass: try container.decode(String.self, forKey: .superclass),
            properties: try container.decode([Property].self, forKey: .properties), methods: try container.decode([Method].self, forKey: .methods))
    }

    /// The name, superclass, properties and methods.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(superclass, forKey: .superclass)
        try container.encode(properties, forKey: .properties)
        try container.encode(methods, forKey: .methods)
    }
}
