import ArgumentParser
import TaskSequenceModel
import TaskSequenceSDK

/// `tsctl deployment`: the deployments (SMS_Advertisement) you may read.
struct DeploymentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deployment",
        abstract: "List, show and delete deployments of task sequences (SMS_Advertisement).",
        discussion: "Create them with `tsctl deploy`.",
        subcommands: [DeploymentListCommand.self, DeploymentShowCommand.self, DeploymentDeleteCommand.self]
    )
}

/// `tsctl deployment list`.
struct DeploymentListCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the deployments you may read.",
        discussion: """
            One row per deployment: AdvertisementID, name, package, collection, offer and flags. With \
            --json, an array of objects with the SMS_Advertisement property names (AdvertisementID, \
            AdvertisementName, Comment, CollectionID, PackageID, ProgramName, AdvertFlags, AdvertFlagNames, \
            OfferType, PresentTime, PresentTimeEnabled, ExpirationTime, ExpirationTimeEnabled, \
            IncludeSubCollection, SourceSite).
            """
    )

    @Option(help: ArgumentHelp("Only deployments of this package.", valueName: "package-id"))
    var package: String?

    @Option(help: ArgumentHelp("Only deployments to this collection.", valueName: "collection-id"))
    var collection: String?

    @OptionGroup var global: GlobalOptions

    var subject: String { "deployments" }

    func run(client: ProviderClient, output: Output) throws {
        let deployments = try client.deployments(packageID: package, collectionID: collection)
        try output.emit(deployments) {
            var table = Table("ADVERTISEMENT ID", "NAME", "PACKAGE", "COLLECTION", "OFFER", "FLAGS")
            for deployment in deployments {
                table.add(deployment.advertisementID, deployment.advertisementName, deployment.packageID, deployment.collectionID,
                          deployment.offerType.description, deployment.advertFlags.description)
            }
            return table.text
        }
    }
}

/// `tsctl deployment show ID`.
struct DeploymentShowCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show every property of a deployment.",
        discussion: "With --json, one object (keys as for `tsctl deployment list --json`)."
    )

    @Argument(help: ArgumentHelp("The AdvertisementID.", valueName: "advertisement-id"))
    var advertisementID: String

    @OptionGroup var global: GlobalOptions

    var subject: String { "deployment \(advertisementID)" }

    func run(client: ProviderClient, output: Output) throws {
        let deployment = try client.deployment(advertisementID)
        try output.emit(deployment) {
            var table = Table("PROPERTY", "VALUE")
            let rows: [(String, String)] = [
                ("AdvertisementID", deployment.advertisementID), ("AdvertisementName", deployment.advertisementName), ("Comment", deployment.comment),
                ("PackageID", deployment.packageID), ("CollectionID", deployment.collectionID), ("ProgramName", deployment.programName),
                ("AdvertFlags", "\(deployment.advertFlags.rawValue) (\(deployment.advertFlags.description))"), ("OfferType", deployment.offerType.description),
                ("PresentTime", CIMDateTime.wireText(fromSeconds: deployment.presentTime)), ("PresentTimeEnabled", String(deployment.presentTimeEnabled)),
                ("ExpirationTime", CIMDateTime.wireText(fromSeconds: deployment.expirationTime)), ("ExpirationTimeEnabled", String(deployment.expirationTimeEnabled)),
                ("IncludeSubCollection", String(deployment.includeSubCollection)), ("SourceSite", deployment.sourceSite),
            ]
            for (name, value) in rows { table.add(name, value) }
            return table.text
        }
    }
}

/// `tsctl deployment delete ID…`.
struct DeploymentDeleteCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete deployments.",
        discussion: "Every deployment named is tried; the exit status is 1 when any could not be deleted. With --json, prints the IDs deleted."
    )

    @Argument(help: ArgumentHelp("The AdvertisementIDs.", valueName: "advertisement-id"))
    var advertisementIDs: [String] = []

    @OptionGroup var global: GlobalOptions

    var subject: String { "deployment \(advertisementIDs.first ?? "")" }

    func validate() throws {
        guard !advertisementIDs.isEmpty else { throw ValidationError("Give at least one AdvertisementID to delete.") }
    }

    func run(client: ProviderClient, output: Output) throws {
        try EachTarget.apply(to: advertisementIDs, subject: { "deployment \($0)" }, finally: { deleted in
            if global.json { try output.printJSON(["Deleted": deleted]) }
        }) { try client.deleteDeployment($0) }
    }
}
