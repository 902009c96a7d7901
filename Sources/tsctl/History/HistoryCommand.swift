import ArgumentParser
import Foundation
import TaskSequenceSDK

/// `tsctl history ID`: every revision of a package.
struct HistoryCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List the revisions of a task sequence package.",
        discussion: """
            One row per change, oldest first: its revision (the SourceVersion it gave the package), \
            when, who, and what (import, step 84 renamed, rolled back to 3 …). A revision can be read \
            back as ID@REV wherever a package is read (tsctl export PS100004@3, tsctl step list \
            PS100004@3) and restored with tsctl rollback; revisions marked "not kept" were recorded \
            before history was kept or dropped by the retention setting.

            With --json, an array of objects with SourceVersion, Time (seconds since 1970), Uid, \
            UserName, Summary and Readable.
            """
    )

    @Argument(help: ArgumentHelp("The PackageID.", valueName: "package-id"))
    var packageID: String

    @OptionGroup var global: GlobalOptions

    var subject: String { "package \(packageID)" }

    func run(client: ProviderClient, output: Output) throws {
        let revisions = try client.package(packageID).history()
        try output.emit(revisions) {
            var table = Table("REV", "TIME", "USER", "CHANGE")
            for revision in revisions {
                table.add(String(revision.sourceVersion), Self.time(revision.time), "\(revision.userName) (\(revision.uid))",
                          revision.summary + (revision.isReadable ? "" : "  (not kept)"))
            }
            return table.text
        }
    }

    /// `2026-12-06 02:30:18` in UTC.
    static func time(_ seconds: Int64) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}

/// `tsctl rollback ID REV`: a package back to a revision, as a new revision.
struct RollbackCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Make a package's sequence and properties what they were at a revision.",
        discussion: """
            The rollback is a new revision (tsctl history lists it as "rolled back to REV"); nothing \
            is forgotten, and steps keep, or get back, the IDs they had at REV. Needs Modify.

              tsctl rollback PS100004 1

            Prints the new revision; with --json, {"PackageID", "SourceVersion"}.
            """
    )

    @Argument(help: ArgumentHelp("The PackageID.", valueName: "package-id"))
    var packageID: String

    @Argument(help: ArgumentHelp("The revision to go back to (a SourceVersion from tsctl history).", valueName: "rev"))
    var revision: UInt32

    @OptionGroup var global: GlobalOptions

    var subject: String { "package \(packageID)" }

    struct Result: Encodable {
        var packageID: String
        var sourceVersion: UInt32
        enum CodingKeys: String, CodingKey { case packageID = "PackageID", sourceVersion = "SourceVersion" }
    }

    func run(client: ProviderClient, output: Output) throws {
        let version = try client.package(packageID).rollback(to: revision)
        try output.emit(Result(packageID: packageID, sourceVersion: version)) { "\(packageID): rolled back to \(revision) as revision \(version)" }
    }
}
