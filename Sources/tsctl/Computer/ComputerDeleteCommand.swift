import ArgumentParser
import TaskSequenceSDK

/// `tsctl computer delete COMPUTER…`.
struct ComputerDeleteCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete computers with their memberships and associations.",
        discussion: "Needs DeleteResource on the collection class or on a collection the computer is in. Every computer named is tried; the exit status is 1 when any could not be deleted."
    )

    @Argument(help: ArgumentHelp("Names or ResourceIDs.", valueName: "computer"))
    var computers: [String] = []

    @OptionGroup var global: GlobalOptions

    var subject: String { "computer \(computers.first ?? "")" }

    func validate() throws {
        guard !computers.isEmpty else { throw ValidationError("Give at least one computer to delete.") }
    }

    func run(client: ProviderClient, output: Output) throws {
        try EachTarget.apply(to: computers, subject: { "computer \($0)" }) { try client.computer(named: $0).delete() }
    }
}
