import DBusKit

/// A served class as the provider describes it (`GetClass`): superclass, properties with their
/// types and qualifiers, methods.
///
/// JSON: `Name`, `Superclass`, `Properties` (each `Name`, `Type`, `Qualifiers`), `Methods`
/// (each `Name`, `Qualifiers`).
public struct ClassSchema: Sendable, Hashable, Codable {
    /// One property of the class.
    public struct Property: Sendable, Hashable, Codable {
        /// The property name.
        public var name: String
        /// Its CIM type as the provider spells it (`string`, `uint32`, `boolean`, `object:…[]`).
        public var type: String
        /// Qualifiers such as `key`, `read`, `write`, `lazy`, `secret`, limits.
        public var qualifiers: [String: PropertyValue]

        enum CodingKeys: String, CodingKey { case name = "Name", type = "Type", qualifiers = "Qualifiers" }

        /// A property.
        public init(name: String, type: String, qualifiers: [String: PropertyValue] = [:]) {
            self.name = name
            self.type = type
            self.qualifiers = qualifiers
        }

        /// Qualifiers that are set and true, or have a value, as short words (`key`, `lazy`,
        /// `maxlen=100`): what a table shows.
        public var qualifierSummary: String {
            qualifiers.sorted { $0.key.lowercased() < $1.key.lowercased() }.compactMap { name, value in
                switch value {
                case .bool(true): name
                case .bool(false): nil
                default: "\(name)=\(value.text)"
                }
            }.joined(separator: " ")
        }
    }

    /// One method of the class.
    public struct Method: Sendable, Hashable, Codable {
        /// The method name.
        public var name: String
        /// What else the provider says about it (parameters, `static` …).
        public var qualifiers: [String: PropertyValue]

        enum CodingKeys: String, CodingKey { case name = "Name", qualifiers = "Qualifiers" }

        /// A method.
        public init(name: String, qualifiers: [String: PropertyValue] = [:]) {
            self.name = name
            self.qualifiers = qualifiers
        }
    }

    /// The class name.
    public var name: String
    /// The superclass; empty for a root class.
    public var superclass: String
    /// The properties, in the provider's order.
    public var properties: [Property]
    /// The methods.
    public var methods: [Method]

    enum CodingKeys: String, CodingKey {
        case name = "Name", superclass = "Superclass", properties = "Properties", methods = "Methods"
    }

    /// A schema.
    public init(name: String, superclass: String, properties: [Property], methods: [Method]) {
        self.name = name
        self.superclass = superclass
        self.properties = properties
        self.methods = methods
    }

    /// Reads the `a{sv}` of `GetClass`, accepting the shapes a schema can reasonably take:
    /// properties and methods as an array of dictionaries (each with a name) or as a dictionary
    /// by name; qualifiers nested under `Qualifiers` or beside the name and type.
    init(name: String, reply: OrderedProperties) {
        func entry(_ key: String) -> DBusValue? {
            reply.names.first { $0.lowercased() == key.lowercased() }.flatMap { reply[$0] }
        }
        self.name = entry("Name").map { PropertyValue($0).text } ?? name
        superclass = entry("Superclass").map { PropertyValue($0).text } ?? ""
        properties = Self.members(entry("Properties")).map { name, fields in
            let type = Self.field("Type", in: fields)?.text ?? Self.field("CIMType", in: fields)?.text ?? ""
            return Property(name: name, type: type, qualifiers: Self.qualifiers(fields, excluding: ["name", "type", "cimtype"]))
        }
        methods = Self.members(entry("Methods")).map { name, fields in
            Method(name: name, qualifiers: Self.qualifiers(fields, excluding: ["name"]))
        }
    }

    private static func field(_ name: String, in fields: [String: PropertyValue]) -> PropertyValue? {
        fields.first { $0.key.lowercased() == name.lowercased() }?.value
    }

    private static func qualifiers(_ fields: [String: PropertyValue], excluding: Set<String>) -> [String: PropertyValue] {
        if case .dictionary(let nested)? = field("Qualifiers", in: fields) {
            return nested
        }
        return fields.filter { !excluding.contains($0.key.lowercased()) }
    }

    /// Name and fields of each member, in order.
    private static func members(_ value: DBusValue?) -> [(String, [String: PropertyValue])] {
        guard let value else { return [] }
        switch value.unwrappingVariant {
        case .array(_, let items):
            return items.compactMap { item in
                switch PropertyValue(item) {
                case .string(let name): return (name, [:])
                case .dictionary(let fields):
                    guard let name = field("Name", in: fields)?.text else { return nil }
                    return (name, fields)
                default: return nil
                }
            }
        case .dictionary:
            let ordered = OrderedProperties(value)
            return ordered.propertyValues.map { name, fields in
                if case .dictionary(let entries) = fields { return (name, entries) }
                return (name, ["Type": fields])
            }
        default:
            return []
        }
    }
}

extension ProviderClient {
    /// The names of the classes the provider serves (`EnumerateClasses`).
    public func classNames() throws -> [String] {
        let reply = try call(ProviderPaths.root, ProviderInterface.root, "EnumerateClasses")
        guard case .list(let names)? = reply.first.map(PropertyValue.init) else { return [] }
        return names.map(\.text)
    }

    /// A class's schema (`GetClass`).
    ///
    /// - Throws: `ProviderError.invalidArguments(_:)` or `ProviderError.notFound(_:)` for a
    ///   class the provider does not serve; `ProviderError.notSupported(_:)` when the daemon
    ///   does not serve `GetClass`.
    public func classSchema(_ name: String) throws -> ClassSchema {
        let reply: [DBusValue]
        do {
            reply = try call(ProviderPaths.root, ProviderInterface.root, "GetClass", [.string(name)])
        } catch ProviderError.notSupported(let message) {
            throw ProviderError.notSupported("the provider does not serve GetClass yet (\(message))")
        }
        return ClassSchema(name: name, reply: OrderedProperties(reply.first ?? .stringVariantDictionary([:])))
    }
}
