import TaskSequenceModel

extension ProviderService {
    /// What changed from package `old` (at `oldVersion`; `nil`: now) to package `new` (at
    /// `newVersion`): two revisions of one package, a copy and its original, or any two. Steps
    /// are paired by lineage and ID, then by class, name and position. Package properties are
    /// compared between revisions of one package, and between two packages only with
    /// `includeProperties` (a copy's own name is no change to review). Needs Read on both.
    public func diff(
        _ old: String, at oldVersion: UInt32?, _ new: String, at newVersion: UInt32?, includeProperties: Bool = false, for caller: Caller
    ) throws -> SequenceDiff {
        let before = try snapshot(of: old, at: oldVersion, for: caller)
        let after = try snapshot(of: new, at: newVersion, for: caller)
        let keys = LineageKeys([before, after])
        let properties = includeProperties || old == new
        return SequenceDiff(old: keys.compared(before, properties: properties), new: keys.compared(after, properties: properties))
    }

    /// Applies to `into` what changed in `from` since their common ancestor (the copy point or
    /// the last merge), step by step, as one revision of INTO. Conflicts are decided by
    /// `policy`; with ``ThreeWayMerge/Policy/none`` and a conflict, or with `dryRun`, nothing is
    /// written. `includeProperties` merges package properties too (by default a copy's own name
    /// and the like stay out). `expectedSourceVersion` (0: skip) is INTO's SourceVersion the
    /// caller saw. Needs Read on FROM and Modify on INTO.
    public func merge(
        from: String, into: String, expectedSourceVersion: UInt32 = 0, policy: ThreeWayMerge.Policy = .none,
        includeProperties: Bool = false, dryRun: Bool = false, for caller: Caller
    ) throws -> MergeOutcome {
        guard from != into else { throw ProviderError.invalidArgument(name: "from", problem: "a package cannot be merged into itself") }
        guard let base = try mergeBase(from: from, into: into, for: caller) else {
            throw ProviderError.invalidArgument(
                name: "from",
                problem: "\(from) and \(into) have no common ancestor: neither is a copy of the other and they were never merged"
            )
        }
        let ours = try snapshot(of: into, at: nil, for: caller)
        if expectedSourceVersion != 0, expectedSourceVersion != ours.sourceVersion {
            throw ProviderError.conflict(expected: expectedSourceVersion, actual: ours.sourceVersion)
        }
        // The sequence's ancestor is FROM as it was merged (or copied): what INTO holds
        // otherwise — its own edits, conflicts an earlier merge decided for it — is its change.
        let ancestor = try snapshot(of: from, at: base.from, for: caller)
        let theirs = try snapshot(of: from, at: nil, for: caller)
        let keys = LineageKeys([ancestor, ours, theirs])
        let result = ThreeWayMerge(
            base: keys.compared(ancestor, properties: false), ours: keys.compared(ours, properties: false),
            theirs: keys.compared(theirs, properties: false), policy: policy
        ).run()
        // Properties are INTO's own: their ancestor is INTO then, so a copy's name is a change.
        let properties = try includeProperties
            ? PackagePropertyMerge(base: snapshot(of: into, at: base.into, for: caller).properties, ours: ours.properties,
                                   theirs: theirs.properties, policy: policy)
            : nil
        func outcome(_ version: UInt32?) -> MergeOutcome {
            MergeOutcome(sequence: result, properties: properties, base: base, fromVersion: theirs.sourceVersion, sourceVersion: version)
        }
        let unresolved = result.hasUnresolvedConflicts || properties?.conflicts.contains { $0.resolution == nil } == true
        let nothingToApply = result.applied.isEmpty && (properties?.applied.isEmpty ?? true)
        guard !dryRun, !unresolved, !nothingToApply, let merged = result.merged else { return outcome(nil) }

        var stepIDs: [StepPath: Int64] = [:]
        var origins: [StepPath: StepOrigin] = [:]
        for (path, origin) in result.origins {
            switch origin {
            case .ours(let oursPath): stepIDs[path] = ours.stepIDs[oursPath]
            case .theirs(let theirsPath):
                if let id = theirs.stepIDs[theirsPath] { origins[path] = StepOrigin(packageID: from, stepID: id) }
            }
        }
        let count = result.applied.changes.count + (properties?.applied.count ?? 0)
        // The version read above guards the write: a change to INTO in between is a conflict.
        let version = try recordMerge(
            into: into, sequence: merged, stepIDs: stepIDs, origins: origins, properties: properties?.merged,
            from: from, fromVersion: theirs.sourceVersion, expectedSourceVersion: ours.sourceVersion,
            summary: "merged \(count) change\(count == 1 ? "" : "s") from \(from)", for: caller
        )
        return outcome(version)
    }
}
