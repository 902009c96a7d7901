import ArgumentParser
import TaskSequenceSDK

/// `tsctl package set ID`: change writable properties.
struct PackageSetCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Change writable properties of a task sequence package.",
        discussion: """
            Like Set-CMTaskSequence. --name and --description are shortcuts; any writable \
            property is set with --set NAME=VALUE (Name, Description, Version, Manufacturer, \
            Language, Category, BootImageID, Duration, ProgramFlags, DependentProgram, \
            CustomProgressMsg, Priority, PkgFlags, TsEnabled). Properties are changed one at a time, in that order.
            """
    )

    @Argument(help: ArgumentHelp("The PackageID.", valueName: "package-id"))
    var packageID: String

    @Option(name: .customLong("name"), help: ArgumentHelp("A new name.", valueName: "name"))
    var name: String?

    @Option(name: .customLong("description"), help: ArgumentHelp("A new description.", valueName: "text"))
    var description: String?

    @Option(name: .customLong("set"), help: ArgumentHelp("Set a writable property (repeatable).", valueName: "property=value"))
    var assignments: [Assignment] = []

    @OptionGroup var global: GlobalOptions

    var subject: String { "package \(packageID)" }

    func validate() throws {
        for assignment in assignments where PackageProperty(named: assignment.name) == nil {
            throw ValidationError("'\(assignment.name)' is not a writable package property; use one of \(PackageProperty.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        guard name != nil || description != nil || !assignments.isEmpty else {
            throw ValidationError("Nothing to change: give --name, --description or --set NAME=VALUE.")
        }
    }

    func run(client: ProviderClient, output: Output) throws {
        var changes: [PackageProperty: PropertyValue] = [:]
        for assignment in assignments {
            if let property = PackageProperty(named: assignment.name) { changes[property] = .string(assignment.value) }
        }
        if let name { changes[.name] = .string(name) }
        if let description { changes[.description] = .string(description) }
        try client.package(packageID).update(changes)
    }
}
