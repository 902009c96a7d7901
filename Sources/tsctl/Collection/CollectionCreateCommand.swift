import ArgumentParser
import TaskSequenceSDK

/// `tsctl collection create NAME [--parent ID] [--comment C]`.
struct CollectionCreateCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a collection and print its CollectionID.",
        discussion: "Needs Create on SMS_Collection, and Modify on the parent with --parent; you get Read, Modify and Delete on the new collection."
    )

    @Argument(help: ArgumentHelp("The collection's name, unique without regard to case.", valueName: "name"))
    var name: String

    @Option(name: .customLong("parent"), help: ArgumentHelp("Create it under this collection.", valueName: "collection-id"))
    var parent: String?

    @Option(name: .customLong("comment"), help: ArgumentHelp("A comment.", valueName: "text"))
    var comment = ""

    @OptionGroup var global: GlobalOptions

    var subject: String { "collection \(name)" }

    func run(client: ProviderClient, output: Output) throws {
        let collection = try client.createCollection(named: name, comment: comment, parent: parent)
        try output.emit(["CollectionID": collection.id]) { collection.id }
    }
}
