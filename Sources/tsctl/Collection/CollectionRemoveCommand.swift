import ArgumentParser
import TaskSequenceSDK

/// `tsctl collection remove ID (COMPUTER… | --query QUERYID)`: take rules away.
struct CollectionRemoveCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove direct rules (by computer) or a query rule (by QueryID) from a collection.",
        discussion: "Needs Modify on the collection. Each computer is tried; the exit status is 1 when any rule could not be removed."
    )

    @Argument(help: ArgumentHelp("The CollectionID.", valueName: "collection-id"))
    var collectionID: String

    @Argument(help: ArgumentHelp("Computers whose direct rules go.", valueName: "computer"))
    var computers: [String] = []

    @Option(name: .customLong("query"), help: ArgumentHelp("The QueryID of a query rule to remove (collection show lists them).", valueName: "query-id"))
    var queryID: UInt32?

    @OptionGroup var global: GlobalOptions

    var subject: String { "collection \(collectionID)" }

    func validate() throws {
        guard computers.isEmpty != (queryID == nil) else { throw ValidationError("Give computers, or --query QUERYID.") }
    }

    func run(client: ProviderClient, output: Output) throws {
        let collection = client.collection(collectionID)
        if let queryID {
            try collection.deleteQueryRule(queryID)
            return
        }
        try EachTarget.apply(to: computers, subject: { _ in "collection \(collectionID)" }) { try collection.deleteDirectRule($0) }
    }
}
