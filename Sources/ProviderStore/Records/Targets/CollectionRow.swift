/// A collection of computers (SMS_Collection). Members come from its direct and query rules;
/// `parentCollectionID` makes it a sub-collection (SMS_CollectToSubCollect).
public struct CollectionRow: Codable, Sendable, Equatable {
    public static let databaseTableName = "collection"

    /// The table's columns, as the store's SQL names them.
    public enum Columns: String, CaseIterable {
        case collectionID, name, comment, parentCollectionID, lastChangeTime, createdByUID
    }

    public var collectionID: String
    /// Unique without regard to case.
    public var name: String
    public var comment: String
    /// The collection this one sits under; `nil` for a top-level collection.
    public var parentCollectionID: String?
    /// Seconds since 1970 (UTC) of the last change to the collection or its rules.
    public var lastChangeTime: Int64
    public var createdByUID: UInt32?

    public init(collectionID: String = "", name: String, comment: String = "", parentCollectionID: String? = nil, lastChangeTime: Int64 = 0, createdByUID: UInt32? = nil) {
        self.collectionID = collectionID
        self.name = name
        self.comment = comment
        self.parentCollectionID = parentCollectionID
        self.lastChangeTime = lastChangeTime
        self.createdByUID = createdByUID
    }

    init(row: SQLRow) throws {
        self.init(
            collectionID: try row.decode(Columns.collectionID), name: try row.decode(Columns.name), comment: try row.decode(Columns.comment),
            parentCollectionID: try row.decode(Columns.parentCollectionID), lastChangeTime: try row.decode(Columns.lastChangeTime),
            createdByUID: try row.decode(Columns.createdByUID))
    }

    static let selection = "SELECT collectionID, name, comment, parentCollectionID, lastChangeTime, createdByUID FROM collection"
}

extension CollectionRow {
    /// The collection with this ID.
    public static func fetchOne(_ db: StoreDatabase, collectionID: String) throws -> CollectionRow? {
        try db.row(selection + " WHERE collectionID = ?", [collectionID]).map(CollectionRow.init(row:))
    }

    /// The collection named `name`, compared without case (the column ignores case).
    public static func fetchOne(_ db: StoreDatabase, name: String) throws -> CollectionRow? {
        try db.row(selection + " WHERE name = ?", [name]).map(CollectionRow.init(row:))
    }

    /// Whether a collection has this ID.
    public static func exists(_ db: StoreDatabase, collectionID: String) throws -> Bool {
        try db.exists("SELECT 1 FROM collection WHERE collectionID = ?", [collectionID])
    }

    /// The stored spelling of a CollectionID given in any case.
    public static func storedID(_ db: StoreDatabase, _ collectionID: String) throws -> String? {
        try db.value(String.self, "SELECT collectionID FROM collection WHERE \(db.dialect.keyEqualsIgnoringCase("collectionID"))", [collectionID])
    }

    /// The IDs of the collections that have at least one query rule.
    public static func idsWithQueryRules(_ db: StoreDatabase) throws -> [String] {
        try db.values(String.self, "SELECT DISTINCT collectionID FROM collectionRuleQuery ORDER BY collectionID")
    }

    /// Every CollectionID, in order.
    public static func allIDs(_ db: StoreDatabase) throws -> [String] {
        try db.values(String.self, "SELECT collectionID FROM collection ORDER BY collectionID")
    }

    /// `collectionID` and every collection above it, nearest first (bounded: the store keeps no
    /// cycles, the bound guards against a store changed behind the provider's back).
    public static func ancestry(_ db: StoreDatabase, of collectionID: String) throws -> [String] {
        // The CAST gives PostgreSQL the type of the recursive column.
        try db.values(String.self, """
            WITH RECURSIVE up(id, depth) AS (
                SELECT CAST(? AS TEXT), 0
                UNION ALL SELECT c.parentCollectionID, up.depth + 1 FROM collection c JOIN up ON c.collectionID = up.id
                WHERE c.parentCollectionID IS NOT NULL AND up.depth < 256)
            SELECT id FROM up ORDER BY depth
            """, [collectionID])
    }

    /// The IDs of the collections directly under `collectionID`.
    public static func childIDs(_ db: StoreDatabase, of collectionID: String) throws -> [String] {
        try db.values(String.self, "SELECT collectionID FROM collection WHERE parentCollectionID = ? ORDER BY collectionID", [collectionID])
    }

    /// Stores a new collection.
    public func insert(_ db: StoreDatabase) throws {
        try db.run("""
            INSERT INTO collection (collectionID, name, comment, parentCollectionID, lastChangeTime, createdByUID) VALUES (?, ?, ?, ?, ?, ?)
            """, [collectionID, name, comment, parentCollectionID, lastChangeTime, createdByUID])
    }

    /// Writes the collection's name, comment, parent and change time.
    public func update(_ db: StoreDatabase) throws {
        try db.run("UPDATE collection SET name = ?, comment = ?, parentCollectionID = ?, lastChangeTime = ? WHERE collectionID = ?",
                   [name, comment, parentCollectionID, lastChangeTime, collectionID])
    }

    /// Removes the collection; its rules and members go with it.
    public func delete(_ db: StoreDatabase) throws {
        try db.run("DELETE FROM collection WHERE collectionID = ?", [collectionID])
    }
}
