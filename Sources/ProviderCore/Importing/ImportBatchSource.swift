import Foundation

/// A file of an ``ProviderService/importPackages(reading:for:)`` batch that the service reads
/// itself, when the chunk it belongs to is written: an open file a client passed (`ImportBatchFd`).
public struct ImportBatchSource {
    /// How the results name this file (a path, typically); the provider only echoes it.
    public var label: String
    /// The new package's name; `nil` keeps the name the file carries.
    public var name: String?
    /// Which package of an export holding several to import; `nil` for files that hold one.
    public var sourcePackageID: String?
    /// Reads the whole file — any form `ImportFd` takes, a zip export included — throwing what
    /// the file's result should report (LimitsExceeded beyond the configured maximum, an I/O
    /// error). Called once.
    public var read: () throws -> Data

    /// A file the service reads with `read` when its turn comes.
    public init(label: String, name: String? = nil, sourcePackageID: String? = nil, read: @escaping () throws -> Data) {
        self.label = label
        self.name = name
        self.sourcePackageID = sourcePackageID
        self.read = read
    }
}
