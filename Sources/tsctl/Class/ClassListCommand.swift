import ArgumentParser
import TaskSequenceSDK

/// `tsctl class list`.
struct ClassListCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the classes the provider serves.",
        discussion: "One class name per line; with --json, an array of names."
    )

    @OptionGroup var global: GlobalOptions

    var subject: String { "classes" }

    func run(client: ProviderClient, output: Output) throws {
        let names = try client.classNames()
        try output.emit(names) { names.joined(separator: "\n") }
    }
}
