/// One revision of a package: a change, who made it and when (the bus `GetHistory`, the SDK's
/// `PackageHandle.history()`, `tsctl history`).
///
/// JSON: `SourceVersion`, `Time`, `Uid`, `UserName`, `Summary`, `Readable`.
public struct PackageRevision: Sendable, Hashable, Codable {
    /// The SourceVersion the change gave the package: the revision to read back, export or
    /// roll back to.
    public var sourceVersion: UInt32
    /// When, as seconds since the Unix epoch.
    public var time: Int64
    public var uid: UInt32
    public var userName: String
    /// One line for people: `import (objectxml)`, `step 84 renamed`, `rolled back to 3` …
    public var summary: String
    /// Whether the revision's sequence and properties can be read back (not when it was
    /// recorded before history was kept, or retention dropped its image).
    public var isReadable: Bool

    public init(sourceVersion: UInt32, time: Int64, uid: UInt32, userName: String, summary: String, isReadable: Bool) {
        self.sourceVersion = sourceVersion
        self.time = time
        self.uid = uid
        self.userName = userName
        self.summary = summary
        self.isReadable = isReadable
    }

    private enum CodingKeys: String, CodingKey {
        case sourceVersion = "SourceVersion", time = "Time", uid = "Uid", userName = "UserName", summary = "Summary", isReadable = "Readable"
    }
}
