import DBusKit

extension ProviderClient {
    /// What changed from `old` to `new` (the bus `Diff`): two revisions of one package, a copy
    /// and its original, or any two packages.
    ///
    /// ```swift
    /// for change in try client.diff(PackageVersionReference("PS100004", at: 1), PackageVersionReference("PS100004")) {
    ///     print(change.kind.rawValue, change.path ?? "", change.property ?? "")
    /// }
    /// ```
    ///
    /// Package properties are compared between revisions of one package, and between two
    /// packages only with `properties`.
    public func diff(_ old: PackageVersionReference, _ new: PackageVersionReference, properties: Bool = false) throws -> [SequenceChange] {
        let options: [String: PropertyValue] = ["Properties": .bool(properties)]
        let reply = try call(
            ProviderPaths.classObject(ClassName.taskSequencePackage), ProviderInterface.packageClass, "Diff",
            [.string(old.packageID), .uint32(old.sourceVersion ?? 0), .string(new.packageID), .uint32(new.sourceVersion ?? 0),
             options.dbusDictionary])
        return try ComparisonReply.entries(reply.first).map(SequenceChange.init(reported:))
    }

    /// Applies to `into` what changed in `from` since their common ancestor (the bus `Merge`).
    /// With `ThreeWayMerge.Policy.none` a conflict means nothing is written.
    public func merge(
        from: String, into: String, expectedSourceVersion: UInt32 = 0, policy: ThreeWayMerge.Policy = .none,
        properties: Bool = false, dryRun: Bool = false
    ) throws -> MergeReport {
        let options: [String: PropertyValue] = ["DryRun": .bool(dryRun), "Policy": .string(policy.rawValue), "Properties": .bool(properties)]
        let reply = try call(
            ProviderPaths.classObject(ClassName.taskSequencePackage), ProviderInterface.packageClass, "Merge",
            [.string(from), .string(into), .uint32(expectedSourceVersion), options.dbusDictionary])
        guard reply.count == 3, case .uint32(let version) = reply[0].unwrappingVariant else {
            throw ComparisonReply.unexpected(reply.first)
        }
        return MergeReport(
            sourceVersion: version == 0 ? nil : version,
            applied: try ComparisonReply.entries(reply[1]).map(SequenceChange.init(reported:)),
            conflicts: try ComparisonReply.entries(reply[2]).map(MergeConflict.init(reported:))
        )
    }
}

/// Turning Diff and Merge replies back into model values.
enum ComparisonReply {
    static func entries(_ value: DBusValue?) throws -> [[String: DBusValue]] {
        guard case .array(_, let elements)? = value?.unwrappingVariant else { throw unexpected(value) }
        return try elements.map { element in
            guard let entries = element.stringKeyedEntries else { throw unexpected(element) }
            return entries
        }
    }

    static func flag(_ value: DBusValue?) -> Bool {
        if case .boolean(let flag)? = value?.unwrappingVariant { flag } else { false }
    }

    static func unexpected(_ value: DBusValue?) -> ProviderError {
        .other(name: "org.freedesktop.DBus.Error.Failed",
               message: "the provider answered \(value.map(String.init(describing:)) ?? "nothing") where a diff or merge result was expected")
    }
}

extension SequenceChange {
    /// A change from a `Diff` or `Merge` reply (`a{sv}`: Kind, StepID, Name, Path, FromPath,
    /// Property, Old, New, Secret); a kind this SDK does not know reads as ``Kind/unknown(_:)``.
    init(reported entry: [String: DBusValue]) throws {
        guard let kind = entry["Kind"]?.stringValue else { throw ComparisonReply.unexpected(entry["Kind"]) }
        self.init(
            kind: Kind(rawValue: kind), stepID: entry["StepID"]?.stringValue, name: entry["Name"]?.stringValue,
            path: entry["Path"]?.stringValue, fromPath: entry["FromPath"]?.stringValue, property: entry["Property"]?.stringValue,
            old: entry["Old"]?.stringValue, new: entry["New"]?.stringValue, isSecret: ComparisonReply.flag(entry["Secret"])
        )
    }
}

extension MergeConflict {
    /// A conflict from a `Merge` reply (`a{sv}`: StepID, Name, Path, Property, Base, Ours,
    /// Theirs, Secret, Resolution).
    init(reported entry: [String: DBusValue]) {
        self.init(
            stepID: entry["StepID"]?.stringValue, name: entry["Name"]?.stringValue ?? "", path: entry["Path"]?.stringValue ?? "",
            property: entry["Property"]?.stringValue ?? "", base: entry["Base"]?.stringValue, ours: entry["Ours"]?.stringValue,
            theirs: entry["Theirs"]?.stringValue, isSecret: ComparisonReply.flag(entry["Secret"]),
            resolution: entry["Resolution"]?.stringValue.flatMap(ThreeWayMerge.Policy.init(rawValue:))
        )
    }
}
