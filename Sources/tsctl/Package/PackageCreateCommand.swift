import ArgumentParser
import TaskSequenceSDK

/// `tsctl package create NAME`: a new, empty task sequence package.
struct PackageCreateCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a task sequence package, empty or from a wizard template, and print its PackageID.",
        discussion: """
            Like New-CMTaskSequence -CustomTaskSequence. Other writable properties (Version, \
            Manufacturer, Language, Category, BootImageID, Duration, ProgramFlags, \
            DependentProgram, CustomProgressMsg) are set with --set NAME=VALUE. With --json, the \
            new package object.

            With --template install-image, build-and-capture or custom, the package holds the \
            sequence the Create Task Sequence Wizard writes, from the template options \
            (New-CMTaskSequence -InstallOperatingSystemImage / -BuildOperatingSystemImage). \
            Passwords and the product key come from --secrets-file or a prompt, never from \
            the command line.
            """
    )

    @Argument(help: ArgumentHelp("The package's name.", valueName: "name"))
    var name: String

    @Option(name: .customLong("description"), help: ArgumentHelp("Its description.", valueName: "text"))
    var description: String?

    @Option(name: .customLong("set"), help: ArgumentHelp("Set a writable property (repeatable).", valueName: "property=value"))
    var assignments: [Assignment] = []

    @OptionGroup(title: "Template options") var template: TemplateOptions

    @OptionGroup var global: GlobalOptions

    var subject: String { "package \"\(name)\"" }

    func validate() throws {
        if template.template == nil, let stray = template.strayOptions.first {
            throw ValidationError("\(stray) only applies with --template install-image|build-and-capture|custom.")
        }
        if template.template != nil, !assignments.isEmpty {
            throw ValidationError("--set does not combine with --template; set properties with 'tsctl package set' afterwards.")
        }
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
        let package: PackageHandle
        if let templateName = template.template {
            package = try client.createPackage(fromTemplate: templateName, parameters: try template.parameters(template: templateName, name: name, description: description))
        } else {
            package = try client.createPackage(named: name, properties: properties)
        }
        if output.json {
            try output.printJSON(try package.info())
        } else {
            StandardOutput.write(package.id + "\n")
        }
    }
}
