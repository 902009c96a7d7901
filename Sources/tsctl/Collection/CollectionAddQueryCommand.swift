import ArgumentParser
import TaskSequenceSDK

/// `tsctl collection add-query ID WQL [--name RULE]`.
struct CollectionAddQueryCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-query",
        abstract: "Add a query rule to a collection and print its QueryID.",
        discussion: "WQL selects from SMS_R_System (SELECT * FROM SMS_R_System WHERE Name LIKE 'LAB-%'); it is checked and run before it is kept. Needs Modify on the collection."
    )

    @Argument(help: ArgumentHelp("The CollectionID.", valueName: "collection-id"))
    var collectionID: String

    @Argument(help: ArgumentHelp("The query.", valueName: "wql"))
    var query: String

    @Option(name: .customLong("name"), help: ArgumentHelp("The rule's name (default Query N).", valueName: "rule"))
    var ruleName = ""

    @OptionGroup var global: GlobalOptions

    var subject: String { "collection \(collectionID)" }

    func run(client: ProviderClient, output: Output) throws {
        let queryID = try client.collection(collectionID).addQueryRule(query, named: ruleName)
        try output.emit(["QueryID": queryID]) { String(queryID) }
    }
}
