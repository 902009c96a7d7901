/// The package-property part of a merge (`tsctl merge --properties`): each compared property
/// (see ``PackagePropertyComparison``) theirs has otherwise than the base takes theirs' value
/// unless ours changed it too — then it is a conflict the policy decides.
public struct PackagePropertyMerge: Sendable, Hashable {
    /// Ours' properties with theirs' changes.
    public let merged: PackageProperties
    /// What changed in ours, one ``SequenceChange/Kind/packagePropertyChanged`` each.
    public let applied: [SequenceChange]
    /// Properties both sides changed differently; their `path` is `package`.
    public let conflicts: [MergeConflict]

    public init(base: PackageProperties, ours: PackageProperties, theirs: PackageProperties, policy: ThreeWayMerge.Policy = .none) {
        let baseValues = PackagePropertyComparison.values(of: base)
        let oursValues = PackagePropertyComparison.values(of: ours)
        let theirsValues = PackagePropertyComparison.values(of: theirs)
        var merged = ours
        var conflicts: [MergeConflict] = []
        for name in Set(baseValues.keys).union(theirsValues.keys).sorted() where theirsValues[name] != baseValues[name] {
            guard oursValues[name] != theirsValues[name] else { continue }
            if oursValues[name] != baseValues[name] {
                conflicts.append(MergeConflict(
                    stepID: nil, name: ours.name, path: "package", property: name,
                    base: baseValues[name], ours: oursValues[name], theirs: theirsValues[name],
                    resolution: policy == .none ? nil : policy
                ))
                guard policy == .theirs else { continue }
            }
            Self.copy(name, from: theirs, to: &merged)
        }
        self.merged = merged
        self.applied = PackagePropertyComparison.changes(from: ours, to: merged)
        self.conflicts = conflicts
    }

    /// Copies property `name` (a compared one) from `source`.
    private static func copy(_ name: String, from source: PackageProperties, to target: inout PackageProperties) {
        if let value = source.value(of: name) {
            target.setValue(value, of: name)
        } else if let text = PackagePropertyComparison.values(of: source)[name] {
            target.setProperty(named: name, to: text)
        }
    }
}
