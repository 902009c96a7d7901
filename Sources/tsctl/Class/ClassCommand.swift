import ArgumentParser

/// `tsctl class`: the classes the provider serves.
struct ClassCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "class",
        abstract: "List the served classes and show a class's schema.",
        subcommands: [ClassListCommand.self, ClassShowCommand.self]
    )
}
