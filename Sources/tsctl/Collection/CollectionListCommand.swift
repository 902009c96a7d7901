import ArgumentParser
import TaskSequenceSDK

/// `tsctl collection list`.
struct CollectionListCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the collections you may read.",
        discussion: "One row per collection: CollectionID, name, parent and member count. With --json, an array of {CollectionID, Name, Comment, ParentCollectionID, MemberCount, LastChangeTime}."
    )

    @OptionGroup var global: GlobalOptions

    var subject: String { "collections" }

    func run(client: ProviderClient, output: Output) throws {
        let collections = try client.collections()
        try output.emit(collections) {
            var table = Table("COLLECTION ID", "NAME", "PARENT", "MEMBERS")
            for collection in collections {
                table.add(collection.collectionID, collection.name, collection.parentCollectionID ?? "", String(collection.memberCount))
            }
            return table.text
        }
    }
}
