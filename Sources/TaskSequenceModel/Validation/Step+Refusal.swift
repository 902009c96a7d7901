extension Step {
    /// The property and rule a provider refuses this step with for `issue`, worded the same by
    /// the service and by a client that checks before it calls.
    ///
    /// An action's own settings are its class's, so the rule names the class
    /// (`ExecutionPolicy: 'Yolo' is not in ValueMap {…} (SMS_TaskSequence_RunPowerShellScriptAction)`);
    /// properties every step or action has (Name, Description, Timeout …), a group's issues (which
    /// may be a child's) and a condition's are named without it.
    public func refusal(for issue: ValidationIssue, catalog: ActionCatalog = .builtIn) -> (property: String, rule: String) {
        let property = issue.property ?? "step"
        let isCommon = [StepClass.step, StepClass.action].contains { catalog.property(property, of: $0) != nil }
        let namesClass = !isGroup && issue.location.operand == nil && issue.property != nil && !isCommon
        return (property, issue.detail + (namesClass ? " (\(className))" : ""))
    }
}
