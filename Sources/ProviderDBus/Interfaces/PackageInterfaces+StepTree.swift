import DBusKit
import ProviderCore
import TaskSequenceModel

extension Interfaces {
    /// `GetStepTree` on a package: the whole sequence in one reply, in document order.
    ///
    /// A method rather than the package's ObjectManager: `GetManagedObjects` answers a
    /// dictionary by path (no order), spreads a step over two interfaces and its condition
    /// text over another object, so a client would rebuild the tree from three places.
    static func stepTreeMethods() -> [DBusInterfaceMember<PackageModel>] {
        [
            .method(DBusMethod(
                "GetStepTree",
                outputs: [
                    DBusArgument("steps", .array(.dictionary(key: .string, value: .variant)), doc: """
                        Every step and group in document order, one a{sv} each: StepID (x), ParentID (x, 0 at the top of \
                        the sequence), Depth (u, 0 at the top), Index (u, among its siblings), Class (s), IsGroup (b), Name, \
                        Description, Enabled (b), ContinueOnError (b), Condition (s, the condition as text, left out when the \
                        step has none); for actions also SupportedEnvironment (s), Timeout (u, left out when none is set), \
                        ActionCommandLine (s) and Settings (a{sv}, typed by the class schema, secrets blank).
                        """),
                    DBusArgument("SourceVersion", .uint32, doc: "The package's SourceVersion the tree was read at."),
                ],
                doc: "The package's whole step tree with conditions and settings in one reply, read in one transaction; needs Read on the package."
            ) { model, call in
                let tree = try model.bus.service.packageTree(model.packageID, for: model.bus.caller(call.caller))
                return [.array(.dictionary(key: .string, value: .variant), StepTreeConversion.steps(of: tree)), .uint32(tree.sourceVersion)]
            }),
        ]
    }
}

/// A ``PackageTree`` as `GetStepTree` sends it.
enum StepTreeConversion {
    static func steps(of tree: PackageTree) -> [DBusValue] {
        let byID = Dictionary(uniqueKeysWithValues: tree.steps.map { ($0.id, $0) })
        var result: [DBusValue] = []
        func walk(_ parentID: Int64?, depth: UInt32) {
            for id in tree.children[parentID] ?? [] {
                guard let info = byID[id] else { continue }
                result.append(step(info, depth: depth, tree: tree))
                if info.isGroup { walk(id, depth: depth + 1) }
            }
        }
        walk(nil, depth: 0)
        return result
    }

    static func step(_ info: StoredStepInfo, depth: UInt32, tree: PackageTree) -> DBusValue {
        var entries: [(String, DBusValue)] = [
            ("StepID", .int64(info.id)), ("ParentID", .int64(info.parentID ?? 0)), ("Depth", .uint32(depth)),
            ("Index", .uint32(UInt32(clamping: tree.index[info.id] ?? 0))), ("Class", .string(info.className)),
            ("IsGroup", .boolean(info.isGroup)), ("Name", .string(info.name)), ("Description", .string(info.description)),
            ("Enabled", .boolean(info.enabled)), ("ContinueOnError", .boolean(info.continueOnError)),
        ]
        if info.hasCondition, let condition = tree.conditions[info.id] { entries.append(("Condition", .string(condition.text))) }
        if !info.isGroup {
            entries.append(("SupportedEnvironment", .string(info.supportedEnvironment)))
            if info.timeout > 0 { entries.append(("Timeout", .uint32(info.timeout))) }
            entries.append(("ActionCommandLine", .string(info.actionCommandLine)))
            var settings: [DBusDictionaryEntry] = []
            for (property, value) in tree.settings[info.id] ?? [] {
                let type = ActionCatalog.builtIn.property(property, of: info.className)?.type
                settings.append(DBusDictionaryEntry(key: .string(property), value: .variant(ValueConversion.value(value, cimType: type))))
            }
            entries.append(("Settings", .dictionary(key: .string, value: .variant, settings)))
        }
        return .dictionary(key: .string, value: .variant, entries.map { DBusDictionaryEntry(key: .string($0.0), value: .variant($0.1)) })
    }
}
