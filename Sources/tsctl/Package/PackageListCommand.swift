import ArgumentParser
import TaskSequenceSDK

/// `tsctl package list`: every package you may read.
struct PackageListCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the task sequence packages you may read.",
        discussion: """
            Prints one row per package: PackageID, name, type (generic or os-deployment), \
            SourceVersion and SourceDate. With --json, an array of package objects with the WMI \
            property names as keys (PackageID, Name, Description, Version, Manufacturer, \
            Language, Category, BootImageID, Duration, ProgramFlags, DependentProgram, \
            CustomProgressMsg, Type, TaskSequenceFlags, References, ReferencesCount, \
            SourceVersion, SourceDate, LastRefreshTime, SourceSite, PackageType).
            """
    )

    @Option(name: .customLong("name"), help: ArgumentHelp("Only packages whose name contains this text (any case).", valueName: "text"))
    var nameFilter: String?

    @OptionGroup var global: GlobalOptions

    var subject: String { "packages" }

    func run(client: ProviderClient, output: Output) throws {
        var packages = try client.packages()
        if let nameFilter { packages = packages.filter { $0.name.localizedCaseInsensitiveContains(nameFilter) } }
        try output.emit(packages) {
            var table = Table("PACKAGE ID", "NAME", "TYPE", "SOURCE VERSION", "SOURCE DATE")
            for package in packages {
                table.add(package.packageID, package.name, PackageText.type(package.type), String(package.sourceVersion), PackageText.date(package.sourceDate))
            }
            return table.text
        }
    }
}
