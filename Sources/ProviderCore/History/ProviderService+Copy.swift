import ProviderStore
import TaskSequenceModel

extension ProviderService {
    /// Copies a package (Copy-CMTaskSequence): a new package with the source's properties
    /// (named `name`, or "Copy of" the source's name) and sequence, secrets included. Each step of
    /// the copy records the step it was copied from, and the copy point is recorded as the base
    /// of later merges. Needs Read on the source and Create on the class; the caller gets the
    /// creator's rights on the copy, as for an import. Returns the new PackageID.
    public func copyPackage(_ packageID: String, name: String? = nil, for caller: Caller) throws -> String {
        try write(caller) { db, events in
            try require(.read, on: .package(packageID), for: caller, in: db)
            try require(.create, on: .class(ClassName.taskSequencePackage), for: caller, in: db)
            let source = try snapshot(of: packageID, at: nil, in: db)
            var properties = source.properties
            properties.name = name ?? Self.copyName(of: source.properties.name)
            let copyID = try insertPackage(properties, sequence: source.sequence, change: "copy of \(packageID) at \(source.sourceVersion)",
                                           payloadBytes: nil, caller: caller, db: db, events: &events)
            let copied = try SequenceTree.image(packageID: copyID, in: db).stepIDs()
            for (path, id) in copied {
                guard let original = source.stepIDs[path] else { continue }
                try Lineage.recordStepOrigin(stepID: id, originPackageID: packageID, originStepID: original, in: db)
            }
            try Lineage.recordLink(kind: "copy", from: packageID, fromVersion: source.sourceVersion, into: copyID, intoVersion: 1,
                                   time: configuration.now(), in: db)
            return copyID
        }
    }

    /// Copies a step or group, with everything inside it, into `targetPackageID` (the same
    /// package or another) inside group `parentID` (`nil`: the top) before the step now at
    /// `index` (−1 or `nil` appends). Each new step records the step it was copied from. Needs
    /// Read on the source package and Modify on the target. Returns the new step's ID.
    public func copyStep(
        _ stepID: Int64, packageID: String, to targetPackageID: String, parentID: Int64?, index: Int?, for caller: Caller
    ) throws -> Int64 {
        try write(caller) { db, events in
            try require(.read, on: .package(packageID), for: caller, in: db)
            try require(.modify, on: .package(targetPackageID), for: caller, in: db)
            let row = try stepRow(stepID, packageID: packageID, in: db)
            try requireContainer(parentID, packageID: targetPackageID, in: db)
            let step = try SequenceTree.loadStep(id: stepID, in: db)
            let siblings = try SequenceTree.childStepIDs(packageID: targetPackageID, parentID: parentID, in: db).count
            let slot = try Self.slot(index, siblings: siblings)
            let sourceIDs = try subtreeStepIDs(stepID, packageID: packageID, in: db)
            let id = try SequenceTree.insert(step, packageID: targetPackageID, parentID: parentID, at: slot, in: db)
            let copiedIDs = try subtreeStepIDs(id, packageID: targetPackageID, in: db)
            for (copy, original) in zip(copiedIDs, sourceIDs) {
                try Lineage.recordStepOrigin(stepID: copy, originPackageID: packageID, originStepID: original, in: db)
            }
            let affectsReferences = try SequenceTree.subtreeContributesFacts(stepID: id, in: db)
            try sequenceChanged(targetPackageID, change: "step \(id) copied from step \(stepID) of \(packageID)", affectsReferences: affectsReferences,
                                caller: caller, db: db, events: &events)
            for created in copiedIDs {
                let className = created == id ? row.className : (try StepRow.fetchOne(db, id: created)?.className ?? StepClass.step)
                events.append(ChangeRecord(kind: .created, className: className, object: .step(packageID: targetPackageID, stepID: created)))
            }
            events.append(containerChanged(packageID: targetPackageID, parentID: parentID))
            return id
        }
    }

    /// The step and every step below it, depth first in document order.
    private func subtreeStepIDs(_ stepID: Int64, packageID: String, in db: StoreDatabase) throws -> [Int64] {
        var result = [stepID]
        for child in try SequenceTree.childStepIDs(packageID: packageID, parentID: stepID, in: db) {
            result += try subtreeStepIDs(child, packageID: packageID, in: db)
        }
        return result
    }

    /// "Copy of NAME", cut to the 255 characters a name may have.
    static func copyName(of name: String) -> String {
        String("Copy of \(name)".prefix(255))
    }
}
