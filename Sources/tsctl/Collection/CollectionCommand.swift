import ArgumentParser

/// `tsctl collection`: collections of computers (SMS_Collection).
struct CollectionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collection",
        abstract: "Create, list, show, move and delete collections, add and remove direct and query rules, list members.",
        subcommands: [
            CollectionCreateCommand.self, CollectionListCommand.self, CollectionShowCommand.self, CollectionAddCommand.self,
            CollectionAddQueryCommand.self, CollectionRemoveCommand.self, CollectionMoveCommand.self, CollectionMembersCommand.self,
            CollectionDeleteCommand.self,
        ]
    )
}
