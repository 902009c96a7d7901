import ArgumentParser
import Foundation
import TaskSequenceModel
import TaskSequenceSDK
import TaskSequenceXML

/// `tsctl diff A[@REV] B[@REV] [--json]`: what changed from A to B, step by step.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what changed from one task sequence to another, step by step.",
        discussion: """
            A and B are both task sequence files, or both packages in the service. Files (any \
            format `import` reads, one sequence each) are compared offline, without the service: \
            their steps are paired by class, name and position, since files carry no step IDs. \
            Packages are given as PackageID, or PackageID@REV for a revision (see `tsctl \
            history`); their steps are paired by lineage and step ID first, so a copy diffs \
            against its original exactly. An argument naming an existing file is a file.

            Package properties are compared between two revisions of one package; between two \
            packages (a copy has its own name) or two files only with --properties (files that \
            carry them: object.xml, 2007 export, zip).

            Reports steps added, removed, moved (from → to), renamed, enabled or disabled, \
            Continue on error, descriptions, each setting (old → new; secrets only as changed, \
            never their values), conditions (as text) and package properties. With --json: an \
            array with one object per change, keys Kind, StepID, Name, Path, FromPath, Property, \
            Old, New, Secret, each always present (null where it does not apply).

            Exit codes, as diff(1): 0 no differences, 1 differences, 2 trouble (a file that \
            cannot be read, a package that does not exist, a usage error).
            """
    )

    @Argument(help: ArgumentHelp("The old version: a file, or PackageID[@REV].", valueName: "A"), completion: .file())
    var old: String

    @Argument(help: ArgumentHelp("The new version: a file, or PackageID[@REV].", valueName: "B"), completion: .file())
    var new: String

    @Flag(help: "Compare package properties of two different packages or files too.")
    var properties = false

    @OptionGroup var limitOptions: LimitOptions

    @OptionGroup var global: GlobalOptions

    private static func isFile(_ argument: String) -> Bool {
        argument == "-" || FileManager.default.fileExists(atPath: argument)
    }

    func validate() throws {
        guard Self.isFile(old) == Self.isFile(new) else {
            throw ValidationError("Compare two files or two packages: '\(Self.isFile(old) ? old : new)' is a file, the other is not.")
        }
        if !Self.isFile(old) {
            for argument in [old, new] where PackageAtRevision(argument: argument) == nil {
                throw ValidationError("'\(argument)' is neither a file nor PackageID[@REV] (REV a positive SourceVersion).")
            }
        }
    }

    func run() throws {
        let diff = Self.isFile(old) ? try filesDiff() : try packagesDiff()
        try DiffOutput(json: global.json).print(diff)
        if !diff.isEmpty { throw ExitCode(DiffExitStatus.differences) }
    }

    private func filesDiff() throws -> SequenceDiff {
        do {
            let oldFile = try ComparedFile(path: old, limits: limitOptions.limits)
            let newFile = try ComparedFile(path: new, limits: limitOptions.limits)
            return SequenceDiff(old: oldFile.compared(properties: properties), new: newFile.compared(properties: properties))
        } catch {
            StandardError.write(error.line)
            throw ExitCode(DiffExitStatus.trouble)
        }
    }

    private func packagesDiff() throws -> SequenceDiff {
        guard let oldRevision = PackageAtRevision(argument: old), let newRevision = PackageAtRevision(argument: new) else {
            throw ExitCode(DiffExitStatus.trouble)
        }
        do {
            let changes = try global.client().diff(
                PackageVersionReference(oldRevision.packageID, at: oldRevision.revision),
                PackageVersionReference(newRevision.packageID, at: newRevision.revision),
                properties: properties
            )
            return SequenceDiff(changes: changes)
        } catch let error as ProviderError {
            StandardError.write(Diagnostics.line(subject: "diff \(oldRevision) \(newRevision)", error: error))
            throw ExitCode(DiffExitStatus.trouble)
        }
    }
}

/// `diff`'s exit statuses, as diff(1)'s.
enum DiffExitStatus {
    static let same: Int32 = 0
    static let differences: Int32 = 1
    static let trouble: Int32 = 2
}
