import ArgumentParser
import Foundation
import TaskSequenceModel
import TaskSequenceXML

/// `tsctl xml check FILE|DIR…`: reads each file and prints one line per task sequence in it.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check task sequence files as an import would, and summarise each.",
        discussion: """
            Prints one line per task sequence: its format (sequence, mdt, package2007, \
            objectxml, zip), schema version, steps, groups, conditions (steps and groups with \
            one), condition expressions and the deepest nesting. Each sequence is validated \
            offline exactly as an import validates it (the same code, no service): what an \
            import would keep with a warning goes to standard error as FILE: warning: PLACE: \
            PROPERTY: RULE, what it would refuse as FILE: error: …, every one of them (up to \
            100 errors). Directories are searched recursively for task sequence files by \
            content, as `tsctl import` searches them; a directory holding none is reported as \
            an error. A file that cannot be read is reported on standard error as \
            FILE:LINE:COL: message; the other files are still checked, and the exit code is 1.
            """
    )

    @Argument(help: ArgumentHelp("Files to check (any supported format, .zip included) and directories to search.", valueName: "path"), completion: .file())
    var files: [String] = []

    @Flag(help: "Print a JSON array of objects instead of lines.")
    var json = false

    @OptionGroup var limitOptions: LimitOptions

    mutating func validate() throws {
        guard !files.isEmpty else { throw ValidationError("Give at least one FILE to check.") }
    }

    /// The files named, with each directory replaced by the task sequence files below it (as
    /// `import` finds them). A directory that cannot be searched or holds none is reported
    /// and recorded in `results`.
    private func expandedFiles(_ results: inout [CheckResult]) -> [String] {
        var expanded: [String] = []
        for path in files {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                expanded.append(path)
                continue
            }
            do {
                expanded += try ImportCommand.files(at: path)
            } catch {
                StandardError.write("\(path): \(error.message)")
                results.append(.failure(CheckFailure(path: path, line: nil, column: nil, message: error.message)))
            }
        }
        return expanded
    }

    func run() throws {
        let reader = TaskSequenceReader.importing(limits: limitOptions.limits)
        var results: [CheckResult] = []
        for path in expandedFiles(&results) {
            let file = InputFile(path: path)
            do {
                let data = try file.read(limits: reader.limits)
                do {
                    for document in try reader.documents(from: data) {
                        let summary = SequenceSummary(path: path, document: document)
                        results.append(.summary(summary))
                        if !json { StandardOutput.write(summary.line + "\n") }
                        let subject = document.archiveMember.map { "\(path) (\($0))" } ?? path
                        for warning in summary.warnings { StandardError.write(WarningLines.warning(warning, in: subject)) }
                    }
                } catch {
                    if case .invalidSequence(let found) = error.rootCause {
                        for line in WarningLines.errors(found, in: path) { StandardError.write(line) }
                        for warning in ImportValidation.listed(found.warnings, omitted: found.omittedWarnings) { StandardError.write(WarningLines.warning(warning, in: path)) }
                        results.append(.failure(CheckFailure(path: path, error: error)))
                        continue
                    }
                    StandardError.write(file.diagnostic(for: error))
                    results.append(.failure(CheckFailure(path: path, error: error)))
                }
            } catch {
                StandardError.write(error.line)
                results.append(.failure(CheckFailure(path: path, line: nil, column: nil, message: error.line)))
            }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            StandardOutput.write(String(decoding: try encoder.encode(results), as: UTF8.self) + "\n")
        }
        if results.contains(where: \.isFailure) { throw ExitCode(ExitStatus.failure) }
    }
}

/// One entry of `--json` output: a summary, or why the file could not be read.
enum CheckResult: Encodable {
    case summary(SequenceSummary)
    case failure(CheckFailure)

    var isFailure: Bool { if case .failure = self { true } else { false } }

    func encode(to encoder: Encoder) throws {
        switch self {
        case .summary(let summary): try summary.encode(to: encoder)
        case .failure(let failure): try failure.encode(to: encoder)
        }
    }
}

/// A file `xml check` rejected: `{"path": …, "error": {"line": …, "column": …, "message": …}}`.
struct CheckFailure: Encodable {
    struct Problem: Encodable {
        var line: Int?
        var column: Int?
        var message: String
    }

    var path: String
    var error: Problem

    init(path: String, line: Int?, column: Int?, message: String) {
        self.path = path
        self.error = Problem(line: line, column: column, message: message)
    }

    init(path: String, error: XMLCodecError) {
        self.init(path: path, line: error.line, column: error.column, message: error.message)
    }
}
