import GRDB

/// A query membership rule (SMS_CollectionRuleQuery): the computers a WQL query over
/// SMS_R_System finds. The provider checks the query when the rule is added.
public struct CollectionQueryRuleRow: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "collectionRuleQuery"

    /// Assigned by the store on insert.
    public var queryID: Int64?
    public var collectionID: String
    public var ruleName: String
    public var queryExpression: String

    public init(queryID: Int64? = nil, collectionID: String, ruleName: String, queryExpression: String) {
        self.queryID = queryID
        self.collectionID = collectionID
        self.ruleName = ruleName
        self.queryExpression = queryExpression
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        queryID = inserted.rowID
    }

    /// The query rules of a collection, by QueryID.
    public static func fetchAll(_ db: Database, collectionID: String) throws -> [CollectionQueryRuleRow] {
        try fetchAll(db, sql: "SELECT * FROM collectionRuleQuery WHERE collectionID = ? ORDER BY queryID", arguments: [collectionID])
    }

    /// Every query rule of every collection, by collection then QueryID.
    public static func fetchAllOrdered(_ db: Database) throws -> [CollectionQueryRuleRow] {
        try fetchAll(db, sql: "SELECT * FROM collectionRuleQuery ORDER BY collectionID, queryID")
    }
}
