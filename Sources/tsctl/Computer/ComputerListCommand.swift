import ArgumentParser
import TaskSequenceSDK

/// `tsctl computer list`: every computer you may read.
struct ComputerListCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the computers you may read.",
        discussion: """
            One row per computer: ResourceID, name, MAC addresses and SMBIOS GUID. With --json, an \
            array of {ResourceID, Name, MACAddresses, SMBIOSGUID, CreationDate}.
            """
    )

    @OptionGroup var global: GlobalOptions

    var subject: String { "computers" }

    func run(client: ProviderClient, output: Output) throws {
        let computers = try client.computers()
        try output.emit(computers) {
            var table = Table("RESOURCE ID", "NAME", "MAC ADDRESSES", "SMBIOS GUID")
            for computer in computers {
                table.add(String(computer.resourceID), computer.name, computer.macAddresses.joined(separator: " "), computer.smbiosGUID)
            }
            return table.text
        }
    }
}
