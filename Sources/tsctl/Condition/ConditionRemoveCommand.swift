import ArgumentParser
import TaskSequenceSDK

/// `tsctl condition remove ID STEP OPERAND…`: parts of a condition.
struct ConditionRemoveCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove tests or operators (with what is inside them) from a step's condition.",
        discussion: "Like Set-CMTaskSequenceGroup -RemoveCondition*. Operand IDs come from `tsctl condition show`."
    )

    @Argument(help: ArgumentHelp("The PackageID.", valueName: "package-id"))
    var packageID: String

    @Argument(help: ArgumentHelp("The step ID.", valueName: "step-id"))
    var stepID: Int64

    @Argument(help: ArgumentHelp("The operands to remove.", valueName: "operand-id"))
    var operandIDs: [Int64] = []

    @OptionGroup var global: GlobalOptions

    var subject: String { "step \(stepID) of \(packageID)" }

    func validate() throws {
        guard !operandIDs.isEmpty else { throw ValidationError("Give at least one operand ID to remove.") }
    }

    func run(client: ProviderClient, output: Output) throws {
        let condition = client.package(packageID).step(stepID).condition
        try EachTarget.apply(to: operandIDs, subject: { "operand \($0) of step \(stepID) of \(packageID)" }) { try condition.operand($0).delete() }
    }
}
