extension ActionCatalog {
    /// SMS_TaskSequence_Step, _Action, _Group and _Pointer (reference §3.2).
    static let stepBaseClasses: [ClassDefinition] = [
        ClassDefinition(
            name: StepClass.step,
            superclass: nil,
            kind: .step,
            isAbstract: true,
            properties: [
                // The console limits names to 50 characters; the provider accepts 100.
                .string("Name").allowedLength(1...100).stored(as: .attribute("name")),
                .string("Description").allowedLength(0...255).stored(as: .attribute("description")),
                .boolean("Enabled").defaultValue("true").stored(as: .attribute("disable", inverted: true)),
                .boolean("ContinueOnError").defaultValue("false").stored(as: .attribute("continueOnError")),
                .object("Condition", of: ConditionClass.condition).stored(as: .children),
            ]
        ),
        ClassDefinition(
            name: StepClass.action,
            superclass: StepClass.step,
            kind: .action,
            isAbstract: true,
            properties: [
                .string("SupportedEnvironment")
                    .notNullToInstance()
                    .documentedValues(SupportedEnvironment.allValues)
                    .defaultValue(SupportedEnvironment.winPEAndFullOS)
                    .stored(as: .attribute("runIn")),
                // Seconds per the SDK; the console and cmdlets show minutes (1–999).
                .uint32("Timeout").stored(as: .attribute("timeout")),
            ]
        ),
        ClassDefinition(
            name: StepClass.group,
            superclass: StepClass.step,
            kind: .group,
            properties: [
                .objects("Steps", of: StepClass.step).stored(as: .children),
            ]
        ),
        ClassDefinition(
            name: StepClass.pointer,
            superclass: StepClass.step,
            kind: .pointer,
            properties: [
                .string("SupportedEnvironment")
                    .notNullToInstance()
                    .valueMap(SupportedEnvironment.allValues)
                    .stored(as: .attribute("runIn")),
            ]
        ),
    ]
}
