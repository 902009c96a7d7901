import ProviderStore
import TaskSequenceModel
import TaskSequenceXML

extension ProviderService {
    /// The package's revisions, oldest first (GetHistory). Needs Read.
    public func history(of packageID: String, for caller: Caller) throws -> [PackageRevision] {
        try read(caller) { db in
            try require(.read, on: .package(packageID), for: caller, in: db)
            _ = try packageRow(packageID, in: db)
            return try RevisionRow.history(packageID: packageID, in: db).map { entry in
                PackageRevision(sourceVersion: entry.row.sourceVersion, time: entry.row.time, uid: entry.row.uid, userName: entry.row.userName,
                             summary: entry.row.change, isReadable: entry.readable)
            }
        }
    }

    /// The package as it was at `sourceVersion` (`nil`: as it is now): properties, sequence
    /// (secrets as stored), step IDs and lineage. Needs Read.
    public func snapshot(of packageID: String, at sourceVersion: UInt32?, for caller: Caller) throws -> PackageSnapshot {
        try read(caller) { db in
            try require(.read, on: .package(packageID), for: caller, in: db)
            return try snapshot(of: packageID, at: sourceVersion, in: db)
        }
    }

    /// The package's sequence at `sourceVersion` as XML, secrets blanked. Needs Read.
    public func sequenceXML(packageID: String, at sourceVersion: UInt32, for caller: Caller) throws -> String {
        try export(packageID: packageID, at: sourceVersion, format: .sequence, for: caller)
    }

    /// ``export(packageID:format:for:)`` of the package as it was at `sourceVersion`
    /// (ExportRevision). Needs Read.
    public func export(packageID: String, at sourceVersion: UInt32?, format: ExportFormat, for caller: Caller) throws -> String {
        guard let sourceVersion else { return try export(packageID: packageID, format: format, for: caller) }
        let snapshot = try self.snapshot(of: packageID, at: sourceVersion, for: caller)
        let writer = TaskSequenceWriter(form: .export)
        return try Self.xml {
            switch format {
            case .sequence: try writer.sequenceXML(snapshot.sequence)
            case .package: try writer.packageXML(snapshot.sequence, properties: snapshot.properties)
            case .object: try writer.objectXML(snapshot.sequence, properties: snapshot.properties, server: configuration.siteCode)
            case .zip: throw ProviderError.invalidArgument(name: "format", problem: "zip is binary; ask ExportData for it")
            }
        }
    }

    /// The versions of `from` and `into` that were last the same — the copy point, or the last
    /// merge between them — or `nil` when they have no common ancestor. Needs Read on both.
    public func mergeBase(from: String, into: String, for caller: Caller) throws -> (from: UInt32, into: UInt32)? {
        try read(caller) { db in
            try require(.read, on: .package(from), for: caller, in: db)
            try require(.read, on: .package(into), for: caller, in: db)
            return try Lineage.mergeBase(from: from, into: into, in: db)
        }
    }

    /// Makes the package's sequence and writable properties what they were at `sourceVersion`,
    /// as a new revision; steps keep (or get back) the IDs they had then. Needs Modify.
    /// `expectedSourceVersion` 0 skips the stale check. Returns the new SourceVersion.
    public func rollback(packageID: String, to sourceVersion: UInt32, expectedSourceVersion: UInt32 = 0, for caller: Caller) throws -> UInt32 {
        try write(caller) { db, events in
            try require(.modify, on: .package(packageID), for: caller, in: db)
            let row = try packageRow(packageID, in: db)
            if expectedSourceVersion != 0, expectedSourceVersion != row.sourceVersion {
                throw ProviderError.conflict(expected: expectedSourceVersion, actual: row.sourceVersion)
            }
            let target = try snapshot(of: packageID, at: sourceVersion, in: db)
            return try writeWholeSequence(
                packageID, sequence: target.sequence, ids: target.stepIDs, properties: target.properties,
                summary: "rolled back to \(sourceVersion)", caller: caller, db: db, events: &events
            )
        }
    }

    /// Writes a merged sequence into `into` as one revision: steps at paths in `stepIDs` keep
    /// those IDs of `into`, the others get new IDs, and those at paths in `origins` record where
    /// they came from. With `properties`, INTO's writable properties become those. Needs
    /// Modify on INTO and Read on FROM; `expectedSourceVersion` 0 skips the stale check.
    /// Records the merge (FROM at `fromVersion`) as the base of the next one. Returns INTO's new
    /// SourceVersion.
    public func recordMerge(
        into: String, sequence: TaskSequence, stepIDs: [StepPath: Int64], origins: [StepPath: StepOrigin], properties: PackageProperties?,
        from: String, fromVersion: UInt32, expectedSourceVersion: UInt32, summary: String, for caller: Caller
    ) throws -> UInt32 {
        try sequence.forEachStep { _, step in try Self.validate(step, shallow: true) }
        return try write(caller) { db, events in
            try require(.read, on: .package(from), for: caller, in: db)
            try require(.modify, on: .package(into), for: caller, in: db)
            let row = try packageRow(into, in: db)
            if expectedSourceVersion != 0, expectedSourceVersion != row.sourceVersion {
                throw ProviderError.conflict(expected: expectedSourceVersion, actual: row.sourceVersion)
            }
            let version = try writeWholeSequence(into, sequence: sequence, ids: stepIDs, properties: properties, summary: summary,
                                                 caller: caller, db: db, events: &events)
            if !origins.isEmpty {
                let written = try SequenceTree.image(packageID: into, in: db).stepIDs()
                for (path, origin) in origins {
                    guard let id = written[path], stepIDs[path] == nil else { continue }
                    try Lineage.recordStepOrigin(stepID: id, originPackageID: origin.packageID, originStepID: origin.stepID, in: db)
                }
            }
            try Lineage.recordLink(kind: "merge", from: from, fromVersion: fromVersion, into: into, intoVersion: version, time: configuration.now(), in: db)
            return version
        }
    }

    // MARK: Shared by whole-sequence writes

    /// The package at `sourceVersion` (`nil`: now) inside a read or write.
    func snapshot(of packageID: String, at sourceVersion: UInt32?, in db: StoreDatabase) throws -> PackageSnapshot {
        let current = try packageRow(packageID, in: db)
        let image: PackageImage
        if let sourceVersion, sourceVersion != current.sourceVersion {
            let missing = ProviderError.notFound(object: "revision \(sourceVersion) of \(ObjectReference.package(packageID).relativePath)")
            guard let revisionID = try RevisionRow.id(packageID: packageID, sourceVersion: sourceVersion, in: db) else { throw missing }
            guard let stored = try RevisionImages.image(revisionID: revisionID, packageID: packageID, in: db) else {
                throw ProviderError.notFound(object: "revision \(sourceVersion) of \(ObjectReference.package(packageID).relativePath) (recorded before history was kept, or dropped by retention)")
            }
            image = stored
        } else {
            image = try SequenceTree.image(packageID: packageID, in: db)
        }
        let stepIDs = image.stepIDs()
        let origins = try Lineage.stepOrigins(of: Array(stepIDs.values), in: db).mapValues { StepOrigin(packageID: $0.packageID, stepID: $0.stepID) }
        return PackageSnapshot(
            packageID: packageID, sourceVersion: image.properties.sourceVersion, properties: image.properties,
            sequence: try image.sequence(), stepIDs: stepIDs, origins: origins
        )
    }

    /// Writes `sequence` over the package's (``SequenceTree/apply(_:ids:packageID:in:)``), and
    /// with `properties` its writable properties, as one revision; emits an event per step
    /// created, modified or deleted. Returns the new SourceVersion.
    func writeWholeSequence(
        _ packageID: String, sequence: TaskSequence, ids: [StepPath: Int64], properties: PackageProperties?, summary: String,
        xml: String? = nil, warnings: [String]? = nil, caller: Caller, db: StoreDatabase, events: inout [ChangeRecord]
    ) throws -> UInt32 {
        let before = try SequenceTree.image(packageID: packageID, in: db)
        let changes = try SequenceTree.apply(sequence, ids: ids, packageID: packageID, in: db)
        var changedProperties: [String] = []
        if let properties {
            var row = try packageRow(packageID, in: db)
            let current = try row.properties()
            var wanted = current
            for property in PackageProperty.ownFields { wanted.setProperty(named: property.rawValue, to: property.text(in: properties)) }
            for definition in Self.writableExtendedProperties {
                if let value = properties.value(of: definition.name) { wanted.setValue(value, of: definition.name) }
            }
            changedProperties = try Self.changedWritableProperties(from: current, to: wanted)
            if !changedProperties.isEmpty {
                try row.update(from: wanted)
                try row.update(db)
            }
        }
        let text = summary.isEmpty ? Self.summary(of: changes, before: before, after: sequence, ids: ids) : summary
        try sequenceChanged(packageID, change: text, xml: xml, warnings: warnings, affectsReferences: true, stored: sequence,
                            caller: caller, db: db, events: &events)
        if !changedProperties.isEmpty, let index = events.lastIndex(where: { $0.object == .package(packageID) }) {
            events[index].changedProperties += changedProperties
        }
        events.append(ChangeRecord(kind: .modified, className: ClassName.taskSequence, object: .sequence(packageID: packageID), changedProperties: ["Steps", "SchemaVersion"]))
        for id in changes.deleted {
            events.append(ChangeRecord(kind: .deleted, className: changes.classNames[id] ?? StepClass.step, object: .step(packageID: packageID, stepID: id)))
        }
        for id in changes.created {
            events.append(ChangeRecord(kind: .created, className: changes.classNames[id] ?? StepClass.step, object: .step(packageID: packageID, stepID: id)))
        }
        for id in changes.modified {
            events.append(ChangeRecord(kind: .modified, className: changes.classNames[id] ?? StepClass.step, object: .step(packageID: packageID, stepID: id)))
        }
        return try packageRow(packageID, in: db).sourceVersion
    }

    /// One line for a whole-sequence write: `step 84 renamed` when that is all it did, else
    /// what it did to how many steps.
    static func summary(of changes: StepChanges, before: PackageImage, after: TaskSequence, ids: [StepPath: Int64]) -> String {
        if changes.created.isEmpty, changes.deleted.isEmpty, changes.modified.count == 1, let id = changes.modified.first,
           let old = before.steps.first(where: { $0.id == id }),
           let path = ids.first(where: { $0.value == id })?.key, let new = after.step(at: path.indices) {
            if old.name != new.name { return "step \(id) renamed" }
            return "step \(id) changed"
        }
        if changes.isEmpty { return "sequence set, unchanged" }
        var parts: [String] = []
        if !changes.created.isEmpty { parts.append("\(changes.created.count) added") }
        if !changes.deleted.isEmpty { parts.append("\(changes.deleted.count) deleted") }
        if !changes.modified.isEmpty { parts.append("\(changes.modified.count) changed") }
        return "sequence set: " + (parts.isEmpty ? "sequence element changed" : parts.joined(separator: ", ") + " steps")
    }
}
