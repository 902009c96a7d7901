import TaskSequenceModel

/// A sequence a validating reader accepted, with what validation warned about.
public struct CheckedSequence: Sendable, Hashable {
    public var sequence: TaskSequence
    /// Rules real exports break that the import keeps (``ValidationStrength/imported``).
    public var warnings: [ValidationIssue]
    /// Warnings found beyond ``ImportValidation/defaultWarningLimit``, only counted.
    public var omittedWarnings: Int

    public init(sequence: TaskSequence, warnings: [ValidationIssue] = [], omittedWarnings: Int = 0) {
        self.sequence = sequence
        self.warnings = warnings
        self.omittedWarnings = omittedWarnings
    }

    /// The warnings one line each, as an import stores and returns them.
    public var listedWarnings: [String] { ImportValidation.listed(warnings, omitted: omittedWarnings) }
}
