import TaskSequenceSDK

/// Example program 3: an audit of the steps whose condition tests a task sequence variable —
/// what an administrator runs before renaming or retiring that variable.
public enum VariableConditionAudit {
    /// One step whose condition tests the variable.
    public struct Finding: Sendable, Hashable {
        /// The package.
        public var packageID: String
        /// The step's stable ID.
        public var stepID: Int64
        /// The step's name.
        public var stepName: String
        /// The whole condition as readable text.
        public var condition: String
    }

    /// Every step, in every package, whose condition tests `variable` (names compare without
    /// case, as the task sequence engine does): one query, then one read per step found for
    /// its condition text.
    public static func run(client: ProviderClient, variable: String) throws -> [Finding] {
        try client.steps(conditionedOn: variable).map { match in
            Finding(packageID: match.packageID, stepID: match.stepID, stepName: match.name,
                    condition: try match.handle.info().conditionText ?? "")
        }
    }
}
