import TaskSequenceModel

extension ProviderService {
    /// The definition of class `name` (case-insensitive), as WMI's `GetClass` gives it:
    /// superclass and derivation, class qualifiers, properties with CIM types and qualifiers, and
    /// methods. Any class of the catalog can be described — the served ones, their abstract
    /// ancestors and the embedded classes property types name.
    ///
    /// Throws ``ProviderError/notFound(_:)`` for a class the provider does not know.
    public func classSchema(_ name: String, for caller: Caller) throws -> ClassSchema {
        try policy.admit(caller)
        let catalog = ProviderCatalog.catalog
        guard let definition = catalog[name] else {
            throw ProviderError.notFound(object: "class \(name)")
        }
        let className = definition.name
        let keys = ProviderCatalog.keys(of: className).map(\.schema)
        let properties = ProviderCatalog.properties(of: className).map { property in
            ClassSchema.Property(
                name: property.name,
                cimType: property.type.description,
                qualifiers: property.qualifiers,
                // A property served under another name (RefPackageID) keeps its declaration's origin.
                origin: ProviderCatalog.origin(of: ProviderCatalog.catalogName(of: property.name), in: className),
                defaultValue: property.defaultValue
            )
        }
        return ClassSchema(
            name: className,
            superclass: definition.superclass ?? "",
            derivation: ProviderCatalog.derivation(of: className),
            qualifiers: definition.qualifiers + ProviderCatalog.extraQualifiers(of: className),
            properties: keys + properties,
            methods: MethodTable.methods(of: className)
        )
    }
}
