import ArgumentParser
import TaskSequenceSDK

/// `tsctl var`: task sequence variables of collections and computers.
struct VarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "var",
        abstract: "Set, list and remove task sequence variables of collections and computers.",
        discussion: """
            A computer's variable wins over a collection's of the same name. Names: letters, digits, \
            _ and -, starting with a letter, at most 256; values at most 4000 characters; at most 1000 \
            variables per computer. A --masked value is write-only: it is never shown again, and \
            setting it again with an empty value keeps it.
            """,
        subcommands: [VarSetCommand.self, VarListCommand.self, VarRemoveCommand.self]
    )
}

/// `--collection ID | --computer NAME`.
struct VariableTargetOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The collection's CollectionID.", valueName: "collection-id"))
    var collection: String?

    @Option(help: ArgumentHelp("The computer's name.", valueName: "name"))
    var computer: String?

    func validate() throws {
        guard (collection == nil) != (computer == nil) else { throw ValidationError("Give exactly one of --collection ID and --computer NAME.") }
    }

    var target: VariableTarget {
        if let collection { return .collection(collection) }
        return .computer(computer ?? "")
    }
}

/// What a variable looks like to people and in JSON; masked values are never in the output.
enum VariableText {
    static func table(_ variables: [DeploymentVariable]) -> String {
        var table = Table("NAME", "VALUE", "MASKED")
        for variable in variables {
            table.add(variable.name, variable.isMasked ? "(masked)" : variable.value, variable.isMasked ? "yes" : "no")
        }
        return table.text
    }
}

/// `tsctl var set (--collection ID | --computer NAME) NAME=VALUE [--masked]`.
struct VarSetCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Set a variable on a collection or a computer.",
        discussion: "Prints `NAME set on collection ID` (or computer NAME); with --json, the variable as it now reads (a masked value empty)."
    )

    @OptionGroup var target: VariableTargetOptions

    @Argument(help: ArgumentHelp("The variable and its value.", valueName: "name=value"))
    var assignment: String

    @Flag(help: "Make the value write-only: it is never shown again.")
    var masked = false

    @OptionGroup var global: GlobalOptions

    var subject: String { "\(target.target)" }

    func validate() throws {
        guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
            throw ValidationError("Write the variable as NAME=VALUE.")
        }
    }

    func run(client: ProviderClient, output: Output) throws {
        guard let equals = assignment.firstIndex(of: "=") else { throw CommandFailure("write the variable as NAME=VALUE") }
        let name = String(assignment[..<equals])
        let variable = DeploymentVariable(name: name, value: String(assignment[assignment.index(after: equals)...]), isMasked: masked)
        try client.setVariable(variable, on: target.target)
        let stored = try client.variables(of: target.target).first { $0.name.lowercased() == name.lowercased() }
        try output.emit((stored ?? variable).redacted) {
            "\(stored?.name ?? name) set on \(target.target)" + (masked ? " (masked: the value is not shown again)" : "")
        }
    }
}

/// `tsctl var list (--collection ID | --computer NAME)`.
struct VarListCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the variables of a collection or a computer.",
        discussion: "Masked values show as (masked). With --json, an array of {Name, Value, IsMasked}, masked values empty."
    )

    @OptionGroup var target: VariableTargetOptions

    @OptionGroup var global: GlobalOptions

    var subject: String { "\(target.target)" }

    func run(client: ProviderClient, output: Output) throws {
        let variables = try client.variables(of: target.target).map(\.redacted)
        try output.emit(variables) { VariableText.table(variables) }
    }
}

/// `tsctl var remove (--collection ID | --computer NAME) NAME`.
struct VarRemoveCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove a variable from a collection or a computer.",
        discussion: "Prints `NAME removed from collection ID`; with --json, {\"Removed\": NAME}."
    )

    @OptionGroup var target: VariableTargetOptions

    @Argument(help: ArgumentHelp("The variable's name (any case).", valueName: "name"))
    var name: String

    @OptionGroup var global: GlobalOptions

    var subject: String { "\(target.target)" }

    func run(client: ProviderClient, output: Output) throws {
        try client.removeVariable(named: name, from: target.target)
        try output.emit(["Removed": name]) { "\(name) removed from \(target.target)" }
    }
}
