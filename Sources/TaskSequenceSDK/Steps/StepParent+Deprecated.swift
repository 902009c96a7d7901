/// The labels before the SDK used one naming scheme (`isEnabled`, `continuesOnError`, as
/// ``StepInfo`` names them); kept so that older programs still build.
extension StepParent {
    /// Adds an action step.
    @available(*, deprecated, renamed: "addStep(_:named:description:isEnabled:continuesOnError:condition:at:)")
    @discardableResult
    public func addStep(
        _ action: StepAction, named name: String, description: String = "", enabled: Bool,
        continueOnError: Bool = false, condition: StepCondition? = nil, at index: Int? = nil
    ) throws -> StepHandle {
        try addStep(action, named: name, description: description, isEnabled: enabled, continuesOnError: continueOnError, condition: condition, at: index)
    }

    /// Adds an action step.
    @available(*, deprecated, renamed: "addStep(_:named:description:isEnabled:continuesOnError:condition:at:)")
    @discardableResult
    public func addStep(
        _ action: StepAction, named name: String, description: String = "", continueOnError: Bool,
        condition: StepCondition? = nil, at index: Int? = nil
    ) throws -> StepHandle {
        try addStep(action, named: name, description: description, continuesOnError: continueOnError, condition: condition, at: index)
    }

    /// Adds a group.
    @available(*, deprecated, renamed: "addGroup(named:description:isEnabled:continuesOnError:condition:at:)")
    @discardableResult
    public func addGroup(
        named name: String, description: String = "", enabled: Bool, continueOnError: Bool = false,
        condition: StepCondition? = nil, at index: Int? = nil
    ) throws -> StepHandle {
        try addGroup(named: name, description: description, isEnabled: enabled, continuesOnError: continueOnError, condition: condition, at: index)
    }

    /// Adds a group.
    @available(*, deprecated, renamed: "addGroup(named:description:isEnabled:continuesOnError:condition:at:)")
    @discardableResult
    public func addGroup(
        named name: String, description: String = "", continueOnError: Bool, condition: StepCondition? = nil, at index: Int? = nil
    ) throws -> StepHandle {
        try addGroup(named: name, description: description, continuesOnError: continueOnError, condition: condition, at: index)
    }
}
