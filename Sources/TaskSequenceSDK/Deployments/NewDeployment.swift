import DBusKit
import Foundation
public import TaskSequenceModel

/// What ``ProviderClient/deploy(_:)`` creates: a task sequence package deployed to a collection.
///
/// ```swift
/// var deployment = NewDeployment(packageID: "PS100004", collectionID: "PS100010")
/// deployment.offer = .required
/// deployment.flags = [.showProgress, .mediaAndPXE]
/// let id = try client.deploy(deployment)
/// ```
public struct NewDeployment: Sendable, Hashable {
    public var packageID: String
    public var collectionID: String
    /// AdvertisementName; by default `PACKAGEID to COLLECTIONID`.
    public var name: String?
    public var comment: String = ""
    public var offer: OfferType = .available
    public var flags: AdvertFlags = []
    /// When it becomes available; by default now.
    public var start: Date?
    /// When it expires; `nil` for never.
    public var expires: Date?
    /// Whether members of sub-collections get it too (IncludeSubCollection).
    public var includeSubCollections = false

    public init(packageID: String, collectionID: String) {
        self.packageID = packageID
        self.collectionID = collectionID
    }

    /// The CreateInstance properties.
    var properties: [String: DBusValue] {
        var values: [String: DBusValue] = [
            "AdvertisementName": .string(name ?? "\(packageID) to \(collectionID)"), "PackageID": .string(packageID),
            "CollectionID": .string(collectionID), "ProgramName": .string("*"), "Comment": .string(comment),
            "OfferType": .uint32(offer.rawValue), "AdvertFlags": .uint32(flags.rawValue),
            "IncludeSubCollection": .boolean(includeSubCollections),
        ]
        if let start {
            values["PresentTime"] = .string(Self.cimDateTime(start))
            values["PresentTimeEnabled"] = .boolean(true)
        }
        if let expires {
            values["ExpirationTime"] = .string(Self.cimDateTime(expires))
            values["ExpirationTimeEnabled"] = .boolean(true)
        }
        return values
    }

    /// `yyyymmddHHMMSS.000000+000` in UTC.
    static func cimDateTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func pad(_ value: Int?, _ width: Int) -> String {
            let digits = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return pad(parts.year, 4) + pad(parts.month, 2) + pad(parts.day, 2) + pad(parts.hour, 2) + pad(parts.minute, 2) + pad(parts.second, 2) + ".000000+000"
    }
}
