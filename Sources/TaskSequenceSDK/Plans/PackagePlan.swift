import DBusKit

/// A dry run of a package, as ``PackageHandle/plan(computer:variables:facts:failing:advertisementID:)``
/// returns it: the variables the run starts with and what every step would do.
public struct PackagePlan: Sendable, Hashable {
    /// A starting variable with its winning source.
    public struct Variable: Sendable, Hashable {
        public var name: String
        /// `nil` when masked: masked values never leave the provider.
        public var value: String?
        public var isMasked: Bool
        /// E.g. `computer 'PC1'`, `collection XYZ00010 'Lab'`, `built-in`, `command line`.
        public var source: String
        /// `builtIn`, `collection`, `computer` or `commandLine`.
        public var sourceKind: String
        /// The sources whose values for the name lost, lowest precedence first.
        public var overrides: [String]
    }

    /// A variable two collections set differently.
    public struct Conflict: Sendable, Hashable {
        public var name: String
        public var winner: String
        /// The collections in precedence order; the last wins.
        public var sources: [String]
        public var text: String
    }

    public var environment: [Variable]
    public var conflicts: [Conflict]
    /// Every step and group, in document order, each with its StepID.
    public var steps: [PlannedStep]
    /// `completes`, `fails` or `unknown`.
    public var result: String
    /// The step whose failure ends the run, if any.
    public var failingStep: String?
    /// The outcome in words.
    public var outcomeText: String

    init(reply: [DBusValue]) throws {
        guard reply.count == 4 else { throw Self.unexpected("Plan returned \(reply.count) values, expected 4") }
        func entries(_ value: DBusValue) -> [[String: PropertyValue]] {
            guard case .list(let items) = PropertyValue(value) else { return [] }
            return items.compactMap { if case .dictionary(let entries) = $0 { entries } else { nil } }
        }
        func strings(_ value: PropertyValue?) -> [String] {
            guard case .list(let items)? = value else { return [] }
            return items.map(\.text)
        }
        environment = entries(reply[0]).map { entry in
            Variable(
                name: entry["Name"]?.text ?? "", value: entry["Value"]?.stringValue, isMasked: entry["Masked"]?.boolValue ?? false,
                source: entry["Source"]?.text ?? "", sourceKind: entry["SourceKind"]?.text ?? "", overrides: strings(entry["Overrides"]))
        }
        conflicts = entries(reply[1]).map { entry in
            Conflict(name: entry["Name"]?.text ?? "", winner: entry["Winner"]?.text ?? "", sources: strings(entry["Sources"]), text: entry["Text"]?.text ?? "")
        }
        steps = try entries(reply[2]).map { entry in
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
        guard case .dictionary(let outcome) = PropertyValue(reply[3]) else { throw Self.unexpected("Plan returned no outcome") }
        result = outcome["Result"]?.text ?? ""
        failingStep = outcome["Step"].map(\.text).flatMap { $0.isEmpty ? nil : $0 }
        outcomeText = outcome["Text"]?.text ?? ""
    }
}

extension PackagePlan {
    static func unexpected(_ message: String) -> ProviderError {
        .other(name: "org.freedesktop.DBus.Error.Failed", message: message)
    }
}

extension PackageHandle {
    /// A dry run: which steps would run, and why.
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
    ) throws -> PackagePlan {
        var options: [String: DBusValue] = [:]
        if let computer { options["Computer"] = .string(computer) }
        if let advertisementID { options["AdvertisementID"] = .string(advertisementID) }
        func pairs(_ values: [String: String]) -> DBusValue {
            .dictionary(key: .string, value: .string, values.sorted { $0.key < $1.key }.map { DBusDictionaryEntry(key: .string($0.key), value: .string($0.value)) })
        }
        if !variables.isEmpty { options["Variables"] = pairs(variables) }
        if !facts.isEmpty { options["Facts"] = pairs(facts) }
        if !failing.isEmpty { options["Fail"] = .array(.string, failing.map(DBusValue.string)) }
        return try PackagePlan(reply: client.call(path, ProviderInterface.package, "Plan", [.stringVariantDictionary(options)]))
    }
}
