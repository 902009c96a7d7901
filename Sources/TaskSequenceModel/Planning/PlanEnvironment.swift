/// The variables while a plan walks the sequence: values it knows with their source and
/// masking, and names whose value it cannot know (set by a step that may or may not run, or by
/// the engine itself).
struct PlanEnvironment: Sendable {
    /// What a variable is at one point of the walk.
    enum State: Sendable, Equatable {
        case set(value: String, source: PlanVariableSource, isMasked: Bool)
        case unset
        /// The value cannot be known; `reason` says why and what would decide it.
        case unknown(reason: String)
    }

    private(set) var values = VariableEnvironment()
    private var origins: [String: (source: PlanVariableSource, isMasked: Bool)] = [:]
    private var unknowns: [String: (name: String, reason: String)] = [:]

    init(_ variables: [ResolvedVariable]) {
        for variable in variables { set(variable.name, to: variable.value, source: variable.source, isMasked: variable.isMasked) }
    }

    mutating func set(_ name: String, to value: String, source: PlanVariableSource, isMasked: Bool) {
        let key = name.lowercased()
        unknowns[key] = nil
        values[name] = value
        origins[key] = value.isEmpty ? nil : (source, isMasked)
    }

    mutating func markUnknown(_ name: String, reason: String) {
        let key = name.lowercased()
        values[name] = nil
        origins[key] = nil
        unknowns[key] = (name, reason)
    }

    func state(of name: String) -> State {
        let key = name.lowercased()
        if let unknown = unknowns[key] { return .unknown(reason: unknown.reason) }
        if let value = values[name], let origin = origins[key] {
            return .set(value: value, source: origin.source, isMasked: origin.isMasked)
        }
        // The engine's read-only names no layer gave: only the machine knows them.
        if Self.isEngineVariable(name) { return .unknown(reason: Self.engineReason(name)) }
        return .unset
    }

    /// `_SMS…`, `_OSD…` and `_TS…`: the read-only variables the engine and its steps set
    /// (`_SMSTSInWinPE`, `_OSDDetectedWinDir`, `_TS_CRMEMORY` …). Other `%_x%` text, such as a
    /// WQL LIKE pattern, is left alone as the engine leaves it.
    static func isEngineVariable(_ name: String) -> Bool {
        let upper = name.uppercased()
        return ["_SMS", "_OSD", "_TS"].contains { upper.hasPrefix($0) }
    }

    static func engineReason(_ name: String) -> String {
        let lowered = name.lowercased()
        if lowered == PlanVariableName.lastActionSucceeded.lowercased() || lowered == PlanVariableName.lastActionName.lowercased() {
            return "\(name) is unknown: no step ran before this one in the plan"
        }
        return "\(name) is set by the engine at run time — supply --var \(name)=VALUE"
    }

    /// The first variable `texts` refer to (`%Name%`) whose value is unknown, with the reason.
    func unknownReference(in texts: [String]) -> (name: String, reason: String)? {
        for text in texts {
            for name in text.variableReferences {
                if case .unknown(let reason) = state(of: name) { return (name, reason) }
            }
        }
        return nil
    }

    /// The first masked variable `texts` refer to.
    func maskedReference(in texts: [String]) -> String? {
        for text in texts {
            for name in text.variableReferences {
                if case .set(_, _, true) = state(of: name) { return name }
            }
        }
        return nil
    }

    /// `text` expanded for display: masked variables stay `%Name%`.
    func expandingForDisplay(_ text: String) -> String {
        var visible = values
        for name in values.names where origins[name.lowercased()]?.isMasked == true { visible[name] = nil }
        return visible.expanding(text)
    }

    /// The environment after a step that may or may not have run: `self` if it did not,
    /// `ran` if it did. Names on which the two agree keep their value; the others become
    /// unknown with `reason`.
    func merging(ifRan ran: PlanEnvironment, reason: String) -> PlanEnvironment {
        var result = self
        var names: [String: String] = [:]
        for name in values.names + ran.values.names { names[name.lowercased()] = name }
        for (key, unknown) in unknowns.merging(ran.unknowns, uniquingKeysWith: { old, _ in old }) { names[key] = unknown.name }
        for (_, name) in names {
            let before = state(of: name), after = ran.state(of: name)
            switch (before, after) {
            case (.set(let a, _, let maskedA), .set(let b, let source, let maskedB)) where a == b:
                result.set(name, to: b, source: source, isMasked: maskedA || maskedB)
            case (.unset, .unset):
                break
            case (.unknown, .unknown) where before == after:
                break
            default:
                result.markUnknown(name, reason: reason)
            }
        }
        return result
    }
}

/// Variables the planner keeps up to date as steps run.
enum PlanVariableName {
    static let lastActionSucceeded = "_SMSTSLastActionSucceeded"
    static let lastActionName = "_SMSTSLastActionName"
}
