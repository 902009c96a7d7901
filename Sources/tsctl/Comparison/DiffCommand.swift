import ArgumentParser
import Foundation
import TaskSequenceModel
import TaskSequenceXML

/// `tsctl diff A B [--json]`: what changed from A to B, step by step.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what changed from one task sequence to another, step by step.",
        discussion: """
            A and B are task sequence files (any format `import` reads; one sequence each). \
            Files are compared offline, without the service: steps are paired by class, name \
            and position, since files carry no step IDs. Package properties are compared when \
            both files carry them (object.xml, 2007 export, zip).

            Reports steps added, removed, moved (from → to), renamed, enabled or disabled, \
            Continue on error, descriptions, each setting (old → new; secrets only as changed, \
            never their values) and conditions (as text). With --json: an array with one object \
            per change, keys Kind, StepID, Name, Path, FromPath, Property, Old, New, Secret, \
            each always present (null where it does not apply).

            Exit codes, as diff(1): 0 no differences, 1 differences, 2 trouble (a file that \
            cannot be read, a usage error).
            """
    )

    @Argument(help: ArgumentHelp("The old version: a task sequence file.", valueName: "A"), completion: .file())
    var old: String

    @Argument(help: ArgumentHelp("The new version: a task sequence file.", valueName: "B"), completion: .file())
    var new: String

    @Flag(help: "Print a JSON array of changes instead of text.")
    var json = false

    @OptionGroup var limitOptions: LimitOptions

    func run() throws {
        let diff: SequenceDiff
        do {
            let oldFile = try ComparedFile(path: old, limits: limitOptions.limits)
            let newFile = try ComparedFile(path: new, limits: limitOptions.limits)
            diff = SequenceDiff(old: oldFile.compared, new: newFile.compared)
        } catch {
            StandardError.write(error.line)
            throw ExitCode(DiffExitStatus.trouble)
        }
        try DiffOutput(json: json).print(diff)
        if !diff.isEmpty { throw ExitCode(DiffExitStatus.differences) }
    }
}

/// `diff`'s exit statuses, as diff(1)'s.
enum DiffExitStatus {
    static let same: Int32 = 0
    static let differences: Int32 = 1
    static let trouble: Int32 = 2
}

/// Prints a diff as review text or as the JSON array of changes.
struct DiffOutput {
    let json: Bool

    func print(_ diff: SequenceDiff) throws {
        try Output(json: json).emit(diff.changes) { diff.text }
    }
}
