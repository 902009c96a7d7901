import ArgumentParser
import Foundation
import TaskSequenceXML

/// `tsctl xml convert FILE --to sequence|package`: rewrites a task sequence in another form.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a task sequence file to a <sequence> document or a 2007 package export.",
        discussion: """
            Reads any supported format (a .zip too) and writes the sequence (--to sequence) or \
            the ConfigMgr 2007 <SmsTaskSequencePackage> wrapper with the package properties the \
            file carried (--to package). Conversion is an export: Secret and QuasiSecret values \
            (passwords, product keys) are blanked unless --keep-secrets is given.
            """
    )

    /// What `--to` writes.
    enum Target: String, ExpressibleByArgument, CaseIterable {
        case sequence, package
    }

    @Argument(help: ArgumentHelp("The file to convert; - reads standard input.", valueName: "file"))
    var file: String

    @Option(name: .customLong("to"), help: "What to write: sequence or package.")
    var target: Target

    @Flag(help: "Indented, deterministic layout (LF line ends), friendly to git.")
    var canonical = false

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "out"))
    var output: String?

    @Option(name: .customLong("package"), help: ArgumentHelp("The PackageID to convert when a zip holds several.", valueName: "id"))
    var packageID: String?

    @Flag(help: "Keep Secret and QuasiSecret values instead of blanking them.")
    var keepSecrets = false

    @OptionGroup var limitOptions: LimitOptions

    func run() throws {
        let input = InputFile(path: file)
        let xml: String
        do {
            let reader = TaskSequenceReader(limits: limitOptions.limits)
            let document = try reader.document(from: input.read(limits: reader.limits), packageID: packageID)
            let writer = TaskSequenceWriter(layout: canonical ? .canonical : .faithful, form: keepSecrets ? .storage : .export)
            switch target {
            case .sequence: xml = try writer.sequenceXML(document.sequence)
            case .package: xml = try writer.packageXML(document.sequence, properties: document.package)
            }
        } catch let error as InputFileError {
            StandardError.write(error.line)
            throw ExitCode(ExitStatus.failure)
        } catch let error as XMLCodecError {
            var line = input.diagnostic(for: error)
            if case .severalPackages = error { line += " with --package ID" }
            StandardError.write(line)
            throw ExitCode(ExitStatus.failure)
        }
        try write(xml)
    }

    private func write(_ xml: String) throws {
        guard let output, output != "-" else {
            StandardOutput.write(xml.hasSuffix("\n") ? xml : xml + "\n")
            return
        }
        OutputFile.write(xml, to: output)
    }
}
