import Foundation
public import TaskSequenceModel

/// A deployment of a task sequence to a collection: an `SMS_Advertisement`.
///
/// JSON: the SMS_Advertisement property names — `AdvertisementID`, `AdvertisementName`,
/// `Comment`, `CollectionID`, `PackageID`, `ProgramName`, `AdvertFlags` (the number),
/// `AdvertFlagNames`, `OfferType` (`required` or `available`), `PresentTime`,
/// `PresentTimeEnabled`, `ExpirationTime`, `ExpirationTimeEnabled` (times as CIM datetimes),
/// `IncludeSubCollection`, `SourceSite`.
public struct Deployment: Sendable, Hashable, Codable {
    public var advertisementID: String
    public var name: String
    public var comment: String
    public var collectionID: String
    public var packageID: String
    public var programName: String
    public var flags: AdvertFlags
    /// Whether the deployment must run or is offered (OfferType).
    public var offer: OfferType
    /// When it becomes available (CIM datetime, UTC).
    public var presentTime: String
    public var presentTimeEnabled: Bool
    /// When it expires (CIM datetime, UTC).
    public var expirationTime: String
    public var expirationTimeEnabled: Bool
    public var includeSubCollections: Bool
    public var sourceSite: String

    enum CodingKeys: String, CodingKey {
        case advertisementID = "AdvertisementID", name = "AdvertisementName", comment = "Comment", collectionID = "CollectionID"
        case packageID = "PackageID", programName = "ProgramName", flags = "AdvertFlags", flagNames = "AdvertFlagNames", offer = "OfferType"
        case presentTime = "PresentTime", presentTimeEnabled = "PresentTimeEnabled", expirationTime = "ExpirationTime"
        case expirationTimeEnabled = "ExpirationTimeEnabled", includeSubCollections = "IncludeSubCollection", sourceSite = "SourceSite"
    }

    /// Decodes what ``encode(to:)`` wrote.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        advertisementID = try c.decode(String.self, forKey: .advertisementID)
        name = try c.decode(String.self, forKey: .name)
        comment = try c.decode(String.self, forKey: .comment)
        collectionID = try c.decode(String.self, forKey: .collectionID)
        packageID = try c.decode(String.self, forKey: .packageID)
        programName = try c.decode(String.self, forKey: .programName)
        flags = AdvertFlags(rawValue: try c.decode(UInt32.self, forKey: .flags))
        let offerText = try c.decode(String.self, forKey: .offer)
        guard let offer = OfferType(text: offerText) else {
            throw DecodingError.dataCorruptedError(forKey: .offer, in: c, debugDescription: "OfferType is required or available, not '\(offerText)'")
        }
        self.offer = offer
        presentTime = try c.decode(String.self, forKey: .presentTime)
        presentTimeEnabled = try c.decode(Bool.self, forKey: .presentTimeEnabled)
        expirationTime = try c.decode(String.self, forKey: .expirationTime)
        expirationTimeEnabled = try c.decode(Bool.self, forKey: .expirationTimeEnabled)
        includeSubCollections = try c.decode(Bool.self, forKey: .includeSubCollections)
        sourceSite = try c.decode(String.self, forKey: .sourceSite)
    }

    /// Every property, with the flag names beside the number.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(advertisementID, forKey: .advertisementID)
        try c.encode(name, forKey: .name)
        try c.encode(comment, forKey: .comment)
        try c.encode(collectionID, forKey: .collectionID)
        try c.encode(packageID, forKey: .packageID)
        try c.encode(programName, forKey: .programName)
        try c.encode(flags.rawValue, forKey: .flags)
        try c.encode(flags.description, forKey: .flagNames)
        try c.encode(offer.description, forKey: .offer)
        try c.encode(presentTime, forKey: .presentTime)
        try c.encode(presentTimeEnabled, forKey: .presentTimeEnabled)
        try c.encode(expirationTime, forKey: .expirationTime)
        try c.encode(expirationTimeEnabled, forKey: .expirationTimeEnabled)
        try c.encode(includeSubCollections, forKey: .includeSubCollections)
        try c.encode(sourceSite, forKey: .sourceSite)
    }

    /// A deployment from its properties by SMS name (a query row or GetAll).
    init(properties: (String) -> PropertyValue?) {
        func text(_ name: String) -> String { properties(name)?.text ?? "" }
        func flag(_ name: String) -> Bool { properties(name)?.boolValue ?? false }
        advertisementID = text("AdvertisementID")
        name = text("AdvertisementName")
        comment = text("Comment")
        collectionID = text("CollectionID")
        packageID = text("PackageID")
        programName = text("ProgramName")
        flags = AdvertFlags(rawValue: UInt32(truncatingIfNeeded: properties("AdvertFlags")?.intValue ?? 0))
        // The provider serves only 0 and 2; anything else is not required.
        offer = properties("OfferType")?.intValue == 0 ? .required : .available
        presentTime = text("PresentTime")
        presentTimeEnabled = flag("PresentTimeEnabled")
        expirationTime = text("ExpirationTime")
        expirationTimeEnabled = flag("ExpirationTimeEnabled")
        includeSubCollections = flag("IncludeSubCollection")
        sourceSite = text("SourceSite")
    }
}
