import ArgumentParser
import TaskSequenceSDK

/// `tsctl package create NAME`: a new, empty task sequence package.
struct PackageCreateCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create an empty task sequence package and print its PackageID.",
        discussion: """
            Like New-CMTaskSequence -CustomTaskSequence. Other writable properties (Version, \
            Manufacturer, Language, Category, BootImageID, Duration, ProgramFlags, \
            DependentProgram, CustomProgressMsg, Priority, PkgFlags, TsEnabled) are set with --set NAME=VALUE. With --json, the \
            new package object.
            """
    )

    @Argument(help: ArgumentHelp("The package's name.", valueName: "name"))
    var name: String

    @Option(name: .customLong("description"), help: ArgumentHelp("Its description.", valueName: "text"))
    var description: String?

    @Option(name: .customLong("set"), help: ArgumentHelp("Set a writable property (repeatable).", valueName: "property=value"))
    var assignments: [Assignment] = []

    @OptionGroup var global: GlobalOptions

    var subject: String { "package \"\(name)\"" }

    func validate() throws {
        for assignment in assignments where PackageProperty(named: assignment.name) == nil {
            throw ValidationError("'\(assignment.name)' is not a writable package property; use one of \(PackageProperty.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
    }

    func run(client: ProviderClient, output: Output) throws {
        var properties: [PackageProperty: PropertyValue] = [:]
        for assignment in assignments {
            if let property = PackageProperty(named: assignment.name) { properties[property] = .string(assignment.value) }
        }
        if let description { properties[.description] = .string(description) }
        let package = try client.createPackage(named: name, properties: properties)
        if output.json {
            try output.printJSON(try package.info())
        } else {
            StandardOutput.write(package.id + "\n")
        }
    }
}
