import ArgumentParser
import TaskSequenceSDK

/// `tsctl package used-by ID`: the task sequences that reference a package.
struct PackageUsedByCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "used-by",
        abstract: "List the task sequences that use a package.",
        discussion: """
            The task sequences you may read whose steps name the package (or that boot from it), \
            from the references the provider keeps for each sequence; the same as

              tsctl query "SELECT PackageID FROM SMS_TaskSequencePackageReference WHERE ObjectID = 'ID'"

            Prints PackageID and name of each; with --json, an array of {"PackageID", "Name"}. \
            A package nothing uses prints nothing (with --json, []).
            """
    )

    @Argument(help: ArgumentHelp("The PackageID of the package (an SMS_Package, a boot image, another task sequence).", valueName: "package-id"))
    var packageID: String

    @OptionGroup var global: GlobalOptions

    var subject: String { "package \(packageID)" }

    func run(client: ProviderClient, output: Output) throws {
        let users = try client.taskSequences(using: packageID)
        try output.emit(users) {
            var table = Table("PACKAGEID", "NAME")
            for user in users { table.add(user.packageID, user.name) }
            return users.isEmpty ? "" : table.text
        }
    }
}
