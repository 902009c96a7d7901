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
    /// case, as the task sequence engine does).
    public static func run(client: ProviderClient, variable: String) throws -> [Finding] {
        var findings: [Finding] = []
        for id in try client.packageIDs().sorted() {
            for node in try client.package(id).sequence.stepTree() {
                for (_, step) in node.flattened() {
                    guard let condition = step.conditionText, tests(condition, variable: variable) else { continue }
                    findings.append(Finding(packageID: id, stepID: step.id, stepName: step.name, condition: condition))
                }
            }
        }
        return findings
    }

    /// Whether the condition text has an expression on `variable`: a variable expression
    /// reads `Name operator …`, so the name stands at the start or after `(`, `not ` or a space.
    static func tests(_ condition: String, variable: String) -> Bool {
        let wanted = variable.lowercased()
        let separators: Set<Character> = [" ", "(", ")"]
        return condition.lowercased().split(whereSeparator: { separators.contains($0) }).contains { $0 == wanted }
    }
}
