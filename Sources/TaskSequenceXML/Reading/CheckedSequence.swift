import TaskSequenceModel

/// A sequence a validating reader accepted, with what validation warned about.
public struct CheckedSequence: Sendable, Hashable {
    public var sequence: TaskSequence
    /// Rules real exports break that the import keeps (``ValidationStrength/imported``).
    public var warnings: [ValidationIssue]

    public init(sequence: TaskSequence, warnings: [ValidationIssue] = []) {
        self.sequence = sequence
        self.warnings = warnings
    }
}
