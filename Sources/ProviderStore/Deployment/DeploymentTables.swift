import GRDB

/// The tables of deployments: advertisements, their ID counter, and the task sequence
/// variables of collections and computers.
public enum DeploymentTables {
    static func create(_ db: Database) throws {
        try db.create(table: "advertisement") { t in
            t.column("advertisementID", .text).notNull().primaryKey().collate(.nocase)
            t.column("advertisementName", .text).notNull()
            t.column("comment", .text).notNull().defaults(to: "")
            // No foreign keys: the service refuses to delete a package or collection that is
            // deployed, with a message naming the advertisements.
            t.column("collectionID", .text).notNull()
            t.column("packageID", .text).notNull()
            t.column("programName", .text).notNull()
            t.column("advertFlags", .integer).notNull()
            t.column("offerType", .integer).notNull()
            t.column("presentTime", .integer).notNull()
            t.column("presentTimeEnabled", .boolean).notNull()
            t.column("expirationTime", .integer).notNull()
            t.column("expirationTimeEnabled", .boolean).notNull()
            t.column("includeSubCollection", .boolean).notNull()
            t.column("sourceSite", .text).notNull()
            t.column("createdByUID", .integer)
        }
        try db.execute(sql: """
            CREATE INDEX advertisement_on_package ON advertisement(packageID COLLATE NOCASE);
            CREATE INDEX advertisement_on_collection ON advertisement(collectionID COLLATE NOCASE);
            """)
        try db.create(table: "advertisementIDAllocation") { t in
            t.column("siteCode", .text).notNull().primaryKey()
            t.column("lastNumber", .integer).notNull()
        }
        try db.create(table: "deploymentVariable") { t in
            t.column("ownerKind", .text).notNull()
            t.column("ownerKey", .text).notNull()
            t.column("position", .integer).notNull()
            t.column("name", .text).notNull()
            t.column("value", .text).notNull()
            t.column("isMasked", .boolean).notNull()
        }
        // Names are unique per owner without case (reference §9).
        try db.execute(sql: """
            CREATE UNIQUE INDEX deploymentVariable_on_name ON deploymentVariable(ownerKind, ownerKey, name COLLATE NOCASE);
            CREATE INDEX deploymentVariable_in_order ON deploymentVariable(ownerKind, ownerKey, position);
            """)
        try createGuards(db)
    }

    /// The message of the trigger that refuses deleting a deployed collection, `PROPERTY: RULE`;
    /// the service answers it as ValidationFailed.
    public static let deployedCollectionMessage = "CollectionID: the collection is the target of advertisements; delete them first"

    /// Whoever deletes a collection or a computer (the collection and computer code knows
    /// nothing of deployments): a collection that advertisements target stays, and the
    /// variables of what goes go with it.
    private static func createGuards(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TRIGGER collection_deployed BEFORE DELETE ON collection
            WHEN EXISTS (SELECT 1 FROM advertisement WHERE collectionID = OLD.collectionID COLLATE NOCASE)
            BEGIN SELECT RAISE(ABORT, '\(deployedCollectionMessage)'); END;
            CREATE TRIGGER collection_variables_go AFTER DELETE ON collection BEGIN
                DELETE FROM deploymentVariable WHERE ownerKind = 'collection' AND ownerKey = OLD.collectionID;
            END;
            CREATE TRIGGER computer_variables_go AFTER DELETE ON computer BEGIN
                DELETE FROM deploymentVariable WHERE ownerKind = 'machine' AND ownerKey = CAST(OLD.resourceID AS TEXT);
            END;
            """)
    }
}
