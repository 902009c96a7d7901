import ArgumentParser
import TaskSequenceSDK

/// `tsctl collection move ID (--parent PARENT | --top)`.
struct CollectionMoveCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "move",
        abstract: "Make a collection a sub-collection of another, or move it to the top.",
        discussion: "Needs Modify on the collection and on the new parent. A collection cannot be its own ancestor."
    )

    @Argument(help: ArgumentHelp("The CollectionID.", valueName: "collection-id"))
    var collectionID: String

    @Option(name: .customLong("parent"), help: ArgumentHelp("The new parent.", valueName: "collection-id"))
    var parent: String?

    @Flag(name: .customLong("top"), help: "Move it to the top.")
    var top = false

    @OptionGroup var global: GlobalOptions

    var subject: String { "collection \(collectionID)" }

    func validate() throws {
        guard (parent == nil) == top else { throw ValidationError("Give --parent COLLECTION-ID or --top.") }
    }

    func run(client: ProviderClient, output: Output) throws {
        try client.collection(collectionID).move(toParent: parent)
    }
}
