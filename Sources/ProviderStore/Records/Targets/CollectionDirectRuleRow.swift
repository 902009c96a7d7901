/// A direct membership rule (SMS_CollectionRuleDirect): one computer, by ResourceID.
public struct CollectionDirectRuleRow: Codable, Sendable, Equatable {
    public static let databaseTableName = "collectionRuleDirect"

    /// The table's columns, as the store's SQL names them.
    public enum Columns: String, CaseIterable {
        case collectionID, resourceID, ruleName
    }

    public var collectionID: String
    public var resourceID: Int64
    /// The rule's name; the console uses the computer's name.
    public var ruleName: String

    public init(collectionID: String, resourceID: Int64, ruleName: String) {
        self.collectionID = collectionID
        self.resourceID = resourceID
        self.ruleName = ruleName
    }

    init(row: SQLRow) throws {
        self.init(collectionID: try row.decode(Columns.collectionID), resourceID: try row.decode(Columns.resourceID), ruleName: try row.decode(Columns.ruleName))
    }
}

extension CollectionDirectRuleRow {
    /// The direct rules of a collection, by ResourceID.
    public static func fetchAll(_ db: StoreDatabase, collectionID: String) throws -> [CollectionDirectRuleRow] {
        try db.rows("SELECT collectionID, resourceID, ruleName FROM collectionRuleDirect WHERE collectionID = ? ORDER BY resourceID", [collectionID])
            .map(CollectionDirectRuleRow.init(row:))
    }

    /// The collections whose direct rules name `resourceID`.
    public static func collectionIDs(_ db: StoreDatabase, naming resourceID: Int64) throws -> [String] {
        try db.values(String.self, "SELECT collectionID FROM collectionRuleDirect WHERE resourceID = ? ORDER BY collectionID", [resourceID])
    }

    /// Whether the collection has a direct rule for `resourceID`.
    public static func exists(_ db: StoreDatabase, collectionID: String, resourceID: Int64) throws -> Bool {
        try db.exists("SELECT 1 FROM collectionRuleDirect WHERE collectionID = ? AND resourceID = ?", [collectionID, resourceID])
    }

    /// Adds the rule.
    public func insert(_ db: StoreDatabase) throws {
        try db.run("INSERT INTO collectionRuleDirect (collectionID, resourceID, ruleName) VALUES (?, ?, ?)", [collectionID, resourceID, ruleName])
    }

    /// Removes the rule naming `resourceID` from the collection; returns whether there was one.
    @discardableResult
    public static func delete(_ db: StoreDatabase, collectionID: String, resourceID: Int64) throws -> Bool {
        try db.run("DELETE FROM collectionRuleDirect WHERE collectionID = ? AND resourceID = ?", [collectionID, resourceID]) > 0
    }
}
