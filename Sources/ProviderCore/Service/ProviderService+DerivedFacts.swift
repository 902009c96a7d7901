import ProviderStore
import TaskSequenceModel

extension ProviderService {
    /// Recomputes References, ReferencesCount, Type and TaskSequenceFlags from the stored
    /// sequence, as SetSequence does; returns the names of the properties that changed.
    ///
    /// - Parameter stored: the sequence just stored, when the caller has it; otherwise it is
    ///   loaded from the store (reading it back cost a fifth of an import).
    @discardableResult
    func refreshDerivedFacts(_ packageID: String, stored: TaskSequence? = nil, in db: StoreDatabase) throws -> [String] {
        var row = try packageRow(packageID, in: db)
        let before = try row.properties()
        let sequence = try stored ?? SequenceTree.load(packageID: packageID, in: db)
        var after = before
        after.updateDerivedFacts(from: sequence, knownPackages: try knownPackages(among: sequence.derivedFacts(bootImageID: before.bootImageID).references, in: db))
        guard after != before else { return [] }
        try row.update(from: after)
        try row.update(db)
        var changed: [String] = []
        if after.references != before.references { changed += ["References", "ReferencesCount"] }
        if after.type != before.type { changed.append("Type") }
        if after.taskSequenceFlags != before.taskSequenceFlags { changed.append("TaskSequenceFlags") }
        return changed
    }

    /// Which of the referenced PackageIDs the site has, as SMS_Package rows or as task sequence
    /// packages (Run Task Sequence steps reference those).
    func knownPackages(among references: [PackageReference], in db: StoreDatabase) throws -> Set<String> {
        try PackageKeys.existing(among: Set(references.map(\.package)), in: db)
    }
}
