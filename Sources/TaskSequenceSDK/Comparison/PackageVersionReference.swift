/// A package as it is now, or at one of its revisions (`PS100004`, `PS100004@3`): a side of
/// ``ProviderClient/diff(_:_:)``.
public struct PackageVersionReference: Sendable, Hashable, CustomStringConvertible {
    public var packageID: String
    /// The SourceVersion; `nil` for the package as it is now.
    public var sourceVersion: UInt32?

    public init(_ packageID: String, at sourceVersion: UInt32? = nil) {
        self.packageID = packageID
        self.sourceVersion = sourceVersion
    }

    public var description: String { sourceVersion.map { "\(packageID)@\($0)" } ?? packageID }
}
