import DBusKit

extension TaskSequencePlan {
    /// The plan a `Plan` reply carries: environment, conflicts, steps and outcome.
    init(reply: [DBusValue]) throws {
        guard reply.count == 4 else { throw Self.unexpected("Plan returned \(reply.count) values, expected 4") }
        let environment = try Self.entries(reply[0]).map { entry in
            ResolvedVariable(
                // A masked value never leaves the provider: it reads as empty, shown as `(masked)`.
                name: entry["Name"]?.text ?? "", value: entry["Value"]?.stringValue ?? "", isMasked: entry["Masked"]?.boolValue ?? false,
                source: try Self.source(entry), overrides: try Self.list(entry["OverrideSources"]).map(Self.source))
        }
        let conflicts = try Self.entries(reply[1]).map { entry in
            PlanConflict(name: entry["Name"]?.text ?? "", candidates: try Self.list(entry["Candidates"]).map { candidate in
                PlanConflict.Candidate(source: try Self.source(candidate), value: candidate["Value"]?.stringValue)
            })
        }
        let steps = try Self.entries(reply[2]).map { entry in
            guard let decision = entry["Decision"].flatMap({ PlanDecision(rawValue: $0.text) }) else {
                throw Self.unexpected("Plan returned a step without a known Decision")
            }
            let pathText = entry["Path"]?.text ?? ""
            guard let path = StepPath(parsing: pathText) else { throw Self.unexpected("Plan returned a step at '\(pathText)', which is not a step path") }
            return PlannedStep(
                stepID: entry["StepID"]?.intValue ?? 0, path: path, name: entry["Name"]?.text ?? "", className: entry["Class"]?.text ?? "",
                depth: Int(entry["Depth"]?.intValue ?? 0), isGroup: entry["IsGroup"]?.boolValue ?? false,
                decision: decision, reason: entry["Reason"]?.text ?? "", assumedToFail: entry["AssumedToFail"]?.boolValue ?? false)
        }
        guard case .dictionary(let outcome) = PropertyValue(reply[3]),
              let ending = PlanOutcome(word: outcome["Result"]?.text ?? "", step: outcome["Step"]?.text ?? "") else {
            throw Self.unexpected("Plan returned no outcome this version knows")
        }
        self.init(environment: environment, conflicts: conflicts, steps: steps, outcome: ending)
    }

    private static func entries(_ value: DBusValue) throws -> [[String: PropertyValue]] {
        try list(PropertyValue(value))
    }

    /// An array of a{sv} entries; nothing for a missing key.
    private static func list(_ value: PropertyValue?) throws -> [[String: PropertyValue]] {
        guard let value else { return [] }
        guard case .list(let items) = value else { throw unexpected("Plan returned a list that is not an array of entries") }
        return items.compactMap { if case .dictionary(let entries) = $0 { entries } else { nil } }
    }

    /// A variable's source from its SourceKind, SourceID, SourceName and SourcePath.
    private static func source(_ entry: [String: PropertyValue]) throws -> PlanVariableSource {
        let kind = entry["SourceKind"]?.text ?? ""
        let path = entry["SourcePath"].flatMap { StepPath(parsing: $0.text) }
        guard let source = PlanVariableSource(kind: kind, id: entry["SourceID"]?.text ?? "", name: entry["SourceName"]?.text ?? "", path: path) else {
            throw unexpected("Plan returned a variable source of kind '\(kind)', which this version does not know")
        }
        return source
    }

    static func unexpected(_ message: String) -> ProviderError {
        .other(name: "org.freedesktop.DBus.Error.Failed", message: message)
    }
}

extension PackageHandle {
    /// A dry run: which steps would run, and why — the model's ``TaskSequencePlan``, each step
    /// with its StepID.
    ///
    /// - Parameters:
    ///   - computer: the computer to plan for, by name; `nil` plans with built-ins and `variables`.
    ///   - variables: variables as if set when the run starts (`_SMSTSInWinPE` …), winning over
    ///     every other source.
    ///   - facts: facts about the machine by key: `file:C:\x.txt` = `exists`,
    ///     `registry:HKEY_LOCAL_MACHINE\SOFTWARE\X|Version` = `REG_SZ:2`, `wmi:root\cimv2:QUERY` = `rows`
    ///     (the plan's reasons print the key an unknown operand needs).
    ///   - failing: steps to assume fail: StepIDs, paths (`group[1]/step[2]`) or names.
    /// - Throws: `ProviderError.invalidArguments(_:)` for a fact that does not read or a step
    ///   that does not exist; `ProviderError.notFound(_:)` for an unknown computer, `ProviderError.unknownObject(_:)` for a package you cannot read.
    public func plan(
        computer: String? = nil, variables: [String: String] = [:], facts: [String: String] = [:], failing: [String] = [],
        advertisementID: String? = nil
    ) throws -> TaskSequencePlan {
        var options: [String: DBusValue] = [:]
        if let computer { options["Computer"] = .string(computer) }
        if let advertisementID { options["AdvertisementID"] = .string(advertisementID) }
        func pairs(_ values: [String: String]) -> DBusValue {
            .dictionary(key: .string, value: .string, values.sorted { $0.key < $1.key }.map { DBusDictionaryEntry(key: .string($0.key), value: .string($0.value)) })
        }
        if !variables.isEmpty { options["Variables"] = pairs(variables) }
        if !facts.isEmpty { options["Facts"] = pairs(facts) }
        if !failing.isEmpty { options["Fail"] = .array(.string, failing.map(DBusValue.string)) }
        return try TaskSequencePlan(reply: client.call(path, ProviderInterface.package, "Plan", [.stringVariantDictionary(options)]))
    }
}
