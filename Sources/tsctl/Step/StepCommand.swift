import ArgumentParser
import TaskSequenceSDK

/// `tsctl step`: the steps of a package's sequence (the *-CMTaskSequenceStep and
/// *-CMTaskSequenceGroup cmdlets).
struct StepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "step",
        abstract: "List, add, change, move, remove, enable and disable steps and groups.",
        discussion: "Steps are named by their PackageID and their step ID, which moving does not change (see `tsctl step list`).",
        subcommands: [
            StepListCommand.self, StepAddCommand.self, StepSetCommand.self, StepMoveCommand.self, StepRemoveCommand.self,
            StepEnableCommand.self, StepDisableCommand.self, StepCopyCommand.self,
        ]
    )
}

extension StepInfo {
    /// The flags a listing shows: `disabled`, `continue on error`.
    var flags: [String] {
        var flags: [String] = []
        if !isEnabled { flags.append("disabled") }
        if continuesOnError { flags.append("continue on error") }
        return flags
    }
}
