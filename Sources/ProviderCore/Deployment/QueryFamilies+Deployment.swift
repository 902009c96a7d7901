import GRDB
import TaskSequenceModel

extension QueryFamilies {
    /// SMS_Advertisement: one row of `advertisement` each, guarded by the advertisement's own
    /// Read right.
    static let advertisement = QueryFamily(
        classes: [ClassName.advertisement],
        table: "advertisement a",
        referenceColumns: ["a.advertisementID"],
        makeReference: { values in String.fromDatabaseValue(values[0]).map(ObjectReference.advertisement) },
        guardedBy: .securedInstance(.advertisement, column: "a.advertisementID"),
        defaultOrder: ["a.advertisementID"],
        storage: { definition in
            advertisementColumns[definition.name].map { .column("a.\($0)") } ?? .absent
        }
    )

    /// Every SMS_Advertisement property is a column named like it, first letter lowercased.
    private static let advertisementColumns: [String: String] = Dictionary(uniqueKeysWithValues: ProviderCatalog.advertisement.declaredProperties.map { property in
        (property.name, property.name.prefix(1).lowercased() + property.name.dropFirst())
    })
}
