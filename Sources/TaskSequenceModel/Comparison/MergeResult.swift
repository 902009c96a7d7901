/// What a merge produced.
public struct MergeResult: Sendable, Hashable {
    /// The sequence to write: ours with theirs' changes. `nil` when there are conflicts and the
    /// policy is ``ThreeWayMerge/Policy/none``: then nothing is to be written.
    public let merged: TaskSequence?
    /// Ours with every change that does not conflict applied (equal to ``merged`` when that is
    /// set) — what a dry run shows.
    public let proposed: TaskSequence
    /// What ``proposed`` changes in ours, as a diff reports it.
    public let applied: SequenceDiff
    public let conflicts: [MergeConflict]
    /// Each step of ``proposed`` by path: ours' step it is, or theirs' step it was copied from.
    public let origins: [StepPath: MergedStepOrigin]

    /// Whether a conflict is left for a person to decide.
    public var hasUnresolvedConflicts: Bool { conflicts.contains { $0.resolution == nil } }
}
