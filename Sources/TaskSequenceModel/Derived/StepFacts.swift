extension Step {
    /// What this step alone — not the steps inside it — adds to its sequence's derived facts:
    /// the packages it references and whether it makes the sequence an OS deployment.
    ///
    /// An edit that leaves these unchanged leaves References and Type unchanged, so the provider
    /// can skip recomputing them over the whole sequence.
    ///
    /// The same as a sequence holding only this step (without its children) would derive, read
    /// from the step itself: the store asks this of every step it writes.
    public func ownDerivedFacts(catalog: ActionCatalog = .builtIn) -> OwnDerivedFacts {
        guard kind != .group else { return OwnDerivedFacts(references: [], deploysOperatingSystem: false) }
        // The class is looked up once for both facts.
        let resolvedClass = catalog.resolvedClass(catalogClassName)
        var collector = ReferenceCollector()
        if let resolvedClass { collector.collect(from: self, of: resolvedClass, catalog: catalog) }
        return OwnDerivedFacts(references: collector.references, deploysOperatingSystem: deploysOperatingSystem(of: resolvedClass))
    }

    /// Whether this step (not a group) makes its sequence an OS deployment
    /// (``TaskSequence/deploysOperatingSystem(catalog:)``).
    func deploysOperatingSystem(catalog: ActionCatalog) -> Bool {
        deploysOperatingSystem(of: catalog.resolvedClass(catalogClassName))
    }

    /// ``deploysOperatingSystem(catalog:)`` with the step's class already looked up.
    func deploysOperatingSystem(of resolvedClass: ResolvedClass?) -> Bool {
        if supportedEnvironment?.equalsIgnoringCase(SupportedEnvironment.winPE) == true { return true }
        guard let resolvedClass else { return false }
        return resolvedClass.deploysOperatingSystem || (resolvedClass.windowsPESetting?.matches(self) ?? false)
    }
}

/// One step's own contribution to References and Type (see ``Step/ownDerivedFacts(catalog:)``).
public struct OwnDerivedFacts: Sendable, Hashable {
    public var references: [PackageReference]
    public var deploysOperatingSystem: Bool

    /// Whether the step affects References or Type at all.
    public var isEmpty: Bool { references.isEmpty && !deploysOperatingSystem }
}
