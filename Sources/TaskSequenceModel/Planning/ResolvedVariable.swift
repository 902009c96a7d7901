/// A variable of the environment a plan starts from: its winning value and where it came from.
public struct ResolvedVariable: Sendable, Hashable {
    /// The name as the winning layer wrote it.
    public var name: String
    /// The value; never show it when ``isMasked`` (use ``displayValue``).
    public var value: String
    public var isMasked: Bool
    /// The layer whose value won.
    public var source: PlanVariableSource
    /// The layers that also gave the name, lowest precedence first, whose values lost.
    public var overrides: [PlanVariableSource]

    /// The value, or `(masked)`.
    public var displayValue: String { isMasked ? PlanText.masked : value }

    public init(name: String, value: String, isMasked: Bool, source: PlanVariableSource, overrides: [PlanVariableSource]) {
        self.name = name
        self.value = value
        self.isMasked = isMasked
        self.source = source
        self.overrides = overrides
    }
}

/// Two or more collections giving one variable different values. The collection whose layer
/// comes later in the planner's list wins (``winner``); the others are listed in order.
public struct PlanConflict: Sendable, Hashable, CustomStringConvertible {
    /// One collection's side of a conflict.
    public struct Candidate: Sendable, Hashable {
        public var source: PlanVariableSource
        /// `nil` when masked.
        public var value: String?

        public init(source: PlanVariableSource, value: String?) {
            self.source = source
            self.value = value
        }
    }

    public var name: String
    /// Every collection that gave the name, in layer order; the last is the winner.
    public var candidates: [Candidate]

    public var winner: PlanVariableSource? { candidates.last?.source }

    public init(name: String, candidates: [Candidate]) {
        self.name = name
        self.candidates = candidates
    }

    /// `OSDLang: collection A 'X' ("de-DE"), collection B 'Y' ("fr-FR"); collection B 'Y' wins (later in precedence order)`.
    public var description: String {
        let sides = candidates.map { "\($0.source) (\($0.value.map { "\"\($0)\"" } ?? PlanText.masked))" }
        return "\(name): " + sides.joined(separator: ", ") + "; \(winner.map(String.init(describing:)) ?? "none") wins (later in precedence order)"
    }
}

/// Fixed words of plan output.
enum PlanText {
    static let masked = "(masked)"
}

extension Array where Element == PlanVariableLayer {
    /// Resolves the layers into one environment: the later layer wins each name; collections
    /// disagreeing about a value are conflicts.
    func resolved() -> (variables: [ResolvedVariable], conflicts: [PlanConflict]) {
        var winners: [String: ResolvedVariable] = [:]
        var order: [String] = []
        var collectionValues: [String: [(source: PlanVariableSource, variable: PlanVariable)]] = [:]
        for layer in self {
            for variable in layer.variables {
                let key = variable.name.lowercased()
                if case .collection = layer.source { collectionValues[key, default: []].append((layer.source, variable)) }
                if var previous = winners[key] {
                    previous.overrides.append(previous.source)
                    winners[key] = ResolvedVariable(
                        name: variable.name, value: variable.value, isMasked: variable.isMasked,
                        source: layer.source, overrides: previous.overrides)
                } else {
                    order.append(key)
                    winners[key] = ResolvedVariable(
                        name: variable.name, value: variable.value, isMasked: variable.isMasked,
                        source: layer.source, overrides: [])
                }
            }
        }
        let conflicts: [PlanConflict] = order.compactMap { key in
            guard let sides = collectionValues[key], sides.count > 1 else { return nil }
            // Masked values differ when their texts do; the texts are never shown.
            let distinct = Set(sides.map { $0.variable.value })
            guard distinct.count > 1 else { return nil }
            return PlanConflict(
                name: sides[sides.count - 1].variable.name,
                candidates: sides.map { .init(source: $0.source, value: $0.variable.isMasked ? nil : $0.variable.value) })
        }
        return (order.compactMap { winners[$0] }, conflicts)
    }
}
