import Foundation
import TaskSequenceSDK

/// Example program 1: a nightly snapshot of every task sequence into a directory kept in git.
///
/// Each package becomes `<PackageID>.xml` (the ConfigMgr 2007 package export: properties plus
/// sequence) in the canonical layout, one element per line, so `git diff` shows the steps that
/// changed rather than one long line; packages that no longer exist lose their file, so `git add -A && git commit`
/// after a run records exactly what changed since the night before.
public enum NightlySnapshot {
    /// What one run did.
    public struct Result: Sendable, Equatable {
        /// Files written (unchanged ones included), by package ID.
        public var written: [String]
        /// Files removed because their package is gone.
        public var removed: [String]
    }

    /// Writes one file per package into `directory` and removes the files of deleted packages.
    public static func run(client: ProviderClient, into directory: URL) throws -> Result {
        let files = FileManager.default
        try files.createDirectory(at: directory, withIntermediateDirectories: true)
        var written: [String] = []
        for id in try client.packageIDs().sorted() {
            let text = try client.package(id).export(format: .package, canonical: true)
            try Data(text.utf8).write(to: directory.appendingPathComponent("\(id).xml"), options: .atomic)
            written.append(id)
        }
        // A file whose package is gone would otherwise stay in the snapshot forever.
        var removed: [String] = []
        for name in try files.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".xml") {
            let id = String(name.dropLast(4))
            if !written.contains(id) {
                try files.removeItem(at: directory.appendingPathComponent(name))
                removed.append(id)
            }
        }
        return Result(written: written, removed: removed.sorted())
    }
}
