/// What ``ProviderClient/merge(from:into:expectedSourceVersion:policy:properties:dryRun:)`` did:
/// the bus `Merge` reply, its changes and conflicts in the model's own types.
public struct MergeReport: Sendable, Hashable {
    /// INTO's SourceVersion after the merge; `nil` when nothing was written (a dry run,
    /// conflicts no policy decided, or nothing to apply).
    public var sourceVersion: UInt32?
    /// The changes written, or that would be.
    public var applied: [SequenceChange]
    public var conflicts: [MergeConflict]

    /// Whether a conflict is left that no policy decided.
    public var hasUnresolvedConflicts: Bool { conflicts.contains { $0.resolution == nil } }
}
