/// One computer in one collection, as the last evaluation of the collection's rules found it
/// (ConfigMgr keeps evaluated memberships too: SMS_FullCollectionMembership). The provider
/// evaluates again in the transaction that changes a rule or a computer.
public struct CollectionMemberRow: Codable, Sendable, Equatable {
    public static let databaseTableName = "collectionMember"

    /// The table's columns, as the store's SQL names them.
    public enum Columns: String, CaseIterable {
        case collectionID, resourceID, isDirect
    }

    public var collectionID: String
    public var resourceID: Int64
    /// Whether a direct rule brought the computer in (a query rule otherwise).
    public var isDirect: Bool

    public init(collectionID: String, resourceID: Int64, isDirect: Bool) {
        self.collectionID = collectionID
        self.resourceID = resourceID
        self.isDirect = isDirect
    }

    init(row: SQLRow) throws {
        self.init(collectionID: try row.decode(Columns.collectionID), resourceID: try row.decode(Columns.resourceID), isDirect: try row.decode(Columns.isDirect))
    }
}

extension CollectionMemberRow {
    /// The members of a collection, by ResourceID.
    public static func fetchAll(_ db: StoreDatabase, collectionID: String) throws -> [CollectionMemberRow] {
        try db.rows("SELECT collectionID, resourceID, isDirect FROM collectionMember WHERE collectionID = ? ORDER BY resourceID", [collectionID])
            .map(CollectionMemberRow.init(row:))
    }

    /// The members of a collection with their computers' names, by ResourceID.
    public static func fetchAllNamed(_ db: StoreDatabase, collectionID: String) throws -> [(member: CollectionMemberRow, name: String)] {
        try db.rows("""
            SELECT m.collectionID, m.resourceID, m.isDirect, r.name FROM collectionMember m JOIN computer r ON r.resourceID = m.resourceID
            WHERE m.collectionID = ? ORDER BY m.resourceID
            """, [collectionID]).map { row in
            (try CollectionMemberRow(row: row), try row.decode(ComputerRow.Columns.name, as: String.self))
        }
    }

    /// How many computers are in a collection.
    public static func count(_ db: StoreDatabase, collectionID: String) throws -> Int {
        try db.value(Int.self, "SELECT COUNT(*) FROM collectionMember WHERE collectionID = ?", [collectionID]) ?? 0
    }

    /// The ResourceIDs in a collection, with whether a direct rule brought each.
    public static func members(_ db: StoreDatabase, of collectionID: String) throws -> [Int64: Bool] {
        // Read column by column, not decoded as records: collections are re-evaluated on every import.
        var members: [Int64: Bool] = [:]
        try db.forEachRow("SELECT resourceID, isDirect FROM collectionMember WHERE collectionID = ?", [collectionID]) { row in
            members[try row.decode(at: 0, as: Int64.self)] = try row.decode(at: 1, as: Bool.self)
        }
        return members
    }

    /// The collections `resourceID` is a member of, by CollectionID.
    public static func collectionIDs(_ db: StoreDatabase, containing resourceID: Int64) throws -> [String] {
        try db.values(String.self, "SELECT collectionID FROM collectionMember WHERE resourceID = ? ORDER BY collectionID", [resourceID])
    }

    /// Makes the members of `collectionID` `members` (ResourceID → direct), given that they are
    /// `current` now: only the rows that differ are written, so a new computer found by a rule
    /// costs one row, not a rewrite of the collection.
    public static func updateMembers(_ db: StoreDatabase, of collectionID: String, from current: [Int64: Bool], to members: [Int64: Bool]) throws {
        for resourceID in current.keys.sorted() where members[resourceID] == nil {
            try db.run("DELETE FROM collectionMember WHERE collectionID = ? AND resourceID = ?", [collectionID, resourceID])
        }
        for (resourceID, isDirect) in members.sorted(by: { $0.key < $1.key }) where current[resourceID] != isDirect {
            try db.run("""
                INSERT INTO collectionMember (collectionID, resourceID, isDirect) VALUES (?, ?, ?)
                ON CONFLICT (collectionID, resourceID) DO UPDATE SET isDirect = excluded.isDirect
                """, [collectionID, resourceID, isDirect])
        }
    }
}
