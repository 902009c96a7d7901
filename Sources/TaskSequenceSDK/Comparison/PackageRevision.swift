/// A package as it is now, or at one of its revisions: `PS100004` or `PS100004@3`.
public struct PackageRevision: Sendable, Hashable, CustomStringConvertible {
    public var packageID: String
    /// The SourceVersion; `nil` for the package as it is now.
    public var sourceVersion: UInt32?

    public init(_ packageID: String, at sourceVersion: UInt32? = nil) {
        self.packageID = packageID
        self.sourceVersion = sourceVersion
    }

    /// `ID` or `ID@REV`; `nil` when REV is not a positive number.
    public init?(parsing text: String) {
        guard let at = text.lastIndex(of: "@") else {
            self.init(text)
            return
        }
        guard let version = UInt32(text[text.index(after: at)...]), version > 0 else { return nil }
        self.init(String(text[..<at]), at: version)
    }

    public var description: String { sourceVersion.map { "\(packageID)@\($0)" } ?? packageID }
}
