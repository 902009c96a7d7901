import ArgumentParser

/// `tsctl collection`: collections of computers (SMS_Collection).
struct CollectionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collection",
        abstract: "Create, list, show and delete collections, add direct and query rules, list members.",
        subcommands: [
            CollectionCreateCommand.self, CollectionListCommand.self, CollectionShowCommand.self, CollectionAddCommand.self,
            CollectionAddQueryCommand.self, CollectionMembersCommand.self, CollectionDeleteCommand.self,
        ]
    )
}
