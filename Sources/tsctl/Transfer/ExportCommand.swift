import ArgumentParser
import Foundation
import TaskSequenceSDK

/// `tsctl export ID…`: packages as files current ConfigMgr (or the 2007 console) imports.
struct ExportCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export task sequence packages.",
        discussion: """
            Like Export-CMTaskSequence. --format package (the default) writes the ConfigMgr 2007 \
            <SmsTaskSequencePackage> wrapper; sequence writes the bare <sequence>; object writes the \
            ConfigMgr 2012+ object.xml (every package property, the sequence in CDATA); zip writes the \
            Export-CMTaskSequence archive (SMS_TaskSequencePackage/<PackageID>/object.xml), which needs -o. \
            Secrets (passwords, product keys) are blanked.

            Several PackageIDs: with --format zip and -o FILE, one zip holding them all; with -o DIR (an \
            existing directory), one file per package, DIR/<PackageID>.xml (.zip for zip).

            PS100004@3 exports the package as revision 3 left it (tsctl history lists revisions), in a \
            text format.

            With --json, one object per package: {"PackageID", "Format", "File", "XML"} — the XML as a \
            string and File null, or with -o the file written and XML null; several packages give an array.
            """
    )

    @Argument(help: ArgumentHelp("The PackageIDs, each optionally @REV for an old revision.", valueName: "package-id[@rev]"))
    var packages: [PackageAtRevision] = []

    var packageIDs: [String] { packages.map(\.packageID) }

    @Option(name: .customLong("format"), help: ArgumentHelp("package, sequence, object or zip.", valueName: "format"))
    var format: ExportFormat = .package

    @Flag(name: .customLong("canonical"), help: "Lay the XML out one element per line, indented (package and sequence formats), so git diffs of snapshots are readable; it imports as the same sequence.")
    var canonical = false

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to this file (or, for several packages, into this directory) instead of standard output.", valueName: "file|dir"), completion: .file())
    var outputFile: String?

    @OptionGroup var global: GlobalOptions

    var subject: String { "package \(packages.first?.description ?? "")" }

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

    func validate() throws {
        guard !packageIDs.isEmpty else { throw ValidationError("Give at least one PackageID to export.") }
        if format == .zip, packages.contains(where: { $0.revision != nil }) {
            throw ValidationError("An old revision exports in a text format (package, sequence or object), not zip.")
        }
        if canonical, format != .package, format != .sequence {
            throw ValidationError("--canonical lays out the package and sequence formats, not \(format.rawValue).")
        }
        if canonical, packages.contains(where: { $0.revision != nil }) {
            throw ValidationError("--canonical exports the current sequence, not an old revision.")
        }
        if outputFile == nil && (format == .zip || packageIDs.count > 1) {
            throw ValidationError(format == .zip
                ? "A zip export is binary: give -o FILE."
                : "Several packages need -o DIR (one file each) or --format zip -o FILE (one archive).")
        }
    }

    func run(client: ProviderClient, output: Output) throws {
        guard let outputFile else { return try printOne(client: client, output: output) }
        var exported: [Exported] = []
        if Self.isDirectory(outputFile) {
            for package in packages {
                let name = package.revision.map { "\(package.packageID)@\($0)" } ?? package.packageID
                let path = URL(fileURLWithPath: outputFile).appendingPathComponent(name + (format == .zip ? ".zip" : ".xml")).path
                OutputFile.write(bytes: try bytes(of: package, client: client), to: path)
                exported.append(Exported(packageID: package.packageID, format: format, file: path))
            }
        } else if packageIDs.count > 1 {
            guard format == .zip else { throw CommandFailure("is not a directory; several packages go into a directory, or into one zip with --format zip", subject: outputFile) }
            OutputFile.write(bytes: [UInt8](try client.exportPackages(packageIDs, format: .zip)), to: outputFile)
            exported = packageIDs.map { Exported(packageID: $0, format: format, file: outputFile) }
        } else if let package = packages.first {
            OutputFile.write(bytes: try bytes(of: package, client: client), to: outputFile)
            exported.append(Exported(packageID: package.packageID, format: format, file: outputFile))
        }
        if output.json {
            if exported.count == 1, let only = exported.first { try output.printJSON(only) } else { try output.printJSON(exported) }
        }
    }

    private func printOne(client: ProviderClient, output: Output) throws {
        guard let package = packages.first else { return }
        let id = package.packageID
        let xml = try package.revision.map { try client.package(id).export(at: $0, format: format) } ?? (canonical ? client.package(id).export(format: format, canonical: true) : client.package(id).export(format: format))
        if output.json {
            try output.printJSON(Exported(packageID: id, format: format, xml: xml))
        } else {
            StandardOutput.write(xml.hasSuffix("\n") ? xml : xml + "\n")
        }
    }

    /// The export of `package` (at its revision, when it names one) as bytes.
    private func bytes(of package: PackageAtRevision, client: ProviderClient) throws -> [UInt8] {
        let handle = client.package(package.packageID)
        if let revision = package.revision { return Array(try handle.export(at: revision, format: format).utf8) }
        if canonical { return Array(try handle.export(format: format, canonical: true).utf8) }
        return [UInt8](try handle.exportData(format: format))
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
