/// Computers, collections, the views over them, and deployments. Computers are guarded by the
/// rights on the collections they are members of, collections and their membership rows by
/// Read on the collection.
extension QuerySource {
    /// SMS_R_System: one row of `computer` each; references: ResourceID. Constant properties
    /// read as SQL literals: an imported computer is a system (ResourceType 5) without a
    /// client, active and current.
    public static let computer = QuerySource(
        table: "computer r",
        referenceColumns: ["r.resourceID"],
        guardedBy: .computer(column: "r.resourceID"),
        defaultOrder: ["r.resourceID"],
        storage: { definition in
            [
                "ResourceID": "r.resourceID", "Name": "r.name", "NetbiosName": "r.name", "SMBIOSGUID": "r.smbiosGUID",
                "CreationDate": "r.creationDate", "ResourceType": "5", "Client": "0", "Active": "1", "Obsolete": "0", "Decommissioned": "0",
            ][definition.name].map(ValueStorage.column) ?? .unqueryable
        }
    )

    /// SMS_Collection: one row of `collection` each, with its evaluated member count;
    /// references: CollectionID.
    public static let collection = QuerySource(
        table: "collection c",
        referenceColumns: ["c.collectionID"],
        guardedBy: .collection(column: "c.collectionID"),
        defaultOrder: ["c.collectionID"],
        storage: { definition in
            [
                "CollectionID": "c.collectionID", "Name": "c.name", "Comment": "c.comment", "CollectionType": "2",
                "MemberClassName": "('SMS_CM_RES_COLL_' || c.collectionID)",
                "MemberCount": "(SELECT COUNT(*) FROM collectionMember m WHERE m.collectionID = c.collectionID)",
                "LastChangeTime": "c.lastChangeTime", "LastMemberChangeTime": "c.lastChangeTime", "OwnedByThisSite": "1",
            ][definition.name].map(ValueStorage.column) ?? .unqueryable
        }
    )

    /// SMS_FullCollectionMembership: each member of each collection, guarded by Read on the
    /// collection (which, by the computer rule, also reads the member); references:
    /// CollectionID, ResourceID.
    public static let fullCollectionMembership = QuerySource(
        table: "collectionMember m JOIN computer r ON r.resourceID = m.resourceID",
        referenceColumns: ["m.collectionID", "m.resourceID"],
        guardedBy: .collection(column: "m.collectionID"),
        defaultOrder: ["m.collectionID", "m.resourceID"],
        storage: { definition in
            [
                "CollectionID": "m.collectionID", "ResourceID": "m.resourceID", "Name": "r.name", "IsDirect": "m.isDirect",
                "ResourceType": "5", "SMSID": "''",
            ][definition.name].map(ValueStorage.column) ?? .absent
        }
    )

    /// SMS_CollectToSubCollect: each collection that sits under another; references: the
    /// collection, its parent.
    public static let collectToSubCollect = QuerySource(
        table: "collection c",
        baseConditions: ["c.parentCollectionID IS NOT NULL"],
        referenceColumns: ["c.collectionID", "c.parentCollectionID"],
        guardedBy: .collection(column: "c.collectionID"),
        defaultOrder: ["c.parentCollectionID", "c.collectionID"],
        storage: { definition in
            ["parentCollectionID": "c.parentCollectionID", "subCollectionID": "c.collectionID"][definition.name].map(ValueStorage.column) ?? .absent
        }
    )

    /// SMS_StateMigration: each computer association, guarded by the destination computer; the
    /// source's name reads NULL for a caller who may not read the source. References: the
    /// destination's and the source's ResourceID.
    public static let stateMigration = QuerySource(
        table: "computerAssociation a JOIN computer d ON d.resourceID = a.destinationResourceID",
        guardedJoins: [GuardedJoin(join: "LEFT JOIN computer s ON s.resourceID = a.sourceResourceID", guardedBy: .computer(column: "s.resourceID"))],
        referenceColumns: ["a.destinationResourceID", "a.sourceResourceID"],
        guardedBy: .computer(column: "a.destinationResourceID"),
        defaultOrder: ["a.destinationResourceID", "a.sourceResourceID"],
        storage: { definition in
            [
                "SourceClientResourceID": "a.sourceResourceID", "RestoreClientResourceID": "a.destinationResourceID",
                "SourceName": "s.name", "RestoreName": "d.name", "MigrationType": "1", "CreationDate": "a.creationDate",
            ][definition.name].map(ValueStorage.column) ?? .absent
        }
    )

    /// SMS_Advertisement: one row of `advertisement` each, guarded by the advertisement's own
    /// Read right (object key 3); references: AdvertisementID.
    public static let advertisement = QuerySource(
        table: "advertisement a",
        referenceColumns: ["a.advertisementID"],
        guardedBy: .securedInstance(objectKey: 3, column: "a.advertisementID"),
        defaultOrder: ["a.advertisementID"],
        storage: { definition in
            // Every SMS_Advertisement property is a column named like it, first letter lowercased.
            let column = definition.name.prefix(1).lowercased() + definition.name.dropFirst()
            return advertisementColumns.contains(column) ? .column("a.\(column)") : .absent
        }
    )

    private static let advertisementColumns: Set<String> = [
        "advertisementID", "advertisementName", "comment", "collectionID", "packageID", "programName", "advertFlags", "offerType",
        "presentTime", "presentTimeEnabled", "expirationTime", "expirationTimeEnabled", "includeSubCollection", "sourceSite",
    ]

    /// SMS_CollectionSettings: one row per collection (every collection has settings), guarded
    /// by the collection's Read right; references: CollectionID. Its variables are lazy: read
    /// them on the object.
    public static let collectionSettings = QuerySource(
        table: "collection cs",
        referenceColumns: ["cs.collectionID"],
        guardedBy: .collection(column: "cs.collectionID"),
        defaultOrder: ["cs.collectionID"],
        storage: { definition in definition.name == "CollectionID" ? .column("cs.collectionID") : .unqueryable }
    )

    /// SMS_MachineSettings: one row per computer, guarded as the computer is; references: ResourceID.
    public static let machineSettings = QuerySource(
        table: "computer ms",
        referenceColumns: ["ms.resourceID"],
        guardedBy: .computer(column: "ms.resourceID"),
        defaultOrder: ["ms.resourceID"],
        storage: { definition in definition.name == "ResourceID" ? .column("ms.resourceID") : .unqueryable }
    )
}
