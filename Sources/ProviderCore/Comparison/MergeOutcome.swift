import TaskSequenceModel

/// What ``ProviderService/merge(from:into:expectedSourceVersion:policy:includeProperties:dryRun:for:)``
/// did, or would do.
public struct MergeOutcome: Sendable {
    /// The step-by-step merge of FROM's changes into INTO.
    public let sequence: MergeResult
    /// The package-property merge, when properties were asked for.
    public let properties: PackagePropertyMerge?
    /// The SourceVersions the merge started from: FROM's and INTO's common ancestor.
    public let base: (from: UInt32, into: UInt32)
    /// FROM's SourceVersion that was merged.
    public let fromVersion: UInt32
    /// INTO's SourceVersion after the merge; `nil` when nothing was written (a dry run,
    /// conflicts no policy decided, or nothing to apply).
    public let sourceVersion: UInt32?

    /// Every change applied (or, for a dry run, to apply): package properties first.
    public var applied: [SequenceChange] { (properties?.applied ?? []) + sequence.applied.changes }
    /// Every conflict, package properties first.
    public var conflicts: [MergeConflict] { (properties?.conflicts ?? []) + sequence.conflicts }
    /// Whether a conflict is left that no policy decided (then nothing was written).
    public var hasUnresolvedConflicts: Bool { conflicts.contains { $0.resolution == nil } }
}
