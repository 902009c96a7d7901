import ArgumentParser
import TaskSequenceSDK

/// `tsctl computer associate SOURCE DESTINATION` and `--list`.
struct ComputerAssociateCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "associate",
        abstract: "Associate an old computer with its replacement for side-by-side migration, or list the associations.",
        discussion: "With --list (or no computers), prints SOURCE -> DESTINATION per association; with --json an array of {SourceClientResourceID, SourceName, RestoreClientResourceID, RestoreName}."
    )

    @Argument(help: ArgumentHelp("The old computer and the new one (names or ResourceIDs).", valueName: "computer"))
    var computers: [String] = []

    @Flag(name: .customLong("list"), help: "List the associations.")
    var list = false

    @OptionGroup var global: GlobalOptions

    var subject: String { "association" }

    func validate() throws {
        guard computers.isEmpty || computers.count == 2 else { throw ValidationError("Give SOURCE and DESTINATION, or --list.") }
    }

    func run(client: ProviderClient, output: Output) throws {
        if computers.count == 2 {
            try client.associateComputers(source: computers[0], destination: computers[1])
            if !list { return }
        }
        let associations = try client.computerAssociations()
        try output.emit(associations) {
            associations.map { "\($0.sourceName.isEmpty ? String($0.sourceResourceID) : $0.sourceName) -> \($0.destinationName)" }.joined(separator: "\n")
        }
    }
}
