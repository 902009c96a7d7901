import ArgumentParser

/// `tsctl computer`: computers (SMS_R_System), as Import Computer Information makes them.
struct ComputerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "computer",
        abstract: "Import, list, show and delete computers, and associate them for side-by-side migration.",
        subcommands: [ComputerImportCommand.self, ComputerListCommand.self, ComputerShowCommand.self, ComputerDeleteCommand.self, ComputerAssociateCommand.self]
    )
}
