import ArgumentParser
import TaskSequenceSDK

/// `tsctl collection members ID`.
struct CollectionMembersCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "members",
        abstract: "List the computers in a collection.",
        discussion: "One row per member: ResourceID, name and the rule kind (direct or query). With --json, an array of {ResourceID, Name, IsDirect}."
    )

    @Argument(help: ArgumentHelp("The CollectionID.", valueName: "collection-id"))
    var collectionID: String

    @OptionGroup var global: GlobalOptions

    var subject: String { "collection \(collectionID)" }

    func run(client: ProviderClient, output: Output) throws {
        let members = try client.collection(collectionID).members()
        try output.emit(members) {
            var table = Table("RESOURCE ID", "NAME", "RULE")
            for member in members { table.add(String(member.resourceID), member.name, member.isDirect ? "direct" : "query") }
            return table.text
        }
    }
}
