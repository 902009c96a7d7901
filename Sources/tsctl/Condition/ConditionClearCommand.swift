import ArgumentParser
import TaskSequenceSDK

/// `tsctl condition clear ID STEP`: the step always runs.
struct ConditionClearCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "clear",
        abstract: "Remove a step's whole condition: it always runs.",
        discussion: "Like Set-CMTaskSequenceGroup -ClearCondition."
    )

    @Argument(help: ArgumentHelp("The PackageID.", valueName: "package-id"))
    var packageID: String

    @Argument(help: ArgumentHelp("The step ID.", valueName: "step-id"))
    var stepID: Int64

    @OptionGroup var global: GlobalOptions

    var subject: String { "step \(stepID) of \(packageID)" }

    func run(client: ProviderClient, output: Output) throws {
        try client.package(packageID).step(stepID).clearCondition()
    }
}
