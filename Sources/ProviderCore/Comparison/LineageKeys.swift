import TaskSequenceModel

/// Step identities for comparing package snapshots: a step is known by the step its lineage
/// starts from, so a copy's step, the original's and a step merged back all share one key.
struct LineageKeys {
    /// `package/stepID` → the `package/stepID` it was copied from.
    private var parents: [String: String] = [:]

    init(_ snapshots: [PackageSnapshot]) {
        for snapshot in snapshots {
            for (id, origin) in snapshot.origins {
                parents[Self.key(snapshot.packageID, id)] = Self.key(origin.packageID, origin.stepID)
            }
        }
    }

    static func key(_ packageID: String, _ stepID: Int64) -> String { "\(packageID)/\(stepID)" }

    /// The first step of `key`'s lineage (a cycle, which lineage never forms, stops the walk).
    func root(_ key: String) -> String {
        var current = key
        var seen: Set<String> = [key]
        while let parent = parents[current], seen.insert(parent).inserted { current = parent }
        return current
    }

    /// The snapshot as a side of a diff or merge: lineage identities, its own StepIDs shown.
    func compared(_ snapshot: PackageSnapshot, properties: Bool = true) -> ComparedSequence {
        var identities: [StepPath: StepIdentity] = [:]
        var stepIDs: [StepPath: String] = [:]
        for (path, id) in snapshot.stepIDs {
            identities[path] = StepIdentity(root(Self.key(snapshot.packageID, id)))
            stepIDs[path] = String(id)
        }
        return ComparedSequence(
            sequence: snapshot.sequence, properties: properties ? snapshot.properties : nil,
            identities: identities, stepIDs: stepIDs
        )
    }
}
