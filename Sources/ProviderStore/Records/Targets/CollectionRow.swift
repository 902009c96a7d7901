import GRDB

/// A collection of computers (SMS_Collection). Members come from its direct and query rules;
/// `parentCollectionID` makes it a sub-collection (SMS_CollectToSubCollect).
public struct CollectionRow: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "collection"

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

    /// The collection with this ID.
    public static func fetchOne(_ db: Database, collectionID: String) throws -> CollectionRow? {
        try fetchOne(db, sql: "SELECT * FROM collection WHERE collectionID = ?", arguments: [collectionID])
    }

    /// The collection named `name`, compared without case.
    public static func fetchOne(_ db: Database, name: String) throws -> CollectionRow? {
        try fetchOne(db, sql: "SELECT * FROM collection WHERE name = ? COLLATE NOCASE", arguments: [name])
    }

    /// Whether a collection has this ID.
    public static func exists(_ db: Database, collectionID: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM collection WHERE collectionID = ?)", arguments: [collectionID]) ?? false
    }

    /// The stored spelling of a CollectionID given in any case.
    public static func storedID(_ db: Database, _ collectionID: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT collectionID FROM collection WHERE collectionID = ? COLLATE NOCASE", arguments: [collectionID])
    }

    /// The collections meeting `restriction` (trusted SQL over the column `collectionID`; `nil`:
    /// all), in CollectionID order.
    public static func fetchAll(_ db: Database, restrictedBy restriction: SQL?) throws -> [CollectionRow] {
        let condition: SQL = restriction.map { "WHERE \($0)" } ?? ""
        let request: SQLRequest<CollectionRow> = "SELECT * FROM collection \(condition) ORDER BY collectionID"
        return try request.fetchAll(db)
    }

    /// The IDs of the collections that have at least one query rule.
    public static func idsWithQueryRules(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT DISTINCT collectionID FROM collectionRuleQuery ORDER BY collectionID")
    }

    /// Every CollectionID, in order.
    public static func allIDs(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT collectionID FROM collection ORDER BY collectionID")
    }

    /// `collectionID` and every collection above it, nearest first (bounded: the store keeps no
    /// cycles, the bound guards against a store changed behind the provider's back).
    public static func ancestry(_ db: Database, of collectionID: String) throws -> [String] {
        try String.fetchAll(db, sql: """
            WITH RECURSIVE up(id, depth) AS (
                SELECT ?, 0
                UNION ALL SELECT c.parentCollectionID, up.depth + 1 FROM collection c JOIN up ON c.collectionID = up.id
                WHERE c.parentCollectionID IS NOT NULL AND up.depth < 256)
            SELECT id FROM up ORDER BY depth
            """, arguments: [collectionID])
    }

    /// The IDs of the collections directly under `collectionID`.
    public static func childIDs(_ db: Database, of collectionID: String) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT collectionID FROM collection WHERE parentCollectionID = ? ORDER BY collectionID", arguments: [collectionID])
    }
}
