import ProviderStore
import TaskSequenceModel

extension QueryFamilies {
    /// SMS_Advertisement: one row of `advertisement` each, guarded by the advertisement's own
    /// Read right.
    static let advertisement = QueryFamily(
        classes: [ClassName.advertisement],
        table: "advertisement a",
        referenceColumns: ["a.advertisementID"],
        makeReference: { values in String.fromSQL(values[0]).map(ObjectReference.advertisement) },
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

extension QueryFamilies {
    /// SMS_CollectionSettings: one row per collection (every collection has settings), guarded
    /// by the collection's Read right. Its variables are lazy: read them on the object.
    static let collectionSettings = QueryFamily(
        classes: [ClassName.collectionSettings],
        table: "collection cs",
        referenceColumns: ["cs.collectionID"],
        makeReference: { values in String.fromSQL(values[0]).map { .collectionSettings(collectionID: $0) } },
        guardedBy: .collection(column: "cs.collectionID"),
        defaultOrder: ["cs.collectionID"],
        storage: { definition in definition.name == "CollectionID" ? .column("cs.collectionID") : .unqueryable }
    )

    /// SMS_MachineSettings: one row per computer, guarded as the computer is.
    static let machineSettings = QueryFamily(
        classes: [ClassName.machineSettings],
        table: "computer ms",
        referenceColumns: ["ms.resourceID"],
        makeReference: { values in UInt32.fromSQL(values[0]).map { .machineSettings(resourceID: $0) } },
        guardedBy: .computer(column: "ms.resourceID"),
        defaultOrder: ["ms.resourceID"],
        storage: { definition in definition.name == "ResourceID" ? .column("ms.resourceID") : .unqueryable }
    )
}
