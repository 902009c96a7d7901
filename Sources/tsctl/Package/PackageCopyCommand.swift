import ArgumentParser
import TaskSequenceSDK

/// `tsctl package copy ID [--name N]`: Copy-CMTaskSequence.
struct PackageCopyCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a task sequence package.",
        discussion: """
            Like Copy-CMTaskSequence: a new package with the same properties and sequence, named \
            --name or "Copy of" the original's name. Each copied step remembers the step it came from, \
            so a diff pairs them and a merge finds the copy point. Needs Read on the package and \
            Create on packages; you get Read, Modify and Delete on the copy.

            Prints the new PackageID; with --json, {"PackageID", "CopiedFrom"}.
            """
    )

    @Argument(help: ArgumentHelp("The PackageID to copy.", valueName: "package-id"))
    var packageID: String

    @Option(name: .customLong("name"), help: ArgumentHelp("The copy's name.", valueName: "name"))
    var name: String?

    @OptionGroup var global: GlobalOptions

    var subject: String { "package \(packageID)" }

    struct Result: Encodable {
        var packageID: String
        var copiedFrom: String
        enum CodingKeys: String, CodingKey { case packageID = "PackageID", copiedFrom = "CopiedFrom" }
    }

    func run(client: ProviderClient, output: Output) throws {
        let copy = try client.package(packageID).copy(named: name)
        try output.emit(Result(packageID: copy.id, copiedFrom: packageID)) { copy.id }
    }
}
