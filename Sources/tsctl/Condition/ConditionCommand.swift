import ArgumentParser

/// `tsctl condition`: a step's condition (the *-CMTSStepCondition* cmdlets).
struct ConditionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "condition",
        abstract: "Show, add to, remove from and clear a step's condition.",
        discussion: "A step runs when all top-level parts of its condition hold; `and`, `or` and `not` operators group parts below that.",
        subcommands: [ConditionShowCommand.self, ConditionAddCommand.self, ConditionRemoveCommand.self, ConditionClearCommand.self]
    )
}
