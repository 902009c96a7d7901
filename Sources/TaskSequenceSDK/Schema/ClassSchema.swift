import DBusKit
internal import TaskSequenceModel

extension ClassSchema {
    /// A schema from the `a{sv}` of `GetClass` (docs/dbus-api.md): `Name`, `Superclass`,
    /// `Derivation`, `Qualifiers`, `Properties` (each `Name`, `Type`, `Origin`, `Qualifiers`,
    /// `Default`) and `Methods` (each `Name`, `Static`, `Summary`, `In`, `Out`).
    init(name: String, reply: OrderedProperties) {
        let dictionaries = { (value: DBusValue?) -> [OrderedProperties] in
            guard case .array(_, let items)? = value else { return [] }
            return items.map(OrderedProperties.init)
        }
        let parameters = { (value: DBusValue?) -> [Parameter] in
            dictionaries(value).map { Parameter($0.string("Name"), cimType: $0.string("Type"), signature: $0.string("Signature")) }
        }
        self.init(
            name: reply["Name"] == nil ? name : reply.string("Name"), superclass: reply.string("Superclass"),
            derivation: Self.strings(reply["Derivation"]), qualifiers: Self.qualifiers(reply["Qualifiers"]),
            properties: dictionaries(reply["Properties"]).map { property in
                Property(
                    name: property.string("Name"), cimType: property.string("Type"), qualifiers: Self.qualifiers(property["Qualifiers"]),
                    origin: property.string("Origin"), defaultValue: property["Default"].map { _ in property.string("Default") })
            },
            methods: dictionaries(reply["Methods"]).map { method in
                Method(
                    name: method.string("Name"), isStatic: method.bool("Static"), inParameters: parameters(method["In"]),
                    outParameters: parameters(method["Out"]), summary: method.string("Summary"))
            })
    }

    /// Qualifiers from their `a{sv}`: `true` for a flag, text, a number or a list of texts.
    private static func qualifiers(_ value: DBusValue?) -> [Qualifier] {
        guard let value else { return [] }
        let entries = OrderedProperties(value)
        return entries.names.compactMap { name in
            switch entries[name] {
            case .boolean?: Qualifier(name)
            case .string(let text)?: Qualifier(name, .string(text))
            case .int64(let number)?: Qualifier(name, .integer(number))
            case .array(_, let items)?: Qualifier(name, .strings(items.compactMap(\.stringValue)))
            default: nil
            }
        }
    }

    private static func strings(_ value: DBusValue?) -> [String] {
        guard case .array(_, let items)? = value else { return [] }
        return items.compactMap(\.stringValue)
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
