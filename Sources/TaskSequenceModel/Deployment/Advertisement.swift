/// A deployment of a task sequence to a collection (`SMS_Advertisement`, reference §2.5), as the
/// service serves it and the store keeps it.
///
/// Times are Unix seconds (CIM datetimes on the bus).
public struct Advertisement: Sendable, Hashable {
    /// The key: the site code plus five hex digits, counted apart from PackageIDs.
    public var advertisementID: String
    public var advertisementName: String
    public var comment: String
    public var collectionID: String
    public var packageID: String
    /// `*`: a task sequence has no other program.
    public var programName: String
    public var advertFlags: AdvertFlags
    public var offerType: OfferType
    public var presentTime: Int64
    public var presentTimeEnabled: Bool
    public var expirationTime: Int64
    public var expirationTimeEnabled: Bool
    /// Whether members of the collection's sub-collections get it too.
    public var includeSubCollection: Bool
    /// The site that created it.
    public var sourceSite: String

    /// An advertisement; the defaults are those of a new one.
    public init(
        advertisementID: String = "", advertisementName: String = "", comment: String = "", collectionID: String = "",
        packageID: String = "", programName: String = "*", advertFlags: AdvertFlags = [], offerType: OfferType = .available,
        presentTime: Int64 = 0, presentTimeEnabled: Bool = true, expirationTime: Int64 = 0, expirationTimeEnabled: Bool = false,
        includeSubCollection: Bool = true, sourceSite: String = ""
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
    }
}
