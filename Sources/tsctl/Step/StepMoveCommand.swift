import ArgumentParser
import TaskSequenceSDK

/// `tsctl step move ID STEP`: a step to another place; its ID stays.
struct StepMoveCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "move",
        abstract: "Move a step or group within the sequence; its ID stays.",
        discussion: """
            Like Set-CMTaskSequenceGroup -MoveToIndex. --parent moves it into a group, --top to \
            the top of the sequence; without either it stays among its siblings. --index is the \
            position there, from 0 (default: last).

              tsctl step move PS100004 13 --top --index 0
              tsctl step move PS100004 13 --parent 12
            """
    )

    @Argument(help: ArgumentHelp("The PackageID.", valueName: "package-id"))
    var packageID: String

    @Argument(help: ArgumentHelp("The step to move.", valueName: "step-id"))
    var stepID: Int64

    @Option(name: .customLong("parent"), help: ArgumentHelp("Move it into this group.", valueName: "step-id"))
    var parent: Int64?

    @Flag(name: .customLong("top"), help: "Move it to the top level of the sequence.")
    var top = false

    @Option(name: .customLong("index"), help: ArgumentHelp("Its new position, from 0; default: last.", valueName: "n"))
    var index: Int?

    @OptionGroup var global: GlobalOptions

    var subject: String { "step \(stepID) of \(packageID)" }

    func validate() throws {
        if parent != nil, top { throw ValidationError("Give --parent or --top, not both.") }
        guard parent != nil || top || index != nil else {
            throw ValidationError("Say where to: --parent STEP-ID, --top, and/or --index N.")
        }
        if let index, index < 0 { throw ValidationError("--index counts from 0.") }
    }

    func run(client: ProviderClient, output: Output) throws {
        let package = client.package(packageID)
        let step = package.step(stepID)
        if let parent {
            try step.move(into: package.step(parent), at: index)
        } else if top {
            try step.move(into: package.sequence, at: index)
        } else if let index {
            try step.move(to: index)
        }
    }
}
