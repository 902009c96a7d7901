import ArgumentParser

/// A package as a command reads it: `PS100004` (as it is now) or `PS100004@3` (as revision 3,
/// SourceVersion 3, left it). Every command that reads a package takes this form.
struct PackageAtRevision: ExpressibleByArgument, Sendable, Hashable, CustomStringConvertible {
    var packageID: String
    /// `nil`: the package as it is now.
    var revision: UInt32?

    init(packageID: String, revision: UInt32? = nil) {
        self.packageID = packageID
        self.revision = revision
    }

    init?(argument: String) {
        guard let at = argument.lastIndex(of: "@") else {
            guard !argument.isEmpty else { return nil }
            self.init(packageID: argument)
            return
        }
        let id = String(argument[..<at]), number = argument[argument.index(after: at)...]
        guard !id.isEmpty, let revision = UInt32(number), revision > 0 else { return nil }
        self.init(packageID: id, revision: revision)
    }

    static var defaultCompletionKind: CompletionKind { .default }

    var description: String { revision.map { "\(packageID)@\($0)" } ?? packageID }
}
