/// What changed from one version of a sequence (and its package) to another: steps added,
/// removed, moved, renamed, switched on or off, and each setting, condition and package property
/// that changed.
///
/// Steps are paired by ``StepMatching``: identity first (StepID or lineage), then class, name and
/// position. Changes come in the new sequence's document order, grouped by step; package
/// properties first, removed steps last. Secret values (passwords, product keys) are never in a
/// change: it says only that they changed.
public struct SequenceDiff: Sendable, Hashable {
    public let changes: [SequenceChange]

    public init(changes: [SequenceChange]) {
        self.changes = changes
    }

    public var isEmpty: Bool { changes.isEmpty }

    public init(old: ComparedSequence, new: ComparedSequence, catalog: ActionCatalog = .builtIn) {
        var changes: [SequenceChange] = []
        if let oldProperties = old.properties, let newProperties = new.properties {
            changes += PackagePropertyComparison.changes(from: oldProperties, to: newProperties)
        }
        let comparison = StepComparison(old: old, new: new, catalog: catalog)
        changes += comparison.changes()
        self.changes = changes
    }
}
