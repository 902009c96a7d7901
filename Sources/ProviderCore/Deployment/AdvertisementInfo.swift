import ProviderStore

/// An advertisement as callers see it (`SMS_Advertisement`, reference §2.5): what the bus and
/// the planner read, without the store's row type.
///
/// Times are Unix seconds; `offerType` and `advertFlags` keep the SMS numbers.
public struct AdvertisementInfo: Sendable, Equatable {
    public var advertisementID: String
    public var advertisementName: String
    public var comment: String
    public var collectionID: String
    public var packageID: String
    /// `*`: a task sequence has no other program.
    public var programName: String
    public var advertFlags: UInt32
    /// 0 required, 2 available.
    public var offerType: UInt32
    public var presentTime: Int64
    public var presentTimeEnabled: Bool
    public var expirationTime: Int64
    public var expirationTimeEnabled: Bool
    public var includeSubCollection: Bool
    /// The site that created it.
    public var sourceSite: String

    init(_ row: AdvertisementRow) {
        advertisementID = row.advertisementID
        advertisementName = row.advertisementName
        comment = row.comment
        collectionID = row.collectionID
        packageID = row.packageID
        programName = row.programName
        advertFlags = row.advertFlags
        offerType = row.offerType
        presentTime = row.presentTime
        presentTimeEnabled = row.presentTimeEnabled
        expirationTime = row.expirationTime
        expirationTimeEnabled = row.expirationTimeEnabled
        includeSubCollection = row.includeSubCollection
        sourceSite = row.sourceSite
    }
}
