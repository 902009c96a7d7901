import ArgumentParser
import Foundation
import TaskSequenceModel

/// `tsctl`: the command line of tsprovider, shaped after the ConfigMgr cmdlets and `busctl`.
/// Command groups live in folders of their own (`Package/`, `Step/` …, `XML/` for the offline
/// `xml` commands); add a group by adding it to `subcommands`.
@main
struct TSCtl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tsctl",
        abstract: "Work with ConfigMgr task sequences, in the tsprovider service and in files.",
        discussion: """
            Every command but `xml` (and `diff` of two files) talks to tsproviderd (org.tsprovider.Provider1) on the system \
            bus, or on the bus --session, --address or $TSPROVIDER_BUS_ADDRESS names. Commands \
            that read print text for people, or JSON with stable field names with --json.

            Exit codes: 0 success, 1 an error reported by the service or bad input, 2 usage error. \
            Errors go to standard error as one line naming the object and the problem.
            """,
        version: ProjectVersion.current,
        subcommands: [
            PackageCommand.self, ImportCommand.self, ExportCommand.self, StepCommand.self, ConditionCommand.self,
            PermCommand.self, QueryCommand.self, ClassCommand.self, WatchCommand.self, XMLCommand.self,
            ComputerCommand.self, CollectionCommand.self, VarCommand.self, DeployCommand.self, DeploymentCommand.self,
            PlanCommand.self, LintCommand.self, DocCommand.self,
            HistoryCommand.self, RollbackCommand.self, DiffCommand.self, MergeCommand.self,
        ]
    )

    /// Runs the command, with the project's exit codes: ArgumentParser's usage errors (its
    /// EX_USAGE, 64) exit with 2, as documented; everything else keeps its code.
    static func main() {
        do {
            var command = try parseAsRoot(GlobalArguments.reordered(Array(CommandLine.arguments.dropFirst())))
            try command.run()
        } catch {
            if exitCode(for: error) == .success {
                // Help goes through the checked writer: a full disk is one line and exit 1.
                StandardOutput.write(fullMessage(for: error) + "\n")
                Foundation.exit(ExitStatus.success)
            }
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            StandardError.write(usageErrorLine(for: error))
            Foundation.exit(ExitStatus.usage)
        }
    }

    /// One line: ArgumentParser's error and where to find help (its full message adds the
    /// usage, which does not fit on the line).
    private static func usageErrorLine(for error: Error) -> String {
        let lines = fullMessage(for: error).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let problem = lines.first ?? "Error: invalid usage"
        let help = lines.last { $0.hasPrefix("See '") } ?? "See 'tsctl --help'."
        var text = problem.hasPrefix("Error: ") ? String(problem.dropFirst("Error: ".count)) : problem
        if !text.hasSuffix(".") { text += "." }
        return "tsctl: \(text) \(help)"
    }
}

/// Exit statuses shared by every command.
enum ExitStatus {
    static let success: Int32 = 0
    /// Bad input, or an error reported by the service.
    static let failure: Int32 = 1
    /// The command line itself is wrong.
    static let usage: Int32 = 2
}
