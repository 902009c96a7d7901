/// One step of the PostgreSQL schema: applied once, in order, in its own transaction, and
/// recorded by identifier. Like SQLite's migrations, a released one never changes.
public struct PostgresMigration: Sendable {
    public let identifier: String
    public let sql: String

    public init(_ identifier: String, sql: String) {
        self.identifier = identifier
        self.sql = sql
    }
}

/// The store's schema on PostgreSQL, equivalent table for table, column for column and index for
/// index to the SQLite migrations (`StoreSchema`).
///
/// A new engine has no old stores to upgrade, so the first migration is the final schema of
/// SQLite's migrations up to `history-v5-revision-images`; later changes append a migration to
/// both lists. Each area's tables are in `PostgresSchema+<Area>.swift`.
///
/// Types: SQLite INTEGER is `bigint` (booleans stay 0/1 integers, as the store binds and reads
/// them), TEXT is `text`, BLOB `bytea`; identifiers unquoted camelCase (PostgreSQL folds them to
/// lower case, as it folds the store's statements), `"references"` and `"foreign"` quoted because
/// they are keywords; integer keys SQLite assigns are identity columns.
///
/// Case: WQL compares strings without regard to case. Columns that SQLite declares or indexes
/// `COLLATE NOCASE`, or that the store looks up case-insensitively, are `citext` here, so `=`,
/// `IN` and `ORDER BY` on them are case-insensitive and served by their b-tree indexes. (Bind
/// arguments untyped: a parameter declared `text` turns `citextColumn = $1` into a case-sensitive
/// text comparison that no index serves.) See `PostgresSchema+Search.swift` for `LIKE`.
public enum PostgresSchema {
    public static let migrations: [PostgresMigration] = [
        PostgresMigration("postgresql-v1: the schema of SQLite's migrations up to history-v5-revision-images", sql: [
            extensions, packageTables, sequenceTables, revisionTable, referenceRows, queryIndexes,
            permissionTables, targetTables, macIndex, deploymentTables, deploymentGuards, historyTables, historyTriggers, searchIndexes,
        ].joined(separator: "\n")),
        PostgresMigration("postgresql-v2: conditionProperty.position (SQLite's v6-condition-property-position)", sql: conditionPropertyPosition),
        PostgresMigration("postgresql-v3: live first revision (SQLite's v7-live-first-revision)", sql: LiveImageSchema.postgres),
        PostgresMigration("postgresql-v4: revisions with References indexed (SQLite's v8-revision-references-index)", sql: HistorySchema.referencesIndex),
        PostgresMigration("postgresql-v5: step tracking in code (SQLite's v9-step-tracking-in-code)", sql: StepTrackingSchema.dropPostgreSQL),
        PostgresMigration("postgresql-v6: step variables as a document (SQLite's v10-step-variables-document)", sql: StepVariablesSchema.postgresql),
        PostgresMigration("postgresql-v7: parent indexes without the top level (SQLite's v11-parent-indexes-without-top-level)", sql: ParentIndexSchema.sql),
        PostgresMigration("postgresql-v8: expression properties read from the operand (SQLite's v12-expression-properties-in-operand)",
                          sql: ExpressionPropertiesSchema.sql),
        PostgresMigration("postgresql-v9: class indexes behind their container (SQLite's v14-class-indexes-within-their-container)",
                          sql: ClassIndexSchema.postgresql),
    ]

    /// Every table the migrations leave, in creation order (checked against SQLite's
    /// `sqlite_master` by the tests and scripts/compare-schemas.sh).
    public static let tables = [
        "package", "smsPackage", "packageIDAllocation", "step", "conditionOperand",
        "revision", "packageReference", "classPermission", "instancePermission", "permissionChange",
        "computer", "computerAssociation", "collection", "collectionRuleDirect", "collectionRuleQuery", "collectionMember",
        "collectionIDAllocation", "computerMAC", "advertisement", "advertisementIDAllocation", "deploymentVariable",
        "revisionPackage", "revisionStep", "revisionConditionOperand", "revisionTouchedStep",
        "stepOrigin", "packageLink", "revisionLiveImage",
    ]

    /// SQLite indexes that have no twin of their own because a `citext` key or index already
    /// serves them, and the PostgreSQL index that does (names as PostgreSQL keeps them).
    public static let foldedSQLiteIndexes: [String: String] = [
        "package_on_packageID_nocase": "package_pkey",
        "package_on_name_nocase": "package_on_name",
        "collection_on_collectionID_nocase": "collection_pkey",
    ]

    /// An expression's properties in their order within the expression (PostgreSQL keeps no
    /// insertion order). Rows written before it take their physical order, the nearest there is.
    static let conditionPropertyPosition = """
        ALTER TABLE conditionProperty ADD COLUMN position bigint NOT NULL DEFAULT 0;
        UPDATE conditionProperty c SET position = ordered.position
        FROM (SELECT ctid, row_number() OVER (PARTITION BY operandID ORDER BY ctid) - 1 AS position FROM conditionProperty) ordered
        WHERE c.ctid = ordered.ctid;
        """

    /// Both extensions are trusted (PostgreSQL 13 and later): the database's owner may create
    /// them without being a superuser. Debian's `postgresql` package ships them.
    static let extensions = """
        CREATE EXTENSION IF NOT EXISTS citext;
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        """

    /// `value` as an SQL string literal.
    static func literal(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
