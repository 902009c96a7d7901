import ArgumentParser
import TaskSequenceSDK

/// `tsctl package delete ID…`: delete packages.
struct PackageDeleteCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete task sequence packages with their sequences.",
        discussion: "Every package named is tried; the exit status is 1 when any could not be deleted."
    )

    @Argument(help: ArgumentHelp("The PackageIDs.", valueName: "package-id"))
    var packageIDs: [String] = []

    @OptionGroup var global: GlobalOptions

    var subject: String { "package \(packageIDs.first ?? "")" }

    func validate() throws {
        guard !packageIDs.isEmpty else { throw ValidationError("Give at least one PackageID to delete.") }
    }

    func run(client: ProviderClient, output: Output) throws {
        try EachTarget.apply(to: packageIDs, subject: { "package \($0)" }) { try client.package($0).delete() }
    }
}
