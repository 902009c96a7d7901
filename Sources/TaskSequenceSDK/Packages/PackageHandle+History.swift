import DBusKit
import Foundation

extension PackageRevision {
    /// A revision from `GetHistory`'s reply: one `a{sv}` (SourceVersion, Time, Uid, UserName,
    /// Summary, Readable).
    init(_ value: DBusValue) {
        let entries = value.unwrappingVariant.stringKeyedEntries ?? [:]
        func number(_ key: String) -> Int64 {
            switch entries[key]?.unwrappingVariant {
            case .uint32(let number)?: Int64(number)
            case .int64(let number)?: number
            default: 0
            }
        }
        let readable = if case .boolean(let flag)? = entries["Readable"]?.unwrappingVariant { flag } else { false }
        self.init(
            sourceVersion: UInt32(clamping: number("SourceVersion")), time: number("Time"), uid: UInt32(clamping: number("Uid")),
            userName: entries["UserName"]?.stringValue ?? "", summary: entries["Summary"]?.stringValue ?? "", isReadable: readable)
    }
}

extension PackageHandle {
    // MARK: History

    /// Every revision of the package, oldest first.
    public func history() throws -> [PackageRevision] {
        let reply = try client.call(path, ProviderInterface.package, "GetHistory")
        guard case .array(_, let entries)? = reply.first else { return [] }
        return entries.map(PackageRevision.init)
    }

    /// The sequence as it was after revision `sourceVersion`, secrets blanked.
    ///
    /// - Throws: `ProviderError.notFound(_:)` for a revision that does not exist or is not
    ///   kept (recorded before history was kept, or dropped by retention).
    public func sequenceXML(at sourceVersion: UInt32) throws -> String {
        try export(at: sourceVersion, format: .sequence)
    }

    /// The package exported as it was after revision `sourceVersion`, secrets blanked.
    public func export(at sourceVersion: UInt32, format: ExportFormat = .package) throws -> String {
        let options: [String: PropertyValue] = ["format": .string(format.rawValue)]
        let reply = try client.call(path, ProviderInterface.package, "ExportRevision", [.uint32(sourceVersion), options.dbusDictionary],
                                    timeout: client.options.transferTimeout)
        return reply.first?.stringValue ?? ""
    }

    /// The IDs the steps had after revision `sourceVersion`, by place (`group[2]/step[3]`).
    public func stepIDs(at sourceVersion: UInt32) throws -> [String: Int64] {
        let reply = try client.call(path, ProviderInterface.package, "GetRevision", [.uint32(sourceVersion)], timeout: client.options.transferTimeout)
        guard case .dictionary(_, _, let entries)? = reply.first?.unwrappingVariant.stringKeyedEntries?["StepIDs"]?.unwrappingVariant else { return [:] }
        var result: [String: Int64] = [:]
        for entry in entries {
            if let place = entry.key.stringValue, case .uint64(let id) = entry.value.unwrappingVariant { result[place] = Int64(clamping: id) }
        }
        return result
    }

    /// Makes the sequence and writable properties what they were after revision
    /// `sourceVersion`, as a new revision; returns the new SourceVersion. Steps keep the IDs
    /// they had then.
    @discardableResult
    public func rollback(to sourceVersion: UInt32) throws -> UInt32 {
        let reply = try client.call(path, ProviderInterface.package, "Rollback", [.uint32(sourceVersion)])
        if case .uint32(let version)? = reply.first { return version }
        return 0
    }

    /// Copies the package (Copy-CMTaskSequence), named `name` or "Copy of" its name.
    public func copy(named name: String? = nil) throws -> PackageHandle {
        var options: [String: PropertyValue] = [:]
        if let name { options["Name"] = .string(name) }
        let reply = try client.call(path, ProviderInterface.package, "Copy", [options.dbusDictionary])
        return try client.handle(forPackagePath: reply.first)
    }
}

extension StepHandle {
    /// Copies the step (a group with everything in it) into `parent` — this package's sequence
    /// or a group, or another package's — before the step now at `index` (`nil` appends).
    /// Returns the copy.
    public func copy(to parent: any StepParent, at index: Int? = nil) throws -> StepHandle {
        let target = try ObjectPath(parent.objectPath)
        let reply = try client.call(path, ProviderInterface.step, "CopyTo", [.objectPath(target), .int32(Int32(index ?? -1))])
        guard case .objectPath(let copy)? = reply.first, let id = ProviderPaths.stepID(of: copy) else {
            throw ProviderError.other(name: "org.freedesktop.DBus.Error.Failed", message: "the provider answered \(reply.first.map(String.init(describing:)) ?? "nothing") where a step path was expected")
        }
        return StepHandle(client: parent.client, packageID: parent.packageID, id: id)
    }
}
