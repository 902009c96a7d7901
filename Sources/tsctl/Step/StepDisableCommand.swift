import ArgumentParser
import TaskSequenceSDK

/// `tsctl step disable ID STEP…`: make the sequence skip steps.
struct StepDisableCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable",
        abstract: "Disable steps (\"Disable this step\"): the sequence skips them.",
        discussion: "Every step named is tried; the exit status is 1 when any could not be changed."
    )

    @Argument(help: ArgumentHelp("The PackageID.", valueName: "package-id"))
    var packageID: String

    @Argument(help: ArgumentHelp("The steps to disable.", valueName: "step-id"))
    var stepIDs: [Int64] = []

    @OptionGroup var global: GlobalOptions

    var subject: String { "package \(packageID)" }

    func validate() throws {
        guard !stepIDs.isEmpty else { throw ValidationError("Give at least one step ID to disable.") }
    }

    func run(client: ProviderClient, output: Output) throws {
        try StepBatch(packageID: packageID, stepIDs: stepIDs).apply(client) { try $0.disable() }
    }
}
