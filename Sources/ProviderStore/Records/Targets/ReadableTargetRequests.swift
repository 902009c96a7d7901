// The target and deployment requests filtered by what a caller may read: the readable set is a
// condition of the statement, on the table's key.

extension ComputerRow {
    /// The computers in `readable`, in ResourceID order.
    public static func fetchAll(_ db: StoreDatabase, readable: ReadableSet) throws -> [ComputerRow] {
        let filter = readable.clause("WHERE", on: Columns.resourceID.rawValue, dialect: db.dialect)
        return try db.rows(selection + filter.sql + " ORDER BY resourceID", filter.arguments).map(ComputerRow.init(row:))
    }
}

extension CollectionRow {
    /// The collections in `readable`, in CollectionID order.
    public static func fetchAll(_ db: StoreDatabase, readable: ReadableSet) throws -> [CollectionRow] {
        let filter = readable.clause("WHERE", on: Columns.collectionID.rawValue, dialect: db.dialect)
        return try db.rows(selection + filter.sql + " ORDER BY collectionID", filter.arguments).map(CollectionRow.init(row:))
    }
}

extension AdvertisementRow {
    /// The advertisements in `readable`, optionally only those of one package and of one
    /// collection, in ID order.
    public static func fetchAll(_ db: StoreDatabase, packageID: String? = nil, collectionID: String? = nil, readable: ReadableSet) throws -> [AdvertisementRow] {
        guard let condition = readable.condition(on: Columns.advertisementID.rawValue, dialect: db.dialect) else {
            return try fetchAll(db, packageID: packageID, collectionID: collectionID)
        }
        let (filter, filterArguments) = filter(db.dialect, packageID: packageID, collectionID: collectionID, readable: condition.sql)
        return try db.rows(selection + filter + " ORDER BY advertisementID", condition.arguments + filterArguments).map(AdvertisementRow.init(row:))
    }
}

extension DeploymentVariableRow {
    /// The distinct names of the variables of one kind of owner whose owner is in `readable`.
    public static func names(_ db: StoreDatabase, owner: Owner, readable: ReadableSet) throws -> [String] {
        // A machine's key is its ResourceID as text, and a computer set may be given by
        // ResourceIDs (collection members): PostgreSQL compares no text with bigint.
        let key = owner == .machine && db.dialect == .postgresql ? "CAST(\(Columns.ownerKey.rawValue) AS bigint)" : Columns.ownerKey.rawValue
        let filter = readable.clause("AND", on: key, dialect: db.dialect)
        return try db.values(String.self, "SELECT DISTINCT name FROM deploymentVariable WHERE ownerKind = ?\(filter.sql) ORDER BY name",
                             [owner.rawValue] + filter.arguments)
    }
}
