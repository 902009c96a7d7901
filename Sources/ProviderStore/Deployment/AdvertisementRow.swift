import TaskSequenceModel

/// The stored `SMS_Advertisement`: the model's value, and who created it. Its fields read as
/// the row's own (`row.packageID`).
@dynamicMemberLookup
public struct AdvertisementRow: Sendable, Equatable {
    public static let databaseTableName = "advertisement"

    /// The table's columns, as the store's SQL names them.
    public enum Columns: String, CaseIterable {
        case advertisementID, advertisementName, comment, collectionID, packageID, programName, advertFlags, offerType
        case presentTime, presentTimeEnabled, expirationTime, expirationTimeEnabled, includeSubCollection, sourceSite, createdByUID
    }

    public var advertisement: Advertisement
    public var createdByUID: UInt32?

    public init(_ advertisement: Advertisement = Advertisement(), createdByUID: UInt32? = nil) {
        self.advertisement = advertisement
        self.createdByUID = createdByUID
    }

    public subscript<Value>(dynamicMember field: WritableKeyPath<Advertisement, Value>) -> Value {
        get { advertisement[keyPath: field] }
        set { advertisement[keyPath: field] = newValue }
    }

    init(row: SQLRow) throws {
        let offerType: UInt32 = try row.decode(Columns.offerType)
        guard let offer = OfferType(rawValue: offerType) else {
            throw StoreError.corrupt("advertisement.offerType holds \(offerType); the service writes 0 (required) or 2 (available)")
        }
        self.init(
            Advertisement(
                advertisementID: try row.decode(Columns.advertisementID), advertisementName: try row.decode(Columns.advertisementName),
                comment: try row.decode(Columns.comment), collectionID: try row.decode(Columns.collectionID), packageID: try row.decode(Columns.packageID),
                programName: try row.decode(Columns.programName), advertFlags: AdvertFlags(rawValue: try row.decode(Columns.advertFlags)), offerType: offer,
                presentTime: try row.decode(Columns.presentTime), presentTimeEnabled: try row.decode(Columns.presentTimeEnabled),
                expirationTime: try row.decode(Columns.expirationTime), expirationTimeEnabled: try row.decode(Columns.expirationTimeEnabled),
                includeSubCollection: try row.decode(Columns.includeSubCollection), sourceSite: try row.decode(Columns.sourceSite)),
            createdByUID: try row.decode(Columns.createdByUID))
    }

    /// The values of every column, in ``Columns`` order.
    var arguments: SQLArguments {
        let value = advertisement
        return [value.advertisementID, value.advertisementName, value.comment, value.collectionID, value.packageID, value.programName,
                value.advertFlags.rawValue, value.offerType.rawValue, value.presentTime, value.presentTimeEnabled, value.expirationTime,
                value.expirationTimeEnabled, value.includeSubCollection, value.sourceSite, createdByUID]
    }

    static let columnList = Columns.allCases.map(\.rawValue).joined(separator: ", ")
    static let selection = "SELECT \(columnList) FROM advertisement"
}

extension AdvertisementRow {
    /// The advertisement with this ID (without case), or `nil`.
    public static func fetchOne(_ db: StoreDatabase, advertisementID: String) throws -> AdvertisementRow? {
        // The column ignores case.
        try db.row(selection + " WHERE advertisementID = ?", [advertisementID]).map(AdvertisementRow.init(row:))
    }

    /// Every advertisement, optionally only those of one package and of one collection (IDs
    /// without case), in ID order.
    public static func fetchAll(_ db: StoreDatabase, packageID: String? = nil, collectionID: String? = nil) throws -> [AdvertisementRow] {
        let (filter, arguments) = filter(db.dialect, packageID: packageID, collectionID: collectionID, readable: nil)
        return try db.rows(selection + filter + " ORDER BY advertisementID", arguments).map(AdvertisementRow.init(row:))
    }

    /// The `WHERE` clause (empty when nothing is filtered) of a request of one package's and one
    /// collection's advertisements, after `readable` (a condition over `advertisementID`).
    static func filter(_ dialect: SQLDialect, packageID: String?, collectionID: String?, readable: String?) -> (String, SQLArguments) {
        var conditions: [String] = readable.map { [$0] } ?? []
        var arguments: SQLArguments = []
        if let packageID {
            conditions.append(dialect.keyEqualsIgnoringCase(Columns.packageID.rawValue))
            arguments.append(packageID)
        }
        if let collectionID {
            conditions.append(dialect.keyEqualsIgnoringCase(Columns.collectionID.rawValue))
            arguments.append(collectionID)
        }
        return (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "), arguments)
    }

    /// Every AdvertisementID, in order.
    public static func allIDs(_ db: StoreDatabase) throws -> [String] {
        try db.values(String.self, "SELECT advertisementID FROM advertisement ORDER BY advertisementID")
    }

    /// The IDs of the advertisements that deploy package `packageID` (the ones that keep it
    /// from being deleted).
    public static func ids(deployingPackage packageID: String, _ db: StoreDatabase) throws -> [String] {
        try db.values(String.self, "SELECT advertisementID FROM advertisement WHERE \(db.dialect.keyEqualsIgnoringCase("packageID")) ORDER BY advertisementID",
                      [packageID])
    }

    /// Hands out the next free AdvertisementID of a site: the site code plus five hex digits,
    /// counted apart from PackageIDs. IDs of deleted advertisements are not handed out again.
    public static func allocateID(siteCode: String, in db: StoreDatabase) throws -> String {
        var number = try db.value(Int64.self, "SELECT lastNumber FROM advertisementIDAllocation WHERE siteCode = ?", [siteCode]) ?? 0
        while true {
            number += 1
            guard number <= 0xFFFFF else { throw StoreError.advertisementIDsExhausted(siteCode: siteCode) }
            let digits = String(number, radix: 16, uppercase: true)
            let candidate = siteCode + String(repeating: "0", count: max(0, 5 - digits.count)) + digits
            if try fetchOne(db, advertisementID: candidate) == nil {
                try db.run(
                    "INSERT INTO advertisementIDAllocation (siteCode, lastNumber) VALUES (?, ?) ON CONFLICT (siteCode) DO UPDATE SET lastNumber = excluded.lastNumber",
                    [siteCode, number])
                return candidate
            }
        }
    }

    /// Stores a new advertisement.
    public func insert(_ db: StoreDatabase) throws {
        let marks = Array(repeating: "?", count: Columns.allCases.count).joined(separator: ", ")
        try db.run("INSERT INTO advertisement (\(Self.columnList)) VALUES (\(marks))", arguments)
    }

    /// Writes every column of the advertisement with this ID.
    public func update(_ db: StoreDatabase) throws {
        let assignments = Columns.allCases.dropFirst().map { "\($0.rawValue) = ?" }.joined(separator: ", ")
        try db.run("UPDATE advertisement SET \(assignments) WHERE advertisementID = ?", SQLArguments(Array(arguments.values.dropFirst())) + [advertisement.advertisementID])
    }

    /// Removes the advertisement; returns whether there was one.
    @discardableResult
    public func delete(_ db: StoreDatabase) throws -> Bool {
        try db.run("DELETE FROM advertisement WHERE advertisementID = ?", [advertisement.advertisementID]) > 0
    }
}
