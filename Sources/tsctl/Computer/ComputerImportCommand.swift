import ArgumentParser
import Foundation
import TaskSequenceSDK

/// `tsctl computer import NAME (--mac M | --smbios-guid G) [--source COMPUTER]` and
/// `tsctl computer import --csv FILE`.
struct ComputerImportCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a computer by name with its MAC address or SMBIOS GUID, or the computers of a CSV file.",
        discussion: """
            One computer: NAME with --mac (00:11:22:33:44:55 or with hyphens) and/or --smbios-guid; \
            --source names the old computer whose user state moves to it. Prints the ResourceID.

            A CSV file (--csv FILE, - for standard input) in the console wizard's format: \
            Name,SMBIOS GUID,MAC Address[,Source Computer] per line, a header line optional. Good \
            lines are imported together; each bad line is reported as `line N: problem` on standard \
            error and left out, and the exit status is then 1. With --json, an array of \
            {Line, Name, ResourceID, Problem} for every line.

            Needs ImportMachine (0x80000) on the SMS_Collection class. --overwrite replaces the MAC \
            address and GUID of a computer of the same name instead of refusing it.
            """
    )

    @Argument(help: ArgumentHelp("The computer's NetBIOS name (not with --csv).", valueName: "name"))
    var name: String?

    @Option(name: .customLong("mac"), help: ArgumentHelp("Its MAC address.", valueName: "mac"))
    var macAddress: String?

    @Option(name: .customLong("smbios-guid"), help: ArgumentHelp("Its SMBIOS GUID.", valueName: "guid"))
    var smbiosGUID: String?

    @Option(name: .customLong("source"), help: ArgumentHelp("The computer it replaces (name or ResourceID), for side-by-side migration.", valueName: "computer"))
    var source: String?

    @Option(name: .customLong("csv"), help: ArgumentHelp("A CSV file to import; - for standard input.", valueName: "file"))
    var csv: String?

    @Flag(name: .customLong("overwrite"), help: "Replace computers of the same name.")
    var overwrite = false

    @OptionGroup var global: GlobalOptions

    var subject: String { csv.map { "CSV \($0)" } ?? "computer \(name ?? "")" }

    func validate() throws {
        if csv != nil {
            guard name == nil, macAddress == nil, smbiosGUID == nil, source == nil else {
                throw ValidationError("--csv takes the computers from the file; give no NAME, --mac, --smbios-guid or --source with it.")
            }
        } else {
            guard name != nil else { throw ValidationError("Give the computer's NAME, or --csv FILE.") }
            guard macAddress != nil || smbiosGUID != nil else { throw ValidationError("Give --mac or --smbios-guid (or both).") }
        }
    }

    func run(client: ProviderClient, output: Output) throws {
        guard let csv else {
            let computer = try client.importComputer(named: name ?? "", macAddress: macAddress, smbiosGUID: smbiosGUID, sourceComputer: source, overwrite: overwrite)
            try output.emit(["ResourceID": computer.resourceID]) { String(computer.resourceID) }
            return
        }
        let text: String
        do {
            text = String(decoding: try InputFile(path: csv).read(), as: UTF8.self)
        } catch {
            throw CommandFailure(error.line)
        }
        let lines = try client.importComputers(csv: text, overwrite: overwrite)
        try output.emit(lines) {
            lines.filter(\.isImported).map { "line \($0.line): \($0.name) imported as \($0.resourceID)" }.joined(separator: "\n")
        }
        let bad = lines.filter { !$0.isImported }
        for line in bad { StandardError.write("tsctl: \(subject): line \(line.line): \(line.problem)") }
        if !bad.isEmpty { throw ExitCode(ExitStatus.failure) }
    }
}
