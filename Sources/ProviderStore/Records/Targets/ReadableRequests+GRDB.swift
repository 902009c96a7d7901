import GRDB

// The requests filtered by what a caller may read. The caller's readable set still arrives as
// GRDB's `SQL` (a condition over the key column, built by the access policy, which moves to a
// store-neutral readable set in its own change); rows are decoded by the records as everywhere
// else. This file goes when the policy hands the store its readable set.

extension ComputerRow {
    /// The computers meeting `restriction` (trusted SQL over the column `resourceID`; `nil`:
    /// all), in ResourceID order.
    public static func fetchAll(_ db: Database, restrictedBy restriction: SQL?) throws -> [ComputerRow] {
        let condition: SQL = restriction.map { "WHERE \($0)" } ?? ""
        return try db.storeRows(SQL(sql: selection) + " \(condition) ORDER BY resourceID").map(ComputerRow.init(row:))
    }
}

extension CollectionRow {
    /// The collections meeting `restriction` (trusted SQL over the column `collectionID`; `nil`:
    /// all), in CollectionID order.
    public static func fetchAll(_ db: Database, restrictedBy restriction: SQL?) throws -> [CollectionRow] {
        let condition: SQL = restriction.map { "WHERE \($0)" } ?? ""
        return try db.storeRows(SQL(sql: selection) + " \(condition) ORDER BY collectionID").map(CollectionRow.init(row:))
    }
}

extension CollectionMemberRow {
    /// A `SELECT` of the ResourceIDs that are members of the collections `collections` (a
    /// `SELECT` of CollectionIDs) selects, for rights filters.
    public static func resourceIDs(inCollections collections: SQL) -> SQL {
        "SELECT resourceID FROM collectionMember WHERE collectionID IN (\(collections))"
    }
}

extension AdvertisementRow {
    /// The advertisements `readable` (a condition over `advertisementID`, from the caller's
    /// rights) lets through, optionally only those of one package and of one collection, in ID
    /// order.
    public static func fetchAll(_ db: Database, packageID: String? = nil, collectionID: String? = nil, readable: SQL?) throws -> [AdvertisementRow] {
        guard let readable else { return try fetchAll(db as StoreDatabase, packageID: packageID, collectionID: collectionID) }
        let (condition, arguments) = try readable.build(db)
        let (filter, filterArguments) = filter(db.dialect, packageID: packageID, collectionID: collectionID, readable: condition)
        let request = SQL(sql: selection + filter + " ORDER BY advertisementID", arguments: arguments + StatementArguments(filterArguments))
        return try db.storeRows(request).map(AdvertisementRow.init(row:))
    }
}

extension DeploymentVariableRow {
    /// The distinct names of the variables of one kind of owner whose key meets `restriction` (a
    /// condition on `ownerKey`; `nil` for every owner).
    public static func names(_ db: Database, owner: Owner, restrictedBy restriction: SQL?) throws -> [String] {
        let filter: SQL = restriction.map { "AND \($0)" } ?? ""
        return try db.storeRows("SELECT DISTINCT name FROM deploymentVariable WHERE ownerKind = \(owner.rawValue) \(filter) ORDER BY name")
            .map { try $0.decode(Columns.name, as: String.self) }
    }
}

extension Database {
    /// The rows of a GRDB `SQL` request, as the store's records decode them.
    fileprivate func storeRows(_ request: SQL) throws -> [SQLRow] {
        let (sql, arguments) = try request.build(self)
        let statement = try cachedStatement(sql: sql)
        let columns = SQLColumns(statement.columnNames)
        return try Row.fetchAll(statement, arguments: arguments).map { row in
            SQLRow(columns: columns, values: row.databaseValues.map(SQLValue.init))
        }
    }
}

extension ComputerRow {
    /// The key column a readable set restricts (`ReadableSet.restriction(on:)`).
    public static var readableKey: SQL { SQL(sql: Columns.resourceID.rawValue) }
}

extension CollectionRow {
    /// The key column a readable set restricts (`ReadableSet.restriction(on:)`).
    public static var readableKey: SQL { SQL(sql: Columns.collectionID.rawValue) }
}

extension AdvertisementRow {
    /// The key column a readable set restricts (`ReadableSet.restriction(on:)`).
    public static var readableKey: SQL { SQL(sql: Columns.advertisementID.rawValue) }
}
