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

    func run(client: ProviderClient, output: Output) throws {
        let package = client.package(packageID)
        if let outputFile {
            do {
                try package.export(format: format, to: URL(fileURLWithPath: outputFile))
            } catch ProviderError.file(let path, let reason) {
                throw CommandFailure(reason, subject: path)
            }
        } else {
            let xml = try package.export(format: format)
            StandardOutput.write(xml.hasSuffix("\n") ? xml : xml + "\n")
        }
    }
}
