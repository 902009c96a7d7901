/// Where a step of a merged sequence came from.
public enum MergedStepOrigin: Sendable, Hashable {
    /// The step of ours (the sequence merged into) at this path: it keeps its StepID.
    case ours(StepPath)
    /// A step theirs added (or one ours removed and the merge put back) at this path in theirs:
    /// it needs a new StepID, and its lineage points to theirs' step.
    case theirs(StepPath)
}
