/// A task sequence file on disk for ``ProviderClient/importPackages(atPaths:)``: the provider
/// reads the open file itself.
public struct ImportBatchPath: Sendable, Hashable {
    /// The file to import: any form ``ProviderClient/importPackage(contentsOf:options:)`` takes,
    /// `.zip` exports included.
    public var path: String
    /// How the results name this file; the path unless given.
    public var label: String
    /// The new package's name; `nil` keeps the name the file carries.
    public var name: String?
    /// Which package of an export holding several to import; `nil` for files that hold one.
    public var sourcePackageID: String?

    /// The file at `path`, named in the results by `label` (the path itself by default).
    public init(path: String, label: String? = nil, name: String? = nil, sourcePackageID: String? = nil) {
        self.path = path
        self.label = label ?? path
        self.name = name
        self.sourcePackageID = sourcePackageID
    }
}
