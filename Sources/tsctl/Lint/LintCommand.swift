import ArgumentParser
import Foundation
import TaskSequenceModel
import TaskSequenceSDK
import TaskSequenceXML

/// `tsctl lint ID|FILE…`: lint stored packages (through the service) and files (offline).
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Find what breaks deployments or leaks secrets in task sequences.",
        discussion: """
            Each argument is a file or directory (linted offline, no service needed: any format \
            tsctl import reads, every package of a zip, every task sequence below a directory as \
            import finds them) or else a PackageID (linted by the service's Validate, \
            which needs Read). Findings print one per line as SOURCE: SEVERITY CODE RULE PLACE: \
            MESSAGE, then one line of counts by severity and by code (and, when files were linted, a line \
            saying that references were not checked). Offline, references to packages are not checked (there is no \
            site to look them up in) and findings have no StepID. docs/lint.md lists every code \
            with its severity and rationale.

            Exit status 1 when any finding is an error (or an argument cannot be read), else 0.

            With --json, one array of objects: Code, Rule, Severity, StepID (null offline), Name \
            (the step's, null for the sequence), Path (group[1]/step[2]), Message, and File or \
            PackageID (the other null).
            """
    )

    @Argument(help: ArgumentHelp("Task sequence files, or PackageIDs of stored packages.", valueName: "id|file"), completion: .file())
    var targets: [String] = []

    @Option(name: .customLong("known-variable"), help: ArgumentHelp(
        "A variable set outside the sequence (a collection or computer variable) that conditions may test; repeat for several. Files only.",
        valueName: "name"))
    var knownVariables: [String] = []

    @OptionGroup var limitOptions: LimitOptions

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard !targets.isEmpty else { throw ValidationError("Give at least one PackageID or FILE to lint.") }
    }

    /// One `--json` entry: a finding and where it comes from.
    struct Entry: Encodable {
        var finding: LintFinding
        var file: String?
        var packageID: String?

        enum CodingKeys: String, CodingKey { case file = "File", packageID = "PackageID" }

        func encode(to encoder: any Encoder) throws {
            try finding.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(file, forKey: .file)
            try container.encode(packageID, forKey: .packageID)
        }

        var source: String { file ?? packageID ?? "" }
    }

    func run() throws {
        var entries: [Entry] = []
        var failed = false
        var sequences = 0
        var lintedOffline = false
        var client: ProviderClient?
        for target in targets {
            if target == "-" || FileManager.default.fileExists(atPath: target) {
                // A directory stands for the task sequence files below it, as import finds them.
                let files: [String]
                do {
                    files = target == "-" ? ["-"] : try ImportCommand.files(at: target)
                } catch {
                    StandardError.write("\(target): \(error.message)")
                    failed = true
                    continue
                }
                for file in files {
                    do {
                        let linted = try lintFile(file)
                        entries += linted.entries
                        sequences += linted.sequences
                        lintedOffline = true
                    } catch let error as InputFileError {
                        StandardError.write(error.line)
                        failed = true
                    }
                }
                continue
            }
            do {
                let service = try client ?? global.client()
                client = service
                entries += try service.package(target).validate().map { Entry(finding: $0, file: nil, packageID: target) }
                sequences += 1
            } catch let error as ProviderError {
                StandardError.write(Diagnostics.line(subject: "package \(target)", error: error))
                failed = true
            }
        }
        if global.json {
            try Output(json: true).printJSON(entries)
        } else {
            var text = entries.map { "\($0.source): \($0.finding)\n" }.joined()
            text += Self.summary(entries.map(\.finding), sequences: sequences) + "\n"
            if lintedOffline { text += "lint: files are linted offline: references to packages are not checked\n" }
            StandardOutput.write(text)
        }
        if failed || entries.contains(where: \.finding.isError) { throw ExitCode(ExitStatus.failure) }
    }

    /// `lint: 2 errors, 1 warning, 14 info in 3 sequences (TS201 2, TS401 14, TS901 1)`: the
    /// counts by severity, then by code.
    static func summary(_ findings: [LintFinding], sequences: Int) -> String {
        func count(_ severity: LintSeverity, _ singular: String, _ plural: String) -> String {
            let number = findings.filter { $0.severity == severity }.count
            return "\(number) \(number == 1 ? singular : plural)"
        }
        var line = "lint: \(count(.error, "error", "errors")), \(count(.warning, "warning", "warnings")), \(count(.info, "info", "info"))"
            + " in \(sequences) \(sequences == 1 ? "sequence" : "sequences")"
        let byCode = Dictionary(grouping: findings, by: \.code.rawValue).map { "\($0.key) \($0.value.count)" }.sorted()
        if !byCode.isEmpty { line += " (\(byCode.joined(separator: ", ")))" }
        return line
    }

    /// Every package in the file, linted offline, and how many there were.
    private func lintFile(_ path: String) throws -> (entries: [Entry], sequences: Int) {
        let reader = TaskSequenceReader(limits: limitOptions.limits)
        let file = InputFile(path: path)
        let data = try file.read(limits: reader.limits)
        let documents: [TaskSequenceDocument]
        do {
            documents = try reader.documents(from: data)
        } catch {
            throw InputFileError(line: file.diagnostic(for: error))
        }
        var entries: [Entry] = []
        for document in documents {
            let source = document.archiveMember.map { "\(path) (\($0))" } ?? path
            let xml: String
            do {
                xml = try TaskSequenceWriter().sequenceXML(document.sequence)
            } catch {
                throw InputFileError(line: file.diagnostic(for: error))
            }
            let options = LintOptions(
                extraKnownVariables: Set(knownVariables), storedSequenceBytes: xml.utf8.count,
                policyBytes: PolicySize.estimatedPolicyBytes(forSequenceXML: xml))
            entries += document.sequence.lint(options: options).map { Entry(finding: $0, file: source, packageID: nil) }
        }
        return (entries, documents.count)
    }
}
