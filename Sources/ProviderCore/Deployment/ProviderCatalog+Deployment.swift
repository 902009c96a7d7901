import TaskSequenceModel

extension ProviderCatalog {
    /// SMS_Advertisement, the properties a task sequence deployment uses (reference §2.5).
    /// AdvertisementName, CollectionID, PackageID and ProgramName are Not_Null and fixed once
    /// the advertisement exists.
    static let advertisement = ClassDefinition(
        name: ClassName.advertisement,
        superclass: baseClass,
        kind: .security,
        properties: [
            .string("AdvertisementID").key().readOnly(),
            .string("AdvertisementName").notNull(),
            .string("Comment"),
            .string("CollectionID").notNull(),
            .string("PackageID").notNull(),
            .string("ProgramName").notNull(),
            .uint32("AdvertFlags").bits(),
            // 0 required, 2 available.
            .uint32("OfferType").documentedValues(["0", "2"]),
            .datetime("PresentTime"),
            .boolean("PresentTimeEnabled"),
            .datetime("ExpirationTime"),
            .boolean("ExpirationTimeEnabled"),
            .boolean("IncludeSubCollection"),
            .string("SourceSite").readOnly(),
        ]
    )

    /// SMS_CollectionVariable, embedded in SMS_CollectionSettings (reference §5): IsMasked makes
    /// the value write-only.
    static let collectionVariable = taskSequenceVariable(named: ClassName.collectionVariable)

    /// SMS_MachineVariable, embedded in SMS_MachineSettings (reference §5).
    static let machineVariable = taskSequenceVariable(named: ClassName.machineVariable)

    /// The two variable classes are alike: a name (§9: 1–256 characters), a value of at most
    /// 4,000 characters and whether it is masked.
    private static func taskSequenceVariable(named name: String) -> ClassDefinition {
        ClassDefinition(
            name: name,
            superclass: baseClass,
            kind: .embedded,
            properties: [
                .string("Name").key().allowedLength(1...256),
                .string("Value").allowedLength(0...4000),
                .boolean("IsMasked"),
            ]
        )
    }

    /// SMS_CollectionSettings: a collection's settings, here its task sequence variables.
    static let collectionSettings = ClassDefinition(
        name: ClassName.collectionSettings,
        superclass: baseClass,
        kind: .security,
        properties: [
            .string("CollectionID").key().readOnly(),
            .objects("CollectionVariables", of: ClassName.collectionVariable).lazy(),
        ]
    )

    /// SMS_MachineSettings: a computer's settings, here its task sequence variables (at most
    /// 1,000).
    static let machineSettings = ClassDefinition(
        name: ClassName.machineSettings,
        superclass: baseClass,
        kind: .security,
        properties: [
            .uint32("ResourceID").key().readOnly(),
            .objects("MachineVariables", of: ClassName.machineVariable).lazy(),
        ]
    )
}
