extension StepCondition {
    /// Checks the condition before anything is sent: a variable test that compares (`equals`,
    /// `less` …) needs a value; only `exists` and `notExists` take none. The provider keeps such
    /// a test (real files carry them) but ConfigMgr's console refuses it and the engine never
    /// matches it. ``ConditionHandle/add(_:into:)`` and `addStep(…condition:)` call this first.
    ///
    /// - Throws: `ProviderError.validationFailed(property:rule:)` naming `Value`.
    public func validate() throws {
        switch self {
        case .expression(let className, let properties):
            guard className == ConditionClass.variable else { return }
            let value = properties.first { $0.name == "Value" }?.value
            let comparison = properties.first { $0.name == "Operator" }.flatMap { Comparison(parsing: $0.value) }
            guard let comparison, comparison != .exists, comparison != .notExists, value?.isEmpty ?? true else { return }
            let variable = properties.first { $0.name == "Variable" }?.value ?? ""
            throw ProviderError.validationFailed(
                property: "Value", rule: "\(variable) \(comparison.rawValue) needs a value; only exists and notExists take none")
        case .and(let parts), .or(let parts), .not(let parts):
            for part in parts { try part.validate() }
        }
    }
}
