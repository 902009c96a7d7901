import ArgumentParser
import Foundation
import TaskSequenceModel
import TaskSequenceSDK

/// `tsctl merge FROM INTO [--dry-run] [--force-ours|--force-theirs] [--properties]`.
struct MergeCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Carry the changes made to one task sequence over to another.",
        discussion: """
            Applies to INTO what changed in FROM since their common ancestor — the copy point \
            (FROM a copy of INTO, or INTO of FROM) or their last merge — step by step: steps \
            added, removed, moved, renamed, switched on or off, settings and conditions. A step \
            both changed differently is a conflict, reported by step and property; then nothing \
            is written unless --force-ours (INTO keeps its version) or --force-theirs (FROM's \
            wins) decides every conflict. Package properties (a copy's own name, say) are merged \
            only with --properties. The merge is one revision of INTO; if INTO changes meanwhile \
            (or is not at --expected-version) nothing is written.

            Prints the changes applied as `tsctl diff` does, then each conflict; --dry-run prints \
            what would be applied and writes nothing. With --json: {"SourceVersion": INTO's new \
            version or null, "Applied": [changes as diff --json], "Conflicts": [{"StepID", \
            "Name", "Path", "Property", "Base", "Ours", "Theirs", "Secret", "Resolution"}]}.

            Exit codes: 0 merged (or a dry run without conflicts), 1 conflicts left undecided \
            (nothing written) or an error.
            """
    )

    @Argument(help: ArgumentHelp("The package whose changes are carried over.", valueName: "from"))
    var from: String

    @Argument(help: ArgumentHelp("The package they are written into.", valueName: "into"))
    var into: String

    @Flag(help: "Show what would be applied; write nothing.")
    var dryRun = false

    @Flag(help: "Decide every conflict for INTO's version.")
    var forceOurs = false

    @Flag(help: "Decide every conflict for FROM's version.")
    var forceTheirs = false

    @Flag(help: "Merge package properties too.")
    var properties = false

    @Option(help: ArgumentHelp("Write only if INTO is at this SourceVersion.", valueName: "version"))
    var expectedVersion: UInt32 = 0

    @OptionGroup var global: GlobalOptions

    var subject: String { "merge \(from) into \(into)" }

    func validate() throws {
        guard !(forceOurs && forceTheirs) else { throw ValidationError("Choose one of --force-ours and --force-theirs.") }
    }

    /// `--json`'s object.
    struct Report: Encodable {
        var sourceVersion: UInt32?
        var applied: [SequenceChange]
        var conflicts: [MergeConflict]

        enum CodingKeys: String, CodingKey {
            case sourceVersion = "SourceVersion", applied = "Applied", conflicts = "Conflicts"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(sourceVersion, forKey: .sourceVersion)
            try container.encode(applied, forKey: .applied)
            try container.encode(conflicts, forKey: .conflicts)
        }
    }

    func run(client: ProviderClient, output: Output) throws {
        let policy: ThreeWayMerge.Policy = forceOurs ? .ours : forceTheirs ? .theirs : .none
        let report = try client.merge(
            from: from, into: into, expectedSourceVersion: expectedVersion, policy: policy, properties: properties, dryRun: dryRun
        )
        try output.emit(Report(sourceVersion: report.sourceVersion, applied: report.applied, conflicts: report.conflicts)) {
            text(report)
        }
        if report.hasUnresolvedConflicts { throw ExitCode(ExitStatus.failure) }
    }

    private func text(_ report: MergeReport) -> String {
        let applied = report.applied
        var lines: [String] = []
        if !applied.isEmpty { lines.append(SequenceDiff(changes: applied).text.trimmingCharacters(in: .newlines)) }
        for conflict in report.conflicts { lines.append("! conflict: " + conflict.text) }
        if report.hasUnresolvedConflicts {
            lines.append("\(report.conflicts.filter { $0.resolution == nil }.count) conflict(s); nothing written (decide with --force-ours or --force-theirs)")
        } else if let version = report.sourceVersion {
            lines.append("merged \(applied.count) change(s) into \(into): SourceVersion \(version)")
        } else if dryRun {
            lines.append("dry run: \(applied.count) change(s) would be merged into \(into)")
        } else {
            lines.append("nothing to merge: \(into) already has every change of \(from)")
        }
        return lines.joined(separator: "\n")
    }
}
