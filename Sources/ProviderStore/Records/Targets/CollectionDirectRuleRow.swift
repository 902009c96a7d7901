import GRDB

/// A direct membership rule (SMS_CollectionRuleDirect): one computer, by ResourceID.
public struct CollectionDirectRuleRow: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "collectionRuleDirect"

    public var collectionID: String
    public var resourceID: Int64
    /// The rule's name; the console uses the computer's name.
    public var ruleName: String

    public init(collectionID: String, resourceID: Int64, ruleName: String) {
        self.collectionID = collectionID
        self.resourceID = resourceID
        self.ruleName = ruleName
    }

    /// The direct rules of a collection, by ResourceID.
    public static func fetchAll(_ db: Database, collectionID: String) throws -> [CollectionDirectRuleRow] {
        try fetchAll(db, sql: "SELECT * FROM collectionRuleDirect WHERE collectionID = ? ORDER BY resourceID", arguments: [collectionID])
    }

    /// The collections whose direct rules name `resourceID`.
    public static func collectionIDs(_ db: Database, naming resourceID: Int64) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT collectionID FROM collectionRuleDirect WHERE resourceID = ? ORDER BY collectionID", arguments: [resourceID])
    }

    /// Whether the collection has a direct rule for `resourceID`.
    public static func exists(_ db: Database, collectionID: String, resourceID: Int64) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM collectionRuleDirect WHERE collectionID = ? AND resourceID = ?)",
                          arguments: [collectionID, resourceID]) ?? false
    }
}
