/// A query membership rule (SMS_CollectionRuleQuery): the computers a WQL query over
/// SMS_R_System finds. The provider checks the query when the rule is added.
public struct CollectionQueryRuleRow: Codable, Sendable, Equatable {
    public static let databaseTableName = "collectionRuleQuery"

    /// The table's columns, as the store's SQL names them.
    public enum Columns: String, CaseIterable {
        case queryID, collectionID, ruleName, queryExpression
    }

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

    init(row: SQLRow) throws {
        self.init(queryID: try row.decode(Columns.queryID), collectionID: try row.decode(Columns.collectionID),
                  ruleName: try row.decode(Columns.ruleName), queryExpression: try row.decode(Columns.queryExpression))
    }

    private static let selection = "SELECT queryID, collectionID, ruleName, queryExpression FROM collectionRuleQuery"
}

extension CollectionQueryRuleRow {
    /// The query rules of a collection, by QueryID.
    public static func fetchAll(_ db: StoreDatabase, collectionID: String) throws -> [CollectionQueryRuleRow] {
        try db.rows(selection + " WHERE collectionID = ? ORDER BY queryID", [collectionID]).map(CollectionQueryRuleRow.init(row:))
    }

    /// Every query rule of every collection, by collection then QueryID.
    public static func fetchAllOrdered(_ db: StoreDatabase) throws -> [CollectionQueryRuleRow] {
        try db.rows(selection + " ORDER BY collectionID, queryID").map(CollectionQueryRuleRow.init(row:))
    }

    /// Adds the rule; the store assigns its QueryID.
    public mutating func insert(_ db: StoreDatabase) throws {
        queryID = try db.insertReturningKey(
            "INSERT INTO collectionRuleQuery (collectionID, ruleName, queryExpression) VALUES (?, ?, ?)", [collectionID, ruleName, queryExpression],
            key: Columns.queryID.rawValue)
    }

    /// Removes the rule.
    public func delete(_ db: StoreDatabase) throws {
        try db.run("DELETE FROM collectionRuleQuery WHERE queryID = ?", [queryID])
    }
}
