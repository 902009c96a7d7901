import DBusKit
import ProviderCore
import TaskSequenceModel

/// Diff and Merge on the package class object (issue 14): they concern two packages, so they
/// belong to neither package object.
extension Interfaces {
    static func packageClassComparisonMethods() -> [DBusInterfaceMember<ClassModel>] {
        [
            .method(DBusMethod(
                "Diff",
                inputs: [
                    DBusArgument("old_package_id", .string, doc: "The package to compare from."),
                    DBusArgument("old_version", .uint32, doc: "Its SourceVersion to compare; 0 for the package as it is now."),
                    DBusArgument("new_package_id", .string, doc: "The package to compare to: the same one at another revision, a copy, or any other."),
                    DBusArgument("new_version", .uint32, doc: "Its SourceVersion; 0 for now."),
                    DBusArgument("options", .dictionary(key: .string, value: .variant), doc: "Properties (b): compare package properties of two different packages too (revisions of one package always are)."),
                ],
                outputs: [DBusArgument("changes", .array(.dictionary(key: .string, value: .variant)), doc: """
                    One dictionary per change, keys as tsctl diff json: Kind (StepAdded, StepRemoved, StepMoved, StepRenamed, \
                    StepEnabled, StepDisabled, ContinueOnErrorChanged, DescriptionChanged, SettingChanged, ConditionChanged, \
                    PackagePropertyChanged), StepID, Name, Path, FromPath, Property, Old, New (strings, left out where they do \
                    not apply) and Secret (b: a secret changed; its values are never given).
                    """)],
                doc: """
                    What changed from one package or revision to another, step by step. Steps are paired by lineage and \
                    step ID, then by class, name and position. Needs Read on both; a revision that cannot be read is NotFound.
                    """
            ) { model, call in
                let oldVersion = try call.argument("old_version", as: UInt32.self)
                let newVersion = try call.argument("new_version", as: UInt32.self)
                let options = try ComparisonConversion.diffOptions(call.arguments[4])
                let diff = try model.bus.service.diff(
                    call.argument("old_package_id", as: String.self), at: oldVersion == 0 ? nil : oldVersion,
                    call.argument("new_package_id", as: String.self), at: newVersion == 0 ? nil : newVersion,
                    includeProperties: options, for: model.bus.caller(call.caller)
                )
                return [ComparisonConversion.changes(diff.changes)]
            }),
            .method(DBusMethod(
                "Merge",
                inputs: [
                    DBusArgument("from_package_id", .string, doc: "The package whose changes are carried over (a copy, typically)."),
                    DBusArgument("into_package_id", .string, doc: "The package they are written into."),
                    DBusArgument("expected_source_version", .uint32, doc: "The SourceVersion of INTO the caller saw; 0 skips the check. A stale one is Conflict and nothing is written."),
                    DBusArgument("options", .dictionary(key: .string, value: .variant), doc: """
                        DryRun (b): compute and report only. Policy (s): none (the default; a conflict means nothing is written), \
                        ours (INTO keeps its version of what both changed) or theirs (FROM's wins). Properties (b): merge package \
                        properties too, which stay out by default.
                        """),
                ],
                outputs: [
                    DBusArgument("source_version", .uint32, doc: "INTO's SourceVersion after the merge; 0 when nothing was written."),
                    DBusArgument("applied", .array(.dictionary(key: .string, value: .variant)), doc: "The changes written (or, in a dry run or with conflicts, that would be), as Diff gives them."),
                    DBusArgument("conflicts", .array(.dictionary(key: .string, value: .variant)), doc: """
                        What both changed differently: StepID, Name, Path, Property (a property, Position or Step), Base, Ours, \
                        Theirs (values left out when absent or secret), Secret (b) and Resolution (ours or theirs; left out when \
                        no policy decided it).
                        """),
                ],
                doc: """
                    Applies to INTO what changed in FROM since their common ancestor (the copy point or the last merge), step \
                    by step, as one revision of INTO. Needs Read on FROM and Modify on INTO. Packages with no common ancestor \
                    are InvalidArgs.
                    """
            ) { model, call in
                let options = try ComparisonConversion.mergeOptions(call.arguments[3])
                let outcome = try model.bus.service.merge(
                    from: call.argument("from_package_id", as: String.self), into: call.argument("into_package_id", as: String.self),
                    expectedSourceVersion: call.argument("expected_source_version", as: UInt32.self),
                    policy: options.policy, includeProperties: options.properties, dryRun: options.dryRun,
                    for: model.bus.caller(call.caller)
                )
                return [
                    .uint32(outcome.sourceVersion ?? 0),
                    ComparisonConversion.changes(outcome.applied),
                    ComparisonConversion.conflicts(outcome.conflicts),
                ]
            }),
        ]
    }
}

/// Diff and merge results as D-Bus values, and Merge's options.
enum ComparisonConversion {
    static let entryType = DBusType.dictionary(key: .string, value: .variant)

    static func changes(_ changes: [SequenceChange]) -> DBusValue {
        .array(entryType, changes.map { change in
            var entry: [String: DBusValue] = ["Kind": .string(change.kind.rawValue), "Secret": .boolean(change.isSecret)]
            let texts: [(String, String?)] = [
                ("StepID", change.stepID), ("Name", change.name), ("Path", change.path), ("FromPath", change.fromPath),
                ("Property", change.property), ("Old", change.old), ("New", change.new),
            ]
            for case (let key, let value?) in texts { entry[key] = .string(value) }
            return .stringVariantDictionary(entry)
        })
    }

    static func conflicts(_ conflicts: [MergeConflict]) -> DBusValue {
        .array(entryType, conflicts.map { conflict in
            var entry: [String: DBusValue] = [
                "Name": .string(conflict.name), "Path": .string(conflict.path), "Property": .string(conflict.property),
                "Secret": .boolean(conflict.isSecret),
            ]
            let texts: [(String, String?)] = [
                ("StepID", conflict.stepID), ("Base", conflict.base), ("Ours", conflict.ours), ("Theirs", conflict.theirs),
                ("Resolution", conflict.resolution?.rawValue),
            ]
            for case (let key, let value?) in texts { entry[key] = .string(value) }
            return .stringVariantDictionary(entry)
        })
    }

    struct MergeOptions {
        var dryRun = false
        var policy = ThreeWayMerge.Policy.none
        var properties = false
    }

    /// Diff's `options`: whether to compare package properties; an unknown key is InvalidArgs.
    static func diffOptions(_ value: DBusValue) throws -> Bool {
        var properties = false
        for (name, text) in try ValueConversion.textProperties(value, argument: "options") {
            guard name.lowercased() == "properties" else { throw DBusError.invalidArgs("unknown diff option '\(name)'; known: Properties") }
            properties = try flag(text, name)
        }
        return properties
    }

    /// Merge's `options`; an unknown key or a wrong value is InvalidArgs.
    static func mergeOptions(_ value: DBusValue) throws -> MergeOptions {
        var options = MergeOptions()
        for (name, text) in try ValueConversion.textProperties(value, argument: "options") {
            switch name.lowercased() {
            case "dryrun": options.dryRun = try flag(text, name)
            case "properties": options.properties = try flag(text, name)
            case "policy":
                guard let policy = ThreeWayMerge.Policy(rawValue: text.lowercased()) else {
                    throw DBusError.invalidArgs("options['\(name)'] '\(text)' is not one of none, ours, theirs")
                }
                options.policy = policy
            default:
                throw DBusError.invalidArgs("unknown merge option '\(name)'; known: DryRun, Policy, Properties")
            }
        }
        return options
    }

    private static func flag(_ text: String, _ name: String) throws -> Bool {
        switch text.lowercased() {
        case "true": true
        case "false": false
        default: throw DBusError.invalidArgs("options['\(name)'] must be a boolean, not '\(text)'")
        }
    }
}
