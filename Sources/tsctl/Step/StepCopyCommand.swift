import ArgumentParser
import TaskSequenceSDK

/// `tsctl step copy ID STEP [--to PACKAGE] [--parent STEP] [--index N]`.
struct StepCopyCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a step, or a group with everything in it, into this or another sequence.",
        discussion: """
            The copy goes into --to's sequence (default: the same package), inside group --parent \
            (default: the top), at --index from 0 (default: last). Each new step gets a new ID and \
            remembers the step it was copied from. Needs Read on the package and Modify on the target.

              tsctl step copy PS100004 13 --to PS100007 --index 0

            Prints the copy's StepID; with --json, {"PackageID", "StepID", "CopiedFrom"}.
            """
    )

    @Argument(help: ArgumentHelp("The PackageID holding the step.", valueName: "package-id"))
    var packageID: String

    @Argument(help: ArgumentHelp("The step or group to copy.", valueName: "step-id"))
    var stepID: Int64

    @Option(name: .customLong("to"), help: ArgumentHelp("The package to copy into (default: the same).", valueName: "package-id"))
    var target: String?

    @Option(name: .customLong("parent"), help: ArgumentHelp("The group to copy into.", valueName: "step-id"))
    var parent: Int64?

    @Option(name: .customLong("index"), help: ArgumentHelp("The position there, from 0; default: last.", valueName: "n"))
    var index: Int?

    @OptionGroup var global: GlobalOptions

    var subject: String { "step \(stepID) of \(packageID)" }

    func validate() throws {
        if let index, index < 0 { throw ValidationError("--index counts from 0.") }
    }

    struct Result: Encodable {
        var packageID: String
        var stepID: Int64
        var copiedFrom: Int64
        enum CodingKeys: String, CodingKey { case packageID = "PackageID", stepID = "StepID", copiedFrom = "CopiedFrom" }
    }

    func run(client: ProviderClient, output: Output) throws {
        let destination = client.package(target ?? packageID)
        let step = client.package(packageID).step(stepID)
        let copy: StepHandle
        if let parent {
            copy = try step.copy(to: destination.step(parent), at: index)
        } else {
            copy = try step.copy(to: destination.sequence, at: index)
        }
        try output.emit(Result(packageID: copy.packageID, stepID: copy.id, copiedFrom: stepID)) { String(copy.id) }
    }
}
