import Foundation
import GRDB

/// The store's schema, as an ordered list of migrations.
///
/// A migration, once released, never changes: new needs get a new migration.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: packages, sequences as trees, revisions") { db in
            try createPackageTables(db)
            try createSequenceTables(db)
            try createRevisionTable(db)
        }
        migrator.registerMigration("v2: case-insensitive indexes for queries") { db in
            try createQueryIndexes(db)
        }
        migrator.registerMigration("v3: class and instance permissions, their audit trail") { db in
            try createPermissionTables(db)
        }
        migrator.registerMigration("v4-package-properties: every SMS_TaskSequencePackage property") { db in
            try PackagePropertyColumns.addV4Columns(db)
        }
        migrator.registerMigration("v4-query-facts: package references as rows for the reference views") { db in
            try createReferenceRows(db)
        }
        migrator.registerMigration("v4-import-warnings") { db in
            // The warnings an import or SetSequence reported (JSON array of text); NULL for
            // changes that did not bring in a whole sequence.
            try db.alter(table: "revision") { t in t.add(column: "warnings", .text) }
            // The latest such revision of a package (ImportWarnings), and of every package at
            // once (listings), without reading the revisions that are edits.
            try db.execute(sql: "CREATE INDEX revision_with_warnings ON revision(packageID, id) WHERE warnings IS NOT NULL")
        }
        migrator.registerMigration("v5-targets-computers-collections: SMS_R_System, associations, SMS_Collection, rules, members") { db in
            try TargetSchema.create(db)
        }
        migrator.registerMigration("v5-targets-mac-index: computers by MAC address through an index") { db in
            try TargetSchema.createMACIndex(db)
        }
        migrator.registerMigration("v5-deploy-advertisements-variables") { db in
            try DeploymentTables.create(db)
        }
        migrator.registerMigration("history-v5-revision-images: every revision readable, lineage of copies and merges") { db in
            try HistorySchema.create(db)
        }
        migrator.registerMigration("v6-condition-property-position") { db in
            try addConditionPropertyPosition(db)
        }
        migrator.registerMigration("v7-live-first-revision: a snapshot revision points at the live rows until they change") { db in
            try LiveImageSchema.createSQLite(db)
        }
        migrator.registerMigration("v8-revision-references-index: the latest References of a package found without walking its revisions") { db in
            try db.execute(sql: HistorySchema.referencesIndex)
        }
        migrator.registerMigration("v9-step-tracking-in-code: no row triggers on steps, variables, operands; two unread indexes gone") { db in
            try db.execute(sql: StepTrackingSchema.dropSQLite)
        }
        migrator.registerMigration("v10-step-variables-document: a step's variables as one JSON document in its row") { db in
            try db.execute(sql: StepVariablesSchema.sqlite)
        }
        migrator.registerMigration("v11-parent-indexes-without-top-level: no index entry for a row without parent") { db in
            try db.execute(sql: ParentIndexSchema.sql)
        }
        migrator.registerMigration("v12-expression-properties-in-operand: a condition expression's properties read from its operand row") { db in
            try db.execute(sql: ExpressionPropertiesSchema.sql)
        }
        migrator.registerMigration("v13-instance-permissions-without-rowid: an instance's rights kept in their primary key's B-tree alone") { db in
            try db.execute(sql: InstancePermissionSchema.sql)
        }
        migrator.registerMigration("v14-class-indexes-within-their-container: a step's class indexed behind its package, an operand's behind its step") { db in
            try db.execute(sql: ClassIndexSchema.sqlite)
        }
        return migrator
    }

    /// Each entry of `package.references` as a row of `packageReference`, kept equal to the
    /// JSON by triggers (whatever writes the column), so the reference views
    /// (SMS_TaskSequencePackageReference …) find "who uses package X" through an index instead of
    /// unpacking every package's JSON. `objectID` is the package, or an application's model name.
    private static func createReferenceRows(_ db: Database) throws {
        let entries = """
            SELECT %@, r.key, COALESCE(json_extract(r.value, '$.package'), ''), COALESCE(json_extract(r.value, '$.program'), ''),
                COALESCE(json_extract(r.value, '$.application'), ''),
                CASE WHEN COALESCE(json_extract(r.value, '$.package'), '') <> '' THEN json_extract(r.value, '$.package')
                     ELSE COALESCE(json_extract(r.value, '$.application'), '') END
            """
        let fromNew = entries.replacingOccurrences(of: "%@", with: "NEW.packageID") + #" FROM json_each(NEW."references") r"#
        try db.execute(sql: """
            CREATE TABLE packageReference (
                packageID TEXT NOT NULL REFERENCES package(packageID) ON DELETE CASCADE ON UPDATE CASCADE,
                position INTEGER NOT NULL,
                package TEXT NOT NULL,
                program TEXT NOT NULL,
                application TEXT NOT NULL,
                objectID TEXT NOT NULL,
                PRIMARY KEY (packageID, position)
            );
            CREATE INDEX packageReference_on_objectID_nocase ON packageReference(objectID COLLATE NOCASE);
            CREATE TRIGGER package_references_inserted AFTER INSERT ON package BEGIN
                INSERT INTO packageReference \(fromNew);
            END;
            CREATE TRIGGER package_references_updated AFTER UPDATE OF "references", packageID ON package BEGIN
                DELETE FROM packageReference WHERE packageID = NEW.packageID;
                INSERT INTO packageReference \(fromNew);
            END;
            INSERT INTO packageReference \(entries.replacingOccurrences(of: "%@", with: "p.packageID")) FROM package p, json_each(p."references") r;
            """)
    }

    private static func createPackageTables(_ db: Database) throws {
        try db.create(table: "package") { t in
            t.primaryKey("packageID", .text)
            t.column("name", .text).notNull().defaults(to: "")
            t.column("description", .text).notNull().defaults(to: "")
            t.column("version", .text).notNull().defaults(to: "")
            t.column("manufacturer", .text).notNull().defaults(to: "")
            t.column("language", .text).notNull().defaults(to: "")
            t.column("category", .text).notNull().defaults(to: "")
            t.column("bootImageID", .text).notNull().defaults(to: "")
            t.column("duration", .integer).notNull().defaults(to: 0)
            t.column("programFlags", .integer).notNull()
            t.column("dependentProgram", .text).notNull().defaults(to: "")
            t.column("customProgressMessage", .text).notNull().defaults(to: "")
            t.column("type", .integer).notNull().defaults(to: 1)
            t.column("taskSequenceFlags", .integer).notNull().defaults(to: 0)
            t.column("references", .text).notNull().defaults(to: "[]")
            t.column("referencesCount", .integer).notNull().defaults(to: 0)
            t.column("sourceVersion", .integer).notNull().defaults(to: 0)
            t.column("sourceDate", .integer).notNull().defaults(to: 0)
            t.column("lastRefreshTime", .integer).notNull().defaults(to: 0)
            t.column("sourceSite", .text).notNull().defaults(to: "")
            t.column("packageType", .integer).notNull().defaults(to: 4)
            t.column("iconSize", .integer).notNull().defaults(to: 0)
            // The <sequence> element itself: its attributes and its children other than steps.
            t.column("sequenceAttributes", .text).notNull()
            t.column("layout", .text).notNull().defaults(to: "[]")
            t.column("createdByUID", .integer)
        }
        try db.create(index: "package_on_name", on: "package", columns: ["name"])

        // Packages that sequences reference: boot images, OS images, software packages.
        try db.create(table: "smsPackage") { t in
            t.primaryKey("packageID", .text)
            t.column("name", .text).notNull().defaults(to: "")
            t.column("description", .text).notNull().defaults(to: "")
            t.column("version", .text).notNull().defaults(to: "")
            t.column("manufacturer", .text).notNull().defaults(to: "")
            t.column("language", .text).notNull().defaults(to: "")
            t.column("packageType", .integer).notNull().defaults(to: 0)
            t.column("pkgSourcePath", .text).notNull().defaults(to: "")
            t.column("sourceVersion", .integer).notNull().defaults(to: 0)
            t.column("sourceDate", .integer).notNull().defaults(to: 0)
            t.column("createdByUID", .integer)
        }

        // The last number handed out per site code, so deleted IDs are never reused.
        try db.create(table: "packageIDAllocation") { t in
            t.primaryKey("siteCode", .text)
            t.column("lastNumber", .integer).notNull()
        }
    }

    private static func createSequenceTables(_ db: Database) throws {
        try db.create(table: "step") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("packageID", .text).notNull().references("package", onDelete: .cascade)
            t.column("parentID", .integer).references("step", onDelete: .cascade)
            t.column("position", .integer).notNull()
            t.column("kind", .text).notNull()
            // Copies of what `attributes` says, kept for queries.
            t.column("className", .text).notNull()
            t.column("name", .text).notNull()
            t.column("description", .text).notNull()
            t.column("enabled", .boolean).notNull()
            t.column("continueOnError", .boolean).notNull()
            t.column("supportedEnvironment", .text)
            t.column("timeout", .integer)
            t.column("actionText", .text)
            // Whether the step itself adds to References or Type; edits of steps that don't
            // spare the provider a walk over the whole sequence.
            t.column("contributesFacts", .boolean).notNull().defaults(to: false)
            // Whether the step has a <condition>, copied out of `layout` for listings and queries.
            t.column("hasCondition", .boolean).notNull().defaults(to: false)
            t.column("attributes", .text).notNull()
            // The step's children other than steps, variables and condition operands.
            t.column("layout", .text).notNull()
        }
        try db.create(index: "step_on_container", on: "step", columns: ["packageID", "parentID", "position"])
        try db.create(index: "step_on_parent", on: "step", columns: ["parentID"])
        try db.create(index: "step_on_className", on: "step", columns: ["className"])

        try db.create(table: "stepVariable") { t in
            t.column("stepID", .integer).notNull().references("step", onDelete: .cascade)
            t.column("position", .integer).notNull()
            t.column("name", .text).notNull()
            t.column("property", .text).notNull()
            t.column("value", .text).notNull()
            t.column("attributes", .text).notNull()
            // A non-variable entry of the list, kept verbatim (JSON Markup); name/property/value empty.
            t.column("foreign", .text)
            t.primaryKey(["stepID", "position"])
        }
        try db.create(index: "stepVariable_on_property", on: "stepVariable", columns: ["property", "stepID"])

        try db.create(table: "conditionOperand") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("stepID", .integer).notNull().references("step", onDelete: .cascade)
            t.column("parentID", .integer).references("conditionOperand", onDelete: .cascade)
            t.column("position", .integer).notNull()
            t.column("kind", .text).notNull()
            t.column("className", .text).notNull()
            t.column("attributes", .text).notNull()
            // Expression entries ([VariableListEntry]) or a foreign operand (Markup), as JSON.
            t.column("content", .text).notNull()
        }
        try db.create(index: "conditionOperand_on_container", on: "conditionOperand", columns: ["stepID", "parentID", "position"])
        try db.create(index: "conditionOperand_on_parent", on: "conditionOperand", columns: ["parentID"])

        // Expression properties, copied out of `content` for queries.
        try db.create(table: "conditionProperty") { t in
            t.column("operandID", .integer).notNull().references("conditionOperand", onDelete: .cascade)
            t.column("name", .text).notNull()
            t.column("value", .text).notNull()
        }
        try db.create(index: "conditionProperty_on_operand", on: "conditionProperty", columns: ["operandID"])
        try db.create(index: "conditionProperty_on_name_value", on: "conditionProperty", columns: ["name", "value"])
    }

    /// An expression's properties in their order within the expression, as a column both engines
    /// keep (PostgreSQL has no insertion order to read them back in). Existing rows take their
    /// order from `rowid`, the order they were inserted in.
    private static func addConditionPropertyPosition(_ db: Database) throws {
        try db.alter(table: "conditionProperty") { t in t.add(column: "position", .integer).notNull().defaults(to: 0) }
        try db.execute(sql: """
            UPDATE conditionProperty SET position = (
                SELECT COUNT(*) FROM conditionProperty earlier
                WHERE earlier.operandID = conditionProperty.operandID AND earlier.rowid < conditionProperty.rowid)
            """)
    }

    /// WQL compares strings without regard to case, so queries compare with `COLLATE NOCASE`,
    /// which only indexes of that collation serve: class names (`FROM` a step or condition class,
    /// `__CLASS =`), a step's package, a package's ID and name.
    private static func createQueryIndexes(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX package_on_packageID_nocase ON package(packageID COLLATE NOCASE);
            CREATE INDEX package_on_name_nocase ON package(name COLLATE NOCASE);
            CREATE INDEX step_on_packageID_nocase ON step(packageID COLLATE NOCASE);
            CREATE INDEX step_on_className_nocase ON step(className COLLATE NOCASE);
            CREATE INDEX conditionOperand_on_className_nocase ON conditionOperand(className COLLATE NOCASE);
            """)
    }

    private static func createRevisionTable(_ db: Database) throws {
        // No foreign key: the audit trail outlives the package it describes.
        try db.create(table: "revision") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("packageID", .text).notNull()
            t.column("sourceVersion", .integer).notNull()
            t.column("uid", .integer).notNull()
            t.column("userName", .text).notNull()
            t.column("time", .integer).notNull()
            t.column("change", .text).notNull()
            t.column("xml", .text)
        }
        try db.create(index: "revision_on_package", on: "revision", columns: ["packageID", "sourceVersion"])
    }

    /// SMS 2007 rights (reference §6.1): a principal's rights on a whole class, on one
    /// instance, and every change of either. Principals are Unix user names and `@group`s;
    /// both compare exactly, as Unix names do.
    private static func createPermissionTables(_ db: Database) throws {
        try db.create(table: "classPermission") { t in
            t.column("userName", .text).notNull()
            t.column("objectKey", .integer).notNull()
            t.column("rights", .integer).notNull()
            t.primaryKey(["userName", "objectKey"])
        }
        try db.create(table: "instancePermission") { t in
            t.column("userName", .text).notNull()
            t.column("objectKey", .integer).notNull()
            // The instance's key as the store spells it (a PackageID).
            t.column("instanceKey", .text).notNull()
            t.column("rights", .integer).notNull()
            t.primaryKey(["userName", "objectKey", "instanceKey"])
        }
        // Rights checks look up one instance for a handful of principals.
        try db.create(index: "instancePermission_on_instance", on: "instancePermission", columns: ["objectKey", "instanceKey"])

        // No foreign key: the audit trail outlives the rights it describes.
        try db.create(table: "permissionChange") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("time", .integer).notNull()
            t.column("uid", .integer).notNull()
            t.column("userName", .text).notNull()
            t.column("principal", .text).notNull()
            t.column("objectKey", .integer).notNull()
            t.column("instanceKey", .text)
            t.column("oldRights", .integer).notNull()
            t.column("newRights", .integer).notNull()
            t.column("change", .text).notNull()
        }
    }
}
