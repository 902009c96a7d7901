import ArgumentParser
import TaskSequenceSDK

/// `tsctl step remove ID STEP…`: delete steps (groups with what is inside).
struct StepRemoveCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove steps; a group goes with everything inside it.",
        discussion: "Like Remove-CMTaskSequenceStep. Every step named is tried; the exit status is 1 when any could not be removed."
    )

    @Argument(help: ArgumentHelp("The PackageID.", valueName: "package-id"))
    var packageID: String

    @Argument(help: ArgumentHelp("The steps to remove.", valueName: "step-id"))
    var stepIDs: [Int64] = []

    @OptionGroup var global: GlobalOptions

    var subject: String { "package \(packageID)" }

    func validate() throws {
        guard !stepIDs.isEmpty else { throw ValidationError("Give at least one step ID to remove.") }
    }

    func run(client: ProviderClient, output: Output) throws {
        try StepBatch(packageID: packageID, stepIDs: stepIDs).apply(client) { try $0.delete() }
    }
}
