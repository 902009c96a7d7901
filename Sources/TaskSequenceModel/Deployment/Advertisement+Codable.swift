/// JSON: the SMS_Advertisement property names — `AdvertisementID`, `AdvertisementName`,
/// `Comment`, `CollectionID`, `PackageID`, `ProgramName`, `AdvertFlags` (the number),
/// `AdvertFlagNames`, `OfferType` (`required` or `available`), `PresentTime`,
/// `PresentTimeEnabled`, `ExpirationTime`, `ExpirationTimeEnabled` (times as the CIM datetimes
/// the provider serves, empty for none), `IncludeSubCollection`, `SourceSite`.
extension Advertisement: Codable {
    enum CodingKeys: String, CodingKey {
        case advertisementID = "AdvertisementID", advertisementName = "AdvertisementName", comment = "Comment", collectionID = "CollectionID"
        case packageID = "PackageID", programName = "ProgramName", advertFlags = "AdvertFlags", flagNames = "AdvertFlagNames", offerType = "OfferType"
        case presentTime = "PresentTime", presentTimeEnabled = "PresentTimeEnabled", expirationTime = "ExpirationTime"
        case expirationTimeEnabled = "ExpirationTimeEnabled", includeSubCollection = "IncludeSubCollection", sourceSite = "SourceSite"
    }

    /// Decodes what ``encode(to:)`` wrote.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let offerText = try c.decode(String.self, forKey: .offerType)
        guard let offerType = OfferType(text: offerText) else {
            throw DecodingError.dataCorruptedError(forKey: .offerType, in: c, debugDescription: "OfferType is required or available, not '\(offerText)'")
        }
        func time(_ key: CodingKeys) throws -> Int64 {
            let text = try c.decode(String.self, forKey: key)
            if text.isEmpty { return 0 }
            guard let seconds = CIMDateTime.seconds(from: text) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "'\(text)' is not a CIM datetime")
            }
            return seconds
        }
        self.init(
            advertisementID: try c.decode(String.self, forKey: .advertisementID), advertisementName: try c.decode(String.self, forKey: .advertisementName),
            comment: try c.decode(String.self, forKey: .comment), collectionID: try c.decode(String.self, forKey: .collectionID),
            packageID: try c.decode(String.self, forKey: .packageID), programName: try c.decode(String.self, forKey: .programName),
            advertFlags: AdvertFlags(rawValue: try c.decode(UInt32.self, forKey: .advertFlags)), offerType: offerType,
            presentTime: try time(.presentTime), presentTimeEnabled: try c.decode(Bool.self, forKey: .presentTimeEnabled),
            expirationTime: try time(.expirationTime), expirationTimeEnabled: try c.decode(Bool.self, forKey: .expirationTimeEnabled),
            includeSubCollection: try c.decode(Bool.self, forKey: .includeSubCollection), sourceSite: try c.decode(String.self, forKey: .sourceSite))
    }

    /// Every property, with the flag names beside the number.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(advertisementID, forKey: .advertisementID)
        try c.encode(advertisementName, forKey: .advertisementName)
        try c.encode(comment, forKey: .comment)
        try c.encode(collectionID, forKey: .collectionID)
        try c.encode(packageID, forKey: .packageID)
        try c.encode(programName, forKey: .programName)
        try c.encode(advertFlags.rawValue, forKey: .advertFlags)
        try c.encode(advertFlags.description, forKey: .flagNames)
        try c.encode(offerType.description, forKey: .offerType)
        try c.encode(CIMDateTime.wireText(fromSeconds: presentTime), forKey: .presentTime)
        try c.encode(presentTimeEnabled, forKey: .presentTimeEnabled)
        try c.encode(CIMDateTime.wireText(fromSeconds: expirationTime), forKey: .expirationTime)
        try c.encode(expirationTimeEnabled, forKey: .expirationTimeEnabled)
        try c.encode(includeSubCollection, forKey: .includeSubCollection)
        try c.encode(sourceSite, forKey: .sourceSite)
    }
}
