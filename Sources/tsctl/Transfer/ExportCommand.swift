import ArgumentParser
import Foundation
import TaskSequenceSDK

/// `tsctl export ID`: a package as XML.
struct ExportCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a task sequence package as XML.",
        discussion: """
            Like Export-CMTaskSequence. --format package (the default) writes the ConfigMgr 2007 \
            <SmsTaskSequencePackage> wrapper another site imports as a whole package; --format \
            sequence writes the bare <sequence>. Secrets (passwords, product keys) are blanked.

            With --json, one object: {"PackageID", "Format", "File", "XML"} — the XML as a \
            string and File null, or with -o the file written and XML null.
            """
    )

    @Argument(help: ArgumentHelp("The PackageID.", valueName: "package-id"))
    var packageID: String

    @Option(name: .customLong("format"), help: ArgumentHelp("package or sequence.", valueName: "format"))
    var format: ExportFormat = .package

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"), completion: .file())
    var outputFile: String?

    @OptionGroup var global: GlobalOptions

    var subject: String { "package \(packageID)" }

    /// The `--json` result.
    struct Exported: Encodable {
        var packageID: String
        var format: ExportFormat
        var file: String?
        var xml: String?

        enum CodingKeys: String, CodingKey {
            case packageID = "PackageID", format = "Format", file = "File", xml = "XML"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(packageID, forKey: .packageID)
            try container.encode(format, forKey: .format)
            try container.encode(file, forKey: .file)
            try container.encode(xml, forKey: .xml)
        }
    }

    func run(client: ProviderClient, output: Output) throws {
        let package = client.package(packageID)
        if let outputFile {
            do {
                try package.export(format: format, to: URL(fileURLWithPath: outputFile))
            } catch ProviderError.file(let path, let reason) {
                throw CommandFailure(reason, subject: path)
            }
            if output.json { try output.printJSON(Exported(packageID: package.id, format: format, file: outputFile)) }
        } else {
            let xml = try package.export(format: format)
            if output.json {
                try output.printJSON(Exported(packageID: package.id, format: format, xml: xml))
            } else {
                StandardOutput.write(xml.hasSuffix("\n") ? xml : xml + "\n")
            }
        }
    }
}
