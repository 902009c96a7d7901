import ArgumentParser
import TaskSequenceSDK

/// `tsctl step enable ID STEP…`: let steps run again.
struct StepEnableCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "enable",
        abstract: "Enable steps (clear \"Disable this step\").",
        discussion: "Every step named is tried; the exit status is 1 when any could not be changed."
    )

    @Argument(help: ArgumentHelp("The PackageID.", valueName: "package-id"))
    var packageID: String

    @Argument(help: ArgumentHelp("The steps to enable.", valueName: "step-id"))
    var stepIDs: [Int64] = []

    @OptionGroup var global: GlobalOptions

    var subject: String { "package \(packageID)" }

    func validate() throws {
        guard !stepIDs.isEmpty else { throw ValidationError("Give at least one step ID to enable.") }
    }

    func run(client: ProviderClient, output: Output) throws {
        try StepBatch(packageID: packageID, stepIDs: stepIDs).apply(client) { try $0.enable() }
    }
}
