extension Step {
    /// What this step alone — not the steps inside it — adds to its sequence's derived facts:
    /// the packages it references and whether it makes the sequence an OS deployment.
    ///
    /// An edit that leaves these unchanged leaves References and Type unchanged, so the provider
    /// can skip recomputing them over the whole sequence.
    public func ownDerivedFacts(catalog: ActionCatalog = .builtIn) -> OwnDerivedFacts {
        var shallow = self
        shallow.steps = []
        let sequence = TaskSequence(schemaVersion: "3.10", steps: [shallow])
        return OwnDerivedFacts(references: sequence.references(catalog: catalog), deploysOperatingSystem: sequence.deploysOperatingSystem(catalog: catalog))
    }
}

/// One step's own contribution to References and Type (see ``Step/ownDerivedFacts(catalog:)``).
public struct OwnDerivedFacts: Sendable, Hashable {
    public var references: [PackageReference]
    public var deploysOperatingSystem: Bool

    /// Whether the step affects References or Type at all.
    public var isEmpty: Bool { references.isEmpty && !deploysOperatingSystem }
}
