import ProviderStore
import TaskSequenceModel

/// The properties of `SMS_Advertisement` a client may give, how each is read from text, and
/// which are fixed once the advertisement exists (reference §2.5).
public enum AdvertisementProperty: String, CaseIterable, Sendable {
    case advertisementName = "AdvertisementName"
    case comment = "Comment"
    case collectionID = "CollectionID"
    case packageID = "PackageID"
    case programName = "ProgramName"
    case advertFlags = "AdvertFlags"
    case offerType = "OfferType"
    case presentTime = "PresentTime"
    case presentTimeEnabled = "PresentTimeEnabled"
    case expirationTime = "ExpirationTime"
    case expirationTimeEnabled = "ExpirationTimeEnabled"
    case includeSubCollection = "IncludeSubCollection"

    /// Not_Null and immutable after creation: changing one means deleting the advertisement and
    /// creating it again.
    public static let immutable: Set<AdvertisementProperty> = [.advertisementName, .collectionID, .packageID, .programName]

    /// The property named `name`, without case.
    public init?(named name: String) {
        guard let match = Self.allCases.first(where: { $0.rawValue.lowercased() == name.lowercased() }) else { return nil }
        self = match
    }

    /// Writes `text` into `row`. Numbers are decimal (or `0x` hex for AdvertFlags), booleans
    /// `true`/`false`/`1`/`0`, times CIM datetimes; OfferType also takes `required`/`available`.
    public func apply(_ text: String, to row: inout AdvertisementRow) throws {
        switch self {
        case .advertisementName: row.advertisementName = text
        case .comment: row.comment = text
        case .collectionID: row.collectionID = text
        case .packageID: row.packageID = text
        case .programName: row.programName = text
        case .advertFlags:
            let hex = text.lowercased().hasPrefix("0x") ? UInt32(text.dropFirst(2), radix: 16) : nil
            guard let flags = hex ?? UInt32(text) else {
                throw ProviderError.validationFailed(property: rawValue, rule: "must be a uint32 of AdvertFlags bits, got '\(text)'")
            }
            row.advertFlags = AdvertFlags(rawValue: flags)
        case .offerType:
            guard let offer = OfferType(text: text) else {
                throw ProviderError.validationFailed(property: rawValue, rule: "must be 0 (required) or 2 (available), got '\(text)'")
            }
            row.offerType = offer
        case .presentTime: row.presentTime = try Self.time(text, property: rawValue)
        case .expirationTime: row.expirationTime = try Self.time(text, property: rawValue)
        case .presentTimeEnabled: row.presentTimeEnabled = try Self.boolean(text, property: rawValue)
        case .expirationTimeEnabled: row.expirationTimeEnabled = try Self.boolean(text, property: rawValue)
        case .includeSubCollection: row.includeSubCollection = try Self.boolean(text, property: rawValue)
        }
    }

    /// The property's value in `row`, as text (what ``apply(_:to:)`` reads back).
    public func text(in row: AdvertisementRow) -> String {
        switch self {
        case .advertisementName: row.advertisementName
        case .comment: row.comment
        case .collectionID: row.collectionID
        case .packageID: row.packageID
        case .programName: row.programName
        case .advertFlags: String(row.advertFlags.rawValue)
        case .offerType: String(row.offerType.rawValue)
        case .presentTime: CIMDateTime.text(fromSeconds: row.presentTime)
        case .expirationTime: CIMDateTime.text(fromSeconds: row.expirationTime)
        case .presentTimeEnabled: String(row.presentTimeEnabled)
        case .expirationTimeEnabled: String(row.expirationTimeEnabled)
        case .includeSubCollection: String(row.includeSubCollection)
        }
    }

    private static func time(_ text: String, property: String) throws -> Int64 {
        guard let seconds = CIMDateTime.seconds(from: text) else {
            throw ProviderError.validationFailed(property: property, rule: "must be a CIM datetime (yyyymmddHHMMSS.000000+000), got '\(text)'")
        }
        return seconds
    }

    private static func boolean(_ text: String, property: String) throws -> Bool {
        switch text.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw ProviderError.validationFailed(property: property, rule: "must be true or false, got '\(text)'")
        }
    }
}
