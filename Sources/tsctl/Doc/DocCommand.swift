import ArgumentParser
import Foundation
import TaskSequenceModel
import TaskSequenceSDK
import TaskSequenceXML

/// `tsctl doc ID|FILE --format md|html [-o FILE]`: a task sequence as a reviewer reads it.
struct DocCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doc",
        abstract: "Write a task sequence as a document for review (Markdown or HTML).",
        discussion: """
            The argument is a file (read offline, any format tsctl import reads; --package picks \
            one package of a zip holding several) or else a PackageID (read from the service, \
            with each step's StepID). The document gives the package's properties and the \
            revision it shows (SourceVersion), then the steps nested as in the console: each \
            step's class in plain words, its condition as text, its settings (secrets shown as \
            "(secret, not shown)", long values cut), its references, and whether it is disabled \
            or continues on error.

            --format html writes one self-contained file (inline CSS, collapsible groups, a \
            print style); md writes Markdown. Without -o the document goes to standard output.
            """
    )

    @Argument(help: ArgumentHelp("A task sequence file, or the PackageID of a stored package.", valueName: "id|file"), completion: .file())
    var target: String

    @Option(name: .customLong("format"), help: ArgumentHelp("md or html.", valueName: "format"))
    var format: DocumentFormatOption = .md

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write the document to this file.", valueName: "file"), completion: .file())
    var outputFile: String?

    @Option(name: .customLong("package"), help: ArgumentHelp("The package to document when a zip holds several.", valueName: "package-id"))
    var packageID: String?

    @OptionGroup var limitOptions: LimitOptions

    @OptionGroup var global: GlobalOptions

    /// `--format`.
    enum DocumentFormatOption: String, ExpressibleByArgument, CaseIterable {
        case md, html
    }

    func run() throws {
        let documentation: SequenceDocumentation
        if target == "-" || FileManager.default.fileExists(atPath: target) {
            do {
                documentation = try fileDocumentation()
            } catch let error as InputFileError {
                StandardError.write(error.line)
                throw ExitCode(ExitStatus.failure)
            }
        } else {
            do {
                documentation = try packageDocumentation(client: try global.client())
            } catch let error as ProviderError {
                StandardError.write(Diagnostics.line(subject: "package \(target)", error: error))
                throw ExitCode(ExitStatus.failure)
            } catch let error as CommandFailure {
                StandardError.write(Diagnostics.line(subject: error.subject ?? "package \(target)", message: error.message))
                throw ExitCode(ExitStatus.failure)
            }
        }
        let text = format == .html ? HTMLDocumentation.render(documentation) : MarkdownDocumentation.render(documentation)
        if let outputFile {
            OutputFile.write(text, to: outputFile)
        } else {
            StandardOutput.write(text)
        }
    }

    private func fileDocumentation() throws -> SequenceDocumentation {
        let reader = TaskSequenceReader(limits: limitOptions.limits)
        let file = InputFile(path: target)
        let data = try file.read(limits: reader.limits)
        let document: TaskSequenceDocument
        do {
            document = try reader.document(from: data, packageID: packageID)
        } catch {
            throw InputFileError(line: file.diagnostic(for: error))
        }
        let package = document.package
        let fileName = URL(fileURLWithPath: target).lastPathComponent
        let title = !package.name.isEmpty ? package.name : (document.sequence.attributes["name"] ?? fileName)
        var revision = "From \(fileName)"
        if package.sourceVersion > 0 { revision += ", SourceVersion \(package.sourceVersion)" }
        var properties = SequenceDocumentation.properties(of: package)
        if package.sourceVersion == 0 { properties.removeAll { $0.label == "SourceVersion" } }
        return SequenceDocumentation(title: title, properties: properties, revision: revision, sequence: document.sequence)
    }

    private func packageDocumentation(client: ProviderClient) throws -> SequenceDocumentation {
        let package = client.package(target)
        let info = try package.info()
        let xml = try package.sequenceXML()
        let sequence: TaskSequence
        do {
            sequence = try TaskSequenceReader(limits: limitOptions.limits).sequence(fromXML: xml)
        } catch {
            throw CommandFailure("the service returned a sequence tsctl cannot read: \(error.message)")
        }
        let nodes = try package.sequence.stepTree()
        var stepIDs: [StepPath: Int64] = [:]
        Self.match(sequence.steps, nodes, under: StepPath(), into: &stepIDs)
        let properties: [SequenceDocumentation.Property] = [
            .init("PackageID", info.packageID), .init("Name", info.name), .init("Description", info.description),
            .init("Version", info.version), .init("Manufacturer", info.manufacturer), .init("Language", info.language),
            .init("Category", info.category), .init("Boot image", info.bootImageID),
            .init("Duration (minutes)", info.duration == 0 ? "" : String(info.duration)),
            .init("Type", info.type == 2 ? "Operating system deployment" : "Generic"),
            .init("Enabled", info.isEnabled ? "yes" : "no"),
            .init("SourceVersion", String(info.sourceVersion)), .init("SourceDate", info.sourceDateText),
        ]
        return SequenceDocumentation(
            title: info.name.isEmpty ? info.packageID : info.name, properties: properties,
            revision: "Package \(info.packageID), SourceVersion \(info.sourceVersion)", sequence: sequence, stepIDs: stepIDs)
    }

    /// Pairs the steps of the sequence read back with the service's step tree, which lists the
    /// same steps in the same order, to know each one's StepID.
    private static func match(_ steps: [Step], _ nodes: [StepNode], under parent: StepPath, into ids: inout [StepPath: Int64]) {
        for (index, (step, node)) in zip(steps, nodes).enumerated() {
            let path = parent.appending(step.kind, at: index)
            ids[path] = node.info.id
            match(step.steps, node.children, under: path, into: &ids)
        }
    }
}
