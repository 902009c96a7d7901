/// What SetSequence recomputes on the package from its sequence (reference §12): References,
/// Type, TaskSequenceFlags and BootImageID, plus counts for reports.
public struct DerivedFacts: Sendable, Hashable {
    /// The boot image first (when there is one), then what ``TaskSequence/references(catalog:)``
    /// finds.
    public var references: [PackageReference]
    /// 2 when the sequence deploys an operating system, else 1.
    public var type: UInt32
    /// The PackageID of the boot image, or empty.
    public var bootImageID: String
    /// DANGLING_REF when a referenced package is not among the known ones; `nil` when no list of
    /// known packages was given.
    public var taskSequenceFlags: UInt32?
    public var counts: SequenceCounts
}

extension TaskSequence {
    /// SMS_TaskSequencePackage.Type for this sequence: 2 for an operating system deployment
    /// (see ``deploysOperatingSystem(catalog:)``), else 1. SaveToXml reports the same fact as
    /// flag 0x1; clients see it as `_SMSTSType`.
    public func taskSequenceType(catalog: ActionCatalog = .builtIn) -> UInt32 {
        deploysOperatingSystem(catalog: catalog) ? 2 : 1
    }

    /// Whether the sequence is an operating system deployment: a step (enabled or not) that
    /// deploys an OS — Apply Operating System Image, Apply Data Image, Setup Windows and
    /// ConfigMgr, Capture Operating System Image, Upgrade Operating System — or one that needs
    /// Windows PE: Restart Computer into Windows PE, or any step that runs only in Windows PE.
    ///
    /// The reference only says Type follows the content. Real exports settle it: every one with
    /// Type 2 has such a step (some only a restart into Windows PE, one only a disabled upgrade
    /// step), and none with Type 1 has.
    public func deploysOperatingSystem(catalog: ActionCatalog = .builtIn) -> Bool {
        var found = false
        forEachStepWithDepth { _, step in
            guard !found, step.kind != .group else { return }
            found = step.deploysOperatingSystem(catalog: catalog)
        }
        return found
    }

    /// Everything SetSequence derives from the sequence.
    ///
    /// The `<sequence>` element has no boot image field: the boot image travels with the package
    /// (the 2007 export's `<BootImageID>`, the package property). Pass the package's current one
    /// as `bootImageID`; it is kept and listed first among the references, since the sequence
    /// cannot run without it.
    ///
    /// - Parameter knownPackages: PackageIDs the site has; when given, `taskSequenceFlags` says
    ///   whether a reference dangles.
    public func derivedFacts(
        bootImageID: String = "",
        knownPackages: Set<String>? = nil,
        catalog: ActionCatalog = .builtIn
    ) -> DerivedFacts {
        // One walk for References, Type and the counts, each step's class looked up once
        // (three walks before, with a lookup per step in two of them).
        var collector = ReferenceCollector()
        var deploysOperatingSystem = false
        var counts = SequenceCounts()
        forEachStepWithDepth { depth, step in
            counts.add(step, atDepth: depth)
            guard step.kind != .group else { return }
            let resolvedClass = catalog.resolvedClass(step.catalogClassName)
            if let resolvedClass { collector.collect(from: step, of: resolvedClass, catalog: catalog) }
            if !deploysOperatingSystem { deploysOperatingSystem = step.deploysOperatingSystem(of: resolvedClass) }
        }
        collector.collectReferenceList(of: self)
        var references = collector.references
        let bootImage = bootImageID.trimmingSpaces.description
        if !bootImage.isEmpty {
            references.removeAll {
                $0.package.equalsIgnoringCase(bootImage) && ($0.program.isEmpty || $0.program == PackageReference.anyProgram) && $0.application.isEmpty
            }
            references.insert(PackageReference(package: bootImage, program: PackageReference.anyProgram), at: 0)
        }
        let flags = knownPackages.map { known in
            references.dangling(known: known).isEmpty ? 0 : PackageProperties.danglingReferenceFlag
        }
        return DerivedFacts(
            references: references,
            type: deploysOperatingSystem ? 2 : 1,
            bootImageID: bootImage,
            taskSequenceFlags: flags,
            counts: counts
        )
    }
}

extension PackageProperties {
    /// Recomputes References, Type and (when `knownPackages` is given) TaskSequenceFlags'
    /// DANGLING_REF bit from `sequence`, as SetSequence does. BootImageID stays the package's.
    public mutating func updateDerivedFacts(
        from sequence: TaskSequence,
        knownPackages: Set<String>? = nil,
        catalog: ActionCatalog = .builtIn
    ) {
        applyDerivedFacts(sequence.derivedFacts(bootImageID: bootImageID, catalog: catalog), knownPackages: knownPackages)
    }

    /// ``updateDerivedFacts(from:knownPackages:catalog:)`` with facts already derived (an import
    /// derives them once, to learn which packages to look up, and applies them here).
    public mutating func applyDerivedFacts(_ facts: DerivedFacts, knownPackages: Set<String>?) {
        references = facts.references
        type = facts.type
        if let knownPackages {
            let flags = facts.references.dangling(known: knownPackages).isEmpty ? 0 : PackageProperties.danglingReferenceFlag
            taskSequenceFlags = (taskSequenceFlags & ~PackageProperties.danglingReferenceFlag) | flags
        }
    }
}
