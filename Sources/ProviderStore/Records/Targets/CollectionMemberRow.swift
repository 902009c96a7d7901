import GRDB

/// One computer in one collection, as the last evaluation of the collection's rules found it
/// (ConfigMgr keeps evaluated memberships too: SMS_FullCollectionMembership). The provider
/// evaluates again in the transaction that changes a rule or a computer.
public struct CollectionMemberRow: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "collectionMember"

    public var collectionID: String
    public var resourceID: Int64
    /// Whether a direct rule brought the computer in (a query rule otherwise).
    public var isDirect: Bool

    public init(collectionID: String, resourceID: Int64, isDirect: Bool) {
        self.collectionID = collectionID
        self.resourceID = resourceID
        self.isDirect = isDirect
    }

    /// The members of a collection, by ResourceID.
    public static func fetchAll(_ db: Database, collectionID: String) throws -> [CollectionMemberRow] {
        try fetchAll(db, sql: "SELECT * FROM collectionMember WHERE collectionID = ? ORDER BY resourceID", arguments: [collectionID])
    }

    /// The members of a collection with their computers' names, by ResourceID.
    public static func fetchAllNamed(_ db: Database, collectionID: String) throws -> [(member: CollectionMemberRow, name: String)] {
        try Row.fetchAll(db, sql: """
            SELECT m.collectionID, m.resourceID, m.isDirect, r.name FROM collectionMember m JOIN computer r ON r.resourceID = m.resourceID
            WHERE m.collectionID = ? ORDER BY m.resourceID
            """, arguments: [collectionID]).map { row in
            (CollectionMemberRow(collectionID: row["collectionID"], resourceID: row["resourceID"], isDirect: row["isDirect"]), row["name"])
        }
    }

    /// How many computers are in a collection.
    public static func count(_ db: Database, collectionID: String) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM collectionMember WHERE collectionID = ?", arguments: [collectionID]) ?? 0
    }

    /// The ResourceIDs in a collection, by ResourceID, with whether a direct rule brought each.
    public static func members(_ db: Database, of collectionID: String) throws -> [Int64: Bool] {
        // Read column by column, not decoded as records: collections are re-evaluated on every import.
        var members: [Int64: Bool] = [:]
        let rows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT resourceID, isDirect FROM collectionMember WHERE collectionID = ?"), arguments: [collectionID])
        while let row = try rows.next() {
            members[row[0]] = row[1]
        }
        return members
    }

    /// The collections `resourceID` is a member of, by CollectionID.
    public static func collectionIDs(_ db: Database, containing resourceID: Int64) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT collectionID FROM collectionMember WHERE resourceID = ? ORDER BY collectionID", arguments: [resourceID])
    }

    /// A `SELECT` of the ResourceIDs that are members of the collections `collections` (a
    /// `SELECT` of CollectionIDs) selects, for rights filters.
    public static func resourceIDs(inCollections collections: SQL) -> SQL {
        "SELECT resourceID FROM collectionMember WHERE collectionID IN (\(collections))"
    }

    /// Makes the members of `collectionID` `members` (ResourceID → direct), given that they are
    /// `current` now: only the rows that differ are written, so a new computer found by a rule
    /// costs one row, not a rewrite of the collection.
    public static func updateMembers(_ db: Database, of collectionID: String, from current: [Int64: Bool], to members: [Int64: Bool]) throws {
        for resourceID in current.keys.sorted() where members[resourceID] == nil {
            try db.execute(sql: "DELETE FROM collectionMember WHERE collectionID = ? AND resourceID = ?", arguments: [collectionID, resourceID])
        }
        for (resourceID, isDirect) in members.sorted(by: { $0.key < $1.key }) where current[resourceID] != isDirect {
            try CollectionMemberRow(collectionID: collectionID, resourceID: resourceID, isDirect: isDirect).save(db)
        }
    }
}
