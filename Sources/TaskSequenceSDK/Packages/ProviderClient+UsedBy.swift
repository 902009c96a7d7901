import Foundation

/// A task sequence that references a package (`tsctl package used-by`).
///
/// JSON: `{"PackageID": …, "Name": …}`, as the SMS_TaskSequencePackage properties are named.
public struct PackageUser: Sendable, Hashable, Codable {
    /// The task sequence package's PackageID.
    public var packageID: String
    /// Its name.
    public var name: String

    public init(packageID: String, name: String) {
        self.packageID = packageID
        self.name = name
    }

    enum CodingKeys: String, CodingKey {
        case packageID = "PackageID", name = "Name"
    }
}

extension ProviderClient {
    /// The task sequences you may read whose steps (or boot image) use package `packageID` —
    /// one WQL query over SMS_TaskSequencePackageReference, ordered by PackageID:
    ///
    /// ```swift
    /// for user in try client.taskSequences(using: "PS100002") { print(user.packageID, user.name) }
    /// ```
    ///
    /// A package nothing uses, or one that does not exist, gives an empty list.
    public func taskSequences(using packageID: String) throws -> [PackageUser] {
        let rows = try query("""
            SELECT PackageID, Name FROM SMS_TaskSequencePackage WHERE PackageID IN \
            (SELECT PackageID FROM SMS_TaskSequencePackageReference WHERE ObjectID = '\(Self.wqlEscaped(packageID))')
            """)
        return rows.map { PackageUser(packageID: $0["PackageID"]?.text ?? "", name: $0["Name"]?.text ?? "") }
    }

    /// `text` inside a single-quoted WQL string: a backslash escapes a quote or a backslash.
    static func wqlEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
    }
}
