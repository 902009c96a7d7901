import ArgumentParser
import TaskSequenceSDK

/// `tsctl package show ID`: every property of one package.
struct PackageShowCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show every property of a task sequence package.",
        discussion: "With --json, one package object (keys as for `tsctl package list --json`)."
    )

    @Argument(help: ArgumentHelp("The PackageID.", valueName: "package-id"))
    var packageID: String

    @OptionGroup var global: GlobalOptions

    var subject: String { "package \(packageID)" }

    func run(client: ProviderClient, output: Output) throws {
        let info = try client.package(packageID).info()
        try output.emit(info) {
            var table = Table("PROPERTY", "VALUE")
            let rows: [(String, String)] = [
                ("PackageID", info.packageID), ("Name", info.name), ("Description", info.description), ("Version", info.version),
                ("Manufacturer", info.manufacturer), ("Language", info.language), ("Category", info.category),
                ("BootImageID", info.bootImageID), ("Duration", String(info.duration)), ("ProgramFlags", String(info.programFlags)),
                ("DependentProgram", info.dependentProgram), ("CustomProgressMsg", info.customProgressMessage),
                ("Type", "\(info.type) (\(PackageText.type(info.type)))"), ("TaskSequenceFlags", String(info.taskSequenceFlags)),
                ("ReferencesCount", String(info.referencesCount)), ("SourceVersion", String(info.sourceVersion)),
                ("SourceDate", PackageText.date(info.sourceDate)), ("LastRefreshTime", PackageText.date(info.lastRefreshTime)),
                ("SourceSite", info.sourceSite), ("PackageType", String(info.packageType)),
                ("TsEnabled", info.isEnabled ? "true" : "false"), ("IconSize", String(info.iconSize)),
                ("PkgFlags", String(info.pkgFlags)), ("Priority", String(info.priority)), ("SourceSize", String(info.sourceSize)),
                ("SedoObjectVersion", info.sedoObjectVersion), ("SecuredScopeNames", info.securedScopeNames.joined(separator: ", ")),
                ("LocalizedCategoryInstanceNames", info.localizedCategoryInstanceNames.joined(separator: ", ")),
            ]
            for (name, value) in rows { table.add(name, value) }
            for platform in info.supportedOperatingSystems {
                table.add("SupportedOperatingSystems", "\(platform.name) \(platform.platform) \(platform.minVersion)-\(platform.maxVersion)")
            }
            // The rest (ShareType, ActionInProgress …) as the provider serves them, by name.
            let named = info.namedProperties
            for name in named.keys.sorted() {
                if let value = named[name] { table.add(name, value.text) }
            }
            for reference in info.references {
                let program = reference.program.isEmpty ? "" : " program \(reference.program)"
                let application = reference.application.isEmpty ? "" : " application \(reference.application)"
                table.add("References", reference.package + program + application)
            }
            return table.text
        }
    }
}
