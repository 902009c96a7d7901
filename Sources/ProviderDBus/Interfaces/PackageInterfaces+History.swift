import DBusKit
import ProviderCore
import TaskSequenceModel

/// The package members of history (issue 14): revisions, rollback and copies.
extension Interfaces {
    static func historyMethods() -> [DBusInterfaceMember<PackageModel>] {
        [
            .method(DBusMethod(
                "GetHistory",
                outputs: [DBusArgument("revisions", .array(.dictionary(key: .string, value: .variant)), doc: "Oldest first, one a{sv} per revision: SourceVersion (u), Time (x, seconds since 1970), Uid (u), UserName (s), Summary (s), Readable (b: whether GetRevision and ExportRevision can read it).")],
                doc: "Every change to the package, each a revision: import, sequence writes, step, condition and property edits, rollbacks, copies and merges, with who made it and a one-line summary such as step 84 renamed. Needs Read."
            ) { model, call in
                let history = try model.bus.service.history(of: model.packageID, for: model.bus.caller(call.caller))
                return [.array(.dictionary(key: .string, value: .variant), history.map(revisionValue))]
            }),
            .method(DBusMethod(
                "GetRevision",
                inputs: [DBusArgument("source_version", .uint32, doc: "The revision, by the SourceVersion it gave the package.")],
                outputs: [DBusArgument("revision", .dictionary(key: .string, value: .variant), doc: "What GetHistory says of it, plus Sequence (s: the sequence as it was, secrets blanked) and StepIDs (a{st}: each step's ID by its place, as group[2]/step[3]).")],
                doc: "One revision read back: its sequence and the IDs its steps had. A revision from before history was kept, or dropped by the retention setting, is NotFound. Needs Read."
            ) { model, call in
                let caller = try model.bus.caller(call.caller)
                let version = try call.argument("source_version", as: UInt32.self)
                let service = model.bus.service
                let snapshot = try service.snapshot(of: model.packageID, at: version, for: caller)
                guard let entry = try service.history(of: model.packageID, for: caller).first(where: { $0.sourceVersion == version }) else {
                    throw ProviderError.notFound(object: "revision \(version) of \(ObjectReference.package(model.packageID).relativePath)")
                }
                guard case .dictionary(_, _, var entries) = revisionValue(entry) else { return [] }
                entries.append(DBusDictionaryEntry(key: .string("Sequence"), value: .variant(.string(try service.sequenceXML(packageID: model.packageID, at: version, for: caller)))))
                let ids = snapshot.stepIDs.sorted { $0.value < $1.value }.map { DBusDictionaryEntry(key: .string($0.key.description), value: .uint64(UInt64($0.value))) }
                entries.append(DBusDictionaryEntry(key: .string("StepIDs"), value: .variant(.dictionary(key: .string, value: .uint64, ids))))
                return [.dictionary(key: .string, value: .variant, entries)]
            }),
            .method(DBusMethod(
                "ExportRevision",
                inputs: [DBusArgument("source_version", .uint32, doc: "The revision, by the SourceVersion it gave the package."),
                         DBusArgument("options", .dictionary(key: .string, value: .variant), doc: "format (s): package (the default), sequence or object, as for Export.")],
                outputs: [DBusArgument("xml", .string, doc: "The export of the package as it was, secrets blanked.")],
                doc: "Export of the package as it was after a revision: its sequence and properties then. Needs Read."
            ) { model, call in
                let format = try exportFormat(call.arguments[1], default: .package)
                guard format.isText else { throw DBusError.invalidArgs("format 'zip' is binary; ExportRevision writes text formats only") }
                return [.string(try model.bus.service.export(packageID: model.packageID, at: call.argument("source_version", as: UInt32.self),
                                                             format: format, for: model.bus.caller(call.caller)))]
            }),
            .method(DBusMethod(
                "Rollback",
                inputs: [DBusArgument("source_version", .uint32, doc: "The revision to go back to.")],
                outputs: [DBusArgument("new_source_version", .uint32, doc: "The package's SourceVersion after the rollback.")],
                doc: "Makes the sequence and the writable properties what they were after that revision, as a new revision (nothing is forgotten); steps keep, or get back, the IDs they had then, and signals name each step created, changed or deleted. Needs Modify."
            ) { model, call in
                [.uint32(try model.bus.service.rollback(packageID: model.packageID, to: call.argument("source_version", as: UInt32.self),
                                                        for: model.bus.caller(call.caller)))]
            }),
            .method(DBusMethod(
                "Copy",
                inputs: [DBusArgument("options", .dictionary(key: .string, value: .variant), doc: "Name (s): the copy's name; Copy of and the original's name by default.")],
                outputs: [DBusArgument("package", .objectPath, doc: "The new package.")],
                doc: "Copies the package, as Copy-CMTaskSequence: a new package with the same properties and sequence, secrets included. Each copied step records the step it came from, so a diff pairs them and a merge finds the copy point. Needs Read on the package and Create on SMS_TaskSequencePackage; the caller gets Read, Modify and Delete on the copy, as for an import."
            ) { model, call in
                let settings = Dictionary(try ValueConversion.textProperties(call.arguments[0], argument: "options").map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { $1 })
                if let unknown = settings.keys.first(where: { $0 != "name" }) { throw DBusError.invalidArgs("unknown copy option '\(unknown)'; known: Name") }
                let id = try model.bus.service.copyPackage(model.packageID, name: settings["name"], for: model.bus.caller(call.caller))
                return [.objectPath(ProviderPath.path(of: .package(id)))]
            }),
        ]
    }

    /// A history entry as `a{sv}`.
    static func revisionValue(_ revision: PackageRevision) -> DBusValue {
        .stringVariantDictionary([
            "SourceVersion": .uint32(revision.sourceVersion), "Time": .int64(revision.time), "Uid": .uint32(revision.uid),
            "UserName": .string(revision.userName), "Summary": .string(revision.summary), "Readable": .boolean(revision.isReadable),
        ])
    }

    /// `CopyTo` on steps: a copy of the step (with its children) in any package's sequence.
    static func stepCopyMethod() -> DBusMethod<StepModel> {
        DBusMethod(
            "CopyTo",
            inputs: [DBusArgument("parent", .objectPath, doc: "The Sequence object of any package, or one of its groups: where the copy goes."),
                     DBusArgument("index", .int32, doc: "The position there, 0 first; -1 appends. Anything outside -1…count is InvalidArgs.")],
            outputs: [DBusArgument("step", .objectPath, doc: "The copy.")],
            doc: "Copies the step, or the group with everything in it, into this or another package; each new step gets a new StepID and records the step it was copied from. Needs Read on this package and Modify on the target."
        ) { model, call in
            let parent = try call.argument("parent", as: ObjectPath.self)
            let target: (packageID: String, parentID: Int64?)
            switch ProviderPath(parent) {
            case .object(.sequence(let id))?: target = (id, nil)
            case .object(.step(let id, let stepID))?: target = (id, stepID)
            default: throw DBusError.invalidArgs("parent \(parent) is not a package's Sequence object or one of its groups")
            }
            let id = try model.bus.service.copyStep(model.stepID, packageID: model.packageID, to: target.packageID, parentID: target.parentID,
                                                    index: Int(try call.argument("index", as: Int32.self)), for: model.bus.caller(call.caller))
            return [.objectPath(ProviderPath.path(of: .step(packageID: target.packageID, stepID: id)))]
        }
    }
}
