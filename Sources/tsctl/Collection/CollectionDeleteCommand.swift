import ArgumentParser
import TaskSequenceSDK

/// `tsctl collection delete ID…`.
struct CollectionDeleteCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete collections with their rules.",
        discussion: "A collection with sub-collections is refused. Every collection named is tried; the exit status is 1 when any could not be deleted."
    )

    @Argument(help: ArgumentHelp("The CollectionIDs.", valueName: "collection-id"))
    var collectionIDs: [String] = []

    @OptionGroup var global: GlobalOptions

    var subject: String { "collection \(collectionIDs.first ?? "")" }

    func validate() throws {
        guard !collectionIDs.isEmpty else { throw ValidationError("Give at least one CollectionID to delete.") }
    }

    func run(client: ProviderClient, output: Output) throws {
        try EachTarget.apply(to: collectionIDs, subject: { "collection \($0)" }) { try client.collection($0).delete() }
    }
}
