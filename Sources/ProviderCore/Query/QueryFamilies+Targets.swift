import ProviderStore
import TaskSequenceModel

/// Computers, collections and the views over them. Computers are guarded by the rights on the
/// collections they are members of (``AccessPolicy/readableComputers(for:in:)``), collections
/// and their membership rows by Read on the collection.
extension QueryFamilies {
    /// SMS_R_System: one row of `computer` each. Constant properties read as SQL literals: an
    /// imported computer is a system (ResourceType 5) without a client, active and current.
    static let computer = QueryFamily(
        classes: [ClassName.computer],
        table: "computer r",
        referenceColumns: ["r.resourceID"],
        makeReference: { values in UInt32.fromSQL(values[0]).map(ObjectReference.computer) },
        guardedBy: .computer(column: "r.resourceID"),
        defaultOrder: ["r.resourceID"],
        storage: { definition in
            [
                "ResourceID": "r.resourceID", "Name": "r.name", "NetbiosName": "r.name", "SMBIOSGUID": "r.smbiosGUID",
                "CreationDate": "r.creationDate", "ResourceType": "5", "Client": "0", "Active": "1", "Obsolete": "0", "Decommissioned": "0",
            ][definition.name].map(ValueStorage.column) ?? .unqueryable
        }
    )

    /// SMS_Collection: one row of `collection` each, with its evaluated member count.
    static let collection = QueryFamily(
        classes: [ClassName.collection],
        table: "collection c",
        referenceColumns: ["c.collectionID"],
        makeReference: { values in String.fromSQL(values[0]).map(ObjectReference.collection) },
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
    /// collection (which, by the computer rule, also reads the member).
    static let fullCollectionMembership = QueryFamily(
        classes: [ClassName.fullCollectionMembership],
        table: "collectionMember m JOIN computer r ON r.resourceID = m.resourceID",
        referenceColumns: ["m.collectionID", "m.resourceID"],
        makeReference: { values in UInt32.fromSQL(values[1]).map(ObjectReference.computer) },
        makeRelativePath: { values in
            guard let collectionID = String.fromSQL(values[0]), let resourceID = Int64.fromSQL(values[1]) else { return nil }
            return "\(ClassName.fullCollectionMembership).CollectionID=\"\(collectionID)\",ResourceID=\(resourceID)"
        },
        guardedBy: .collection(column: "m.collectionID"),
        defaultOrder: ["m.collectionID", "m.resourceID"],
        storage: { definition in
            [
                "CollectionID": "m.collectionID", "ResourceID": "m.resourceID", "Name": "r.name", "IsDirect": "m.isDirect",
                "ResourceType": "5", "SMSID": "''",
            ][definition.name].map(ValueStorage.column) ?? .absent
        }
    )

    /// SMS_CollectToSubCollect: each collection that sits under another.
    static let collectToSubCollect = QueryFamily(
        classes: [ClassName.collectToSubCollect],
        table: "collection c",
        baseConditions: ["c.parentCollectionID IS NOT NULL"],
        referenceColumns: ["c.collectionID", "c.parentCollectionID"],
        makeReference: { values in String.fromSQL(values[0]).map(ObjectReference.collection) },
        makeRelativePath: { values in
            guard let sub = String.fromSQL(values[0]), let parent = String.fromSQL(values[1]) else { return nil }
            return "\(ClassName.collectToSubCollect).parentCollectionID=\"\(parent)\",subCollectionID=\"\(sub)\""
        },
        guardedBy: .collection(column: "c.collectionID"),
        defaultOrder: ["c.parentCollectionID", "c.collectionID"],
        storage: { definition in
            ["parentCollectionID": "c.parentCollectionID", "subCollectionID": "c.collectionID"][definition.name].map(ValueStorage.column) ?? .absent
        }
    )

    /// SMS_StateMigration: each computer association, guarded by the destination computer; the
    /// source's name reads NULL for a caller who may not read the source.
    static let stateMigration = QueryFamily(
        classes: [ClassName.stateMigration],
        table: "computerAssociation a JOIN computer d ON d.resourceID = a.destinationResourceID",
        guardedJoins: [.init(join: "LEFT JOIN computer s ON s.resourceID = a.sourceResourceID", guardedBy: .computer(column: "s.resourceID"))],
        referenceColumns: ["a.destinationResourceID", "a.sourceResourceID"],
        makeReference: { values in UInt32.fromSQL(values[0]).map(ObjectReference.computer) },
        makeRelativePath: { values in
            guard let destination = Int64.fromSQL(values[0]), let source = Int64.fromSQL(values[1]) else { return nil }
            return "\(ClassName.stateMigration).RestoreClientResourceID=\(destination),SourceClientResourceID=\(source)"
        },
        guardedBy: .computer(column: "a.destinationResourceID"),
        defaultOrder: ["a.destinationResourceID", "a.sourceResourceID"],
        storage: { definition in
            [
                "SourceClientResourceID": "a.sourceResourceID", "RestoreClientResourceID": "a.destinationResourceID",
                "SourceName": "s.name", "RestoreName": "d.name", "MigrationType": "1", "CreationDate": "a.creationDate",
            ][definition.name].map(ValueStorage.column) ?? .absent
        }
    )
}
