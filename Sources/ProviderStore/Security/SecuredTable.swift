/// A table whose rows carry rights of their own (instance permission entries name them by key):
/// what access policies and permission entries ask of it.
public enum SecuredTable: String, Sendable, CaseIterable {
    /// `collection`, keyed by CollectionID.
    case collection
    /// `smsPackage`, keyed by PackageID.
    case smsPackage
    /// `advertisement`, keyed by AdvertisementID.
    case advertisement
    /// `package` (task sequence packages), keyed by PackageID.
    case package

    /// The key column.
    public var keyColumn: String {
        switch self {
        case .collection: "collectionID"
        case .smsPackage, .package: "packageID"
        case .advertisement: "advertisementID"
        }
    }

    /// Every key, in order.
    public func allKeys(_ db: StoreDatabase) throws -> [String] {
        try db.values(String.self, "SELECT \(keyColumn) FROM \(rawValue) ORDER BY \(keyColumn)")
    }

    /// The keys in `readable`, in order.
    public func keys(_ db: StoreDatabase, in readable: ReadableSet) throws -> [String] {
        var request = SQLFragment("SELECT \(keyColumn) FROM \(rawValue)")
        if let condition = readable.condition(on: keyColumn, dialect: db.dialect) { request += " WHERE " + condition }
        request.sql += " ORDER BY \(keyColumn)"
        return try db.values(String.self, request.sql, request.arguments)
    }

    /// The key of the row `key` names, spelt as stored (keys compare without case); `nil` when
    /// there is no such row.
    public func storedKey(_ key: String, in db: StoreDatabase) throws -> String? {
        try db.value(String.self, "SELECT \(keyColumn) FROM \(rawValue) WHERE \(db.dialect.caseless(keyColumn)) = ?", [key])
    }
}
