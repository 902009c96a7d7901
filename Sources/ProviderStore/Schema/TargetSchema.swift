import GRDB

/// Tables for targeting (migration `v5-targets-computers-collections`): computers, their
/// side-by-side associations, collections with their rules and evaluated members.
enum TargetSchema {
    /// ConfigMgr gives system resources IDs from 16777216 up (0x01000000, the system resource
    /// type in the high byte); the first imported computer gets the next one.
    static let firstResourceID: Int64 = 16_777_217

    static func create(_ db: Database) throws {
        try db.create(table: "computer") { t in
            t.autoIncrementedPrimaryKey("resourceID")
            t.column("name", .text).notNull().unique().collate(.nocase)
            t.column("smbiosGUID", .text).notNull().defaults(to: "")
            t.column("macAddresses", .text).notNull().defaults(to: "[]")
            t.column("creationDate", .integer).notNull().defaults(to: 0)
            t.column("createdByUID", .integer)
        }
        try db.execute(sql: "INSERT INTO sqlite_sequence (name, seq) VALUES ('computer', ?)", arguments: [firstResourceID - 1])
        try db.create(index: "computer_on_smbiosGUID", on: "computer", columns: ["smbiosGUID"])

        try db.create(table: "computerAssociation") { t in
            t.column("sourceResourceID", .integer).notNull().references("computer", onDelete: .cascade)
            t.column("destinationResourceID", .integer).notNull().references("computer", onDelete: .cascade)
            t.column("creationDate", .integer).notNull().defaults(to: 0)
            t.primaryKey(["sourceResourceID", "destinationResourceID"])
        }
        try db.create(index: "computerAssociation_on_destination", on: "computerAssociation", columns: ["destinationResourceID"])

        try db.create(table: "collection") { t in
            t.primaryKey("collectionID", .text)
            t.column("name", .text).notNull().unique().collate(.nocase)
            t.column("comment", .text).notNull().defaults(to: "")
            // Deleting a collection that has sub-collections is refused by the provider.
            t.column("parentCollectionID", .text).references("collection", onDelete: .restrict)
            t.column("lastChangeTime", .integer).notNull().defaults(to: 0)
            t.column("createdByUID", .integer)
        }
        try db.create(index: "collection_on_parent", on: "collection", columns: ["parentCollectionID"])
        try db.execute(sql: "CREATE INDEX collection_on_collectionID_nocase ON collection(collectionID COLLATE NOCASE)")

        try db.create(table: "collectionRuleDirect") { t in
            t.column("collectionID", .text).notNull().references("collection", onDelete: .cascade)
            t.column("resourceID", .integer).notNull().references("computer", onDelete: .cascade)
            t.column("ruleName", .text).notNull().defaults(to: "")
            t.primaryKey(["collectionID", "resourceID"])
        }
        try db.create(index: "collectionRuleDirect_on_resource", on: "collectionRuleDirect", columns: ["resourceID"])

        try db.create(table: "collectionRuleQuery") { t in
            t.autoIncrementedPrimaryKey("queryID")
            t.column("collectionID", .text).notNull().references("collection", onDelete: .cascade)
            t.column("ruleName", .text).notNull()
            t.column("queryExpression", .text).notNull()
        }
        try db.create(index: "collectionRuleQuery_on_collection", on: "collectionRuleQuery", columns: ["collectionID"])

        try db.create(table: "collectionMember") { t in
            t.column("collectionID", .text).notNull().references("collection", onDelete: .cascade)
            t.column("resourceID", .integer).notNull().references("computer", onDelete: .cascade)
            t.column("isDirect", .boolean).notNull()
            t.primaryKey(["collectionID", "resourceID"])
        }
        try db.create(index: "collectionMember_on_resource", on: "collectionMember", columns: ["resourceID", "collectionID"])

        // CollectionIDs are numbered apart from PackageIDs, as in ConfigMgr.
        try db.create(table: "collectionIDAllocation") { t in
            t.primaryKey("siteCode", .text)
            t.column("lastNumber", .integer).notNull()
        }
    }

    /// Migration `v5-targets-mac-index`: each MAC address of each computer as an indexed row,
    /// kept equal to `computer.macAddresses` by triggers, so an import finds a computer with the
    /// same address through the index instead of unpacking every computer's JSON.
    static func createMACIndex(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE computerMAC (
                macAddress TEXT NOT NULL,
                resourceID INTEGER NOT NULL REFERENCES computer(resourceID) ON DELETE CASCADE,
                PRIMARY KEY (macAddress, resourceID)
            );
            CREATE INDEX computerMAC_on_resource ON computerMAC(resourceID);
            CREATE TRIGGER computer_macs_inserted AFTER INSERT ON computer BEGIN
                INSERT OR IGNORE INTO computerMAC SELECT m.value, NEW.resourceID FROM json_each(NEW.macAddresses) m;
            END;
            CREATE TRIGGER computer_macs_updated AFTER UPDATE OF macAddresses ON computer BEGIN
                DELETE FROM computerMAC WHERE resourceID = NEW.resourceID;
                INSERT OR IGNORE INTO computerMAC SELECT m.value, NEW.resourceID FROM json_each(NEW.macAddresses) m;
            END;
            INSERT OR IGNORE INTO computerMAC SELECT m.value, c.resourceID FROM computer c, json_each(c.macAddresses) m;
            """)
    }
}
