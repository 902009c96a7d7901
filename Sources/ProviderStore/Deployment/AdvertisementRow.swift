import GRDB

/// A deployment of a task sequence to a collection (`SMS_Advertisement`, reference §2.5).
///
/// Times are Unix seconds; `offerType` and `advertFlags` keep the SMS numbers.
public struct AdvertisementRow: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "advertisement"

    public var advertisementID: String
    public var advertisementName: String
    public var comment: String
    public var collectionID: String
    public var packageID: String
    public var programName: String
    public var advertFlags: UInt32
    public var offerType: UInt32
    public var presentTime: Int64
    public var presentTimeEnabled: Bool
    public var expirationTime: Int64
    public var expirationTimeEnabled: Bool
    public var includeSubCollection: Bool
    public var sourceSite: String
    public var createdByUID: UInt32?

    public init(
        advertisementID: String = "", advertisementName: String = "", comment: String = "", collectionID: String = "",
        packageID: String = "", programName: String = "*", advertFlags: UInt32 = 0, offerType: UInt32 = 2,
        presentTime: Int64 = 0, presentTimeEnabled: Bool = true, expirationTime: Int64 = 0, expirationTimeEnabled: Bool = false,
        includeSubCollection: Bool = true, sourceSite: String = "", createdByUID: UInt32? = nil
    ) {
        self.advertisementID = advertisementID
        self.advertisementName = advertisementName
        self.comment = comment
        self.collectionID = collectionID
        self.packageID = packageID
        self.programName = programName
        self.advertFlags = advertFlags
        self.offerType = offerType
        self.presentTime = presentTime
        self.presentTimeEnabled = presentTimeEnabled
        self.expirationTime = expirationTime
        self.expirationTimeEnabled = expirationTimeEnabled
        self.includeSubCollection = includeSubCollection
        self.sourceSite = sourceSite
        self.createdByUID = createdByUID
    }
}

extension AdvertisementRow {
    /// The advertisement with this ID (without case), or `nil`.
    public static func fetchOne(_ db: Database, advertisementID: String) throws -> AdvertisementRow? {
        try fetchOne(db, sql: "SELECT * FROM advertisement WHERE advertisementID = ? COLLATE NOCASE", arguments: [advertisementID])
    }

    /// Every advertisement, optionally only those of one package and of one collection, and
    /// only those `readable` (a condition over `advertisementID`, from the caller's rights) lets
    /// through, in ID order.
    public static func fetchAll(_ db: Database, packageID: String? = nil, collectionID: String? = nil, readable: SQL? = nil) throws -> [AdvertisementRow] {
        var conditions: [SQL] = readable.map { [$0] } ?? []
        if let packageID { conditions.append("packageID = \(packageID) COLLATE NOCASE") }
        if let collectionID { conditions.append("collectionID = \(collectionID) COLLATE NOCASE") }
        let filter: SQL = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try SQLRequest<AdvertisementRow>(literal: "SELECT * FROM advertisement \(filter) ORDER BY advertisementID").fetchAll(db)
    }

    /// Every AdvertisementID, in order.
    public static func allIDs(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT advertisementID FROM advertisement ORDER BY advertisementID")
    }

    /// The IDs of the advertisements that deploy package `packageID` (the ones that keep it
    /// from being deleted).
    public static func ids(deployingPackage packageID: String, _ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT advertisementID FROM advertisement WHERE packageID = ? COLLATE NOCASE ORDER BY advertisementID", arguments: [packageID])
    }

    /// Hands out the next free AdvertisementID of a site: the site code plus five hex digits,
    /// counted apart from PackageIDs. IDs of deleted advertisements are not handed out again.
    public static func allocateID(siteCode: String, in db: Database) throws -> String {
        var number = try Int64.fetchOne(db, sql: "SELECT lastNumber FROM advertisementIDAllocation WHERE siteCode = ?", arguments: [siteCode]) ?? 0
        while true {
            number += 1
            guard number <= 0xFFFFF else { throw StoreError.advertisementIDsExhausted(siteCode: siteCode) }
            let digits = String(number, radix: 16, uppercase: true)
            let candidate = siteCode + String(repeating: "0", count: max(0, 5 - digits.count)) + digits
            if try fetchOne(db, advertisementID: candidate) == nil {
                try db.execute(
                    sql: "INSERT INTO advertisementIDAllocation (siteCode, lastNumber) VALUES (?, ?) ON CONFLICT(siteCode) DO UPDATE SET lastNumber = excluded.lastNumber",
                    arguments: [siteCode, number])
                return candidate
            }
        }
    }
}
