import DBusKit
import ProviderCore
import TaskSequenceModel

/// Plan's options from D-Bus, and the plan as D-Bus values.
enum PlanConversion {
    /// The options Plan takes, with their D-Bus types.
    static let optionTypes = ["Computer": "s", "AdvertisementID": "s", "Variables": "a{ss}", "Facts": "a{ss}", "Fail": "as"]

    /// Plan's `options` a{sv}: Computer s, AdvertisementID s, Variables a{ss}, Facts a{ss}, Fail as.
    /// An unknown name or a value of the wrong type is InvalidArgs naming the option.
    static func request(_ options: DBusValue) throws -> PlanRequest {
        guard let entries = options.stringKeyedEntries else { throw DBusError.invalidArgs("options must be a{sv}") }
        var request = PlanRequest()
        for (name, value) in entries.sorted(by: { $0.key < $1.key }) {
            func wrongType() -> DBusError {
                DBusError.invalidArgs("option \(name) must be \(optionTypes[name] ?? "?"), not \(value.type.signature)")
            }
            switch name {
            case "Computer":
                guard let text = value.stringValue else { throw wrongType() }
                request.computer = text.isEmpty ? nil : text
            case "AdvertisementID":
                guard let text = value.stringValue else { throw wrongType() }
                request.advertisementID = text.isEmpty ? nil : text
            case "Variables":
                guard let pairs = stringPairs(value) else { throw wrongType() }
                request.variables = pairs.map { PlanVariable(name: $0.key, value: $0.value) }
            case "Facts":
                guard let pairs = stringPairs(value) else { throw wrongType() }
                request.facts = Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
            case "Fail":
                guard case .array(.string, let items) = value else { throw wrongType() }
                request.failing = items.compactMap(\.stringValue)
            default:
                throw DBusError.invalidArgs("unknown option '\(name)'; Plan takes " + optionTypes.keys.sorted().joined(separator: ", "))
            }
        }
        return request
    }

    /// An a{ss} (or an a{sv} of strings) as ordered pairs; `nil` for anything else.
    private static func stringPairs(_ value: DBusValue) -> [(key: String, value: String)]? {
        guard case .dictionary(.string, _, let entries) = value else { return nil }
        var pairs: [(key: String, value: String)] = []
        for entry in entries {
            guard case .string(let key) = entry.key, let text = entry.value.unwrappingVariant.stringValue else { return nil }
            pairs.append((key, text))
        }
        return pairs
    }

    static let entryType = DBusType.dictionary(key: .string, value: .variant)

    /// A source as its words (Source, SourceKind) and its parts (SourceID, SourceName,
    /// SourcePath where it applies), from which a client rebuilds it.
    private static func source(_ source: PlanVariableSource) -> [String: DBusValue] {
        var entries: [String: DBusValue] = [
            "Source": .string(source.description), "SourceKind": .string(source.kind),
            "SourceID": .string(source.id), "SourceName": .string(source.name),
        ]
        if let path = source.path { entries["SourcePath"] = .string(path.description) }
        return entries
    }

    /// Each starting variable: Name, Masked, its source (``source(_:)``), Overrides (as),
    /// OverrideSources (aa{sv}, each a source), and Value unless masked.
    static func environment(_ plan: TaskSequencePlan) -> DBusValue {
        .array(entryType, plan.environment.map { variable in
            var entries = source(variable.source).merging([
                "Name": .string(variable.name), "Masked": .boolean(variable.isMasked),
                "Overrides": .array(.string, variable.overrides.map { .string($0.description) }),
                "OverrideSources": .array(entryType, variable.overrides.map { .stringVariantDictionary(source($0)) }),
            ]) { $1 }
            if !variable.isMasked { entries["Value"] = .string(variable.value) }
            return .stringVariantDictionary(entries)
        })
    }

    /// Each conflict: Name, Winner, Sources (as, in layer order), Text, and Candidates (aa{sv}
    /// in layer order: each side's source (``source(_:)``), Masked, and Value unless masked).
    static func conflicts(_ plan: TaskSequencePlan) -> DBusValue {
        .array(entryType, plan.conflicts.map { conflict in
            .stringVariantDictionary([
                "Name": .string(conflict.name), "Winner": .string(conflict.winner?.description ?? ""),
                "Sources": .array(.string, conflict.candidates.map { .string($0.source.description) }),
                "Text": .string(conflict.description),
                "Candidates": .array(entryType, conflict.candidates.map { candidate in
                    var entries = source(candidate.source)
                    entries["Masked"] = .boolean(candidate.value == nil)
                    if let value = candidate.value { entries["Value"] = .string(value) }
                    return .stringVariantDictionary(entries)
                }),
            ])
        })
    }

    /// Each step in document order: StepID, Name, Class, Depth, Path, IsGroup, Decision, Reason, AssumedToFail.
    static func steps(_ plan: StoredPackagePlan) -> DBusValue {
        .array(entryType, plan.plan.steps.map { step in
            .stringVariantDictionary([
                "StepID": .uint32(UInt32(clamping: step.stepID ?? 0)), "Name": .string(step.name), "Class": .string(step.className),
                "Depth": .uint32(UInt32(clamping: step.depth)), "Path": .string(step.path.description),
                "IsGroup": .boolean(step.isGroup), "Decision": .string(step.decision.rawValue),
                "Reason": .string(step.reason), "AssumedToFail": .boolean(step.assumedToFail),
            ])
        })
    }

    /// Result (completes, fails or unknown), Step (the failing step, or empty) and Text.
    static func outcome(_ plan: TaskSequencePlan) -> DBusValue {
        let step: String = switch plan.outcome {
        case .completes: ""
        case .fails(let name), .mayFail(let name): name
        }
        return .stringVariantDictionary([
            "Result": .string(plan.outcome.word), "Step": .string(step), "Text": .string(plan.outcome.description),
        ])
    }
}
