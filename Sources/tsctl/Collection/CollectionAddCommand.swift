import ArgumentParser
import TaskSequenceSDK

/// `tsctl collection add ID COMPUTER…`: direct rules.
struct CollectionAddCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add computers to a collection by direct rules.",
        discussion: "COMPUTER is a name or a ResourceID. All are added in one change, or none; needs Modify on the collection."
    )

    @Argument(help: ArgumentHelp("The CollectionID.", valueName: "collection-id"))
    var collectionID: String

    @Argument(help: ArgumentHelp("The computers.", valueName: "computer"))
    var computers: [String] = []

    @OptionGroup var global: GlobalOptions

    var subject: String { "collection \(collectionID)" }

    func validate() throws {
        guard !computers.isEmpty else { throw ValidationError("Give at least one computer to add.") }
    }

    func run(client: ProviderClient, output: Output) throws {
        try client.collection(collectionID).addDirectRules(computers)
    }
}
