/// Evaluates a step's condition for a plan and says which operands decided it.
///
/// Expressions that test a variable whose value is unknown, or expand one (`%Name%`), are
/// unknown; everything else is evaluated as ``Condition/evaluate(in:facts:)`` does, with the
/// known variables and the supplied facts. Kleene logic keeps the result sound: an unknown
/// operand never turns a known result into a wrong one.
struct PlanConditionEvaluator {
    /// A result and the operands that decided it, as text.
    struct Outcome {
        var value: Evaluation
        var deciding: [String]
    }

    let environment: PlanEnvironment
    let facts: PlanFacts

    func evaluate(_ condition: Condition) -> Outcome {
        all(condition.operands.compactMap(evaluate))
    }

    private func evaluate(_ operand: ConditionOperand) -> Outcome? {
        switch operand {
        case .expression(let expression): evaluate(expression)
        case .operator(let op): evaluate(op)
        case .foreign: nil
        }
    }

    private func evaluate(_ op: ConditionOperator) -> Outcome {
        let children = op.operands.compactMap(evaluate)
        switch op.operatorType.lowercased() {
        case OperatorType.and: return all(children)
        case OperatorType.or: return any(children)
        case OperatorType.not:
            let inner = any(children)
            return Outcome(value: inner.value.negated, deciding: ["NOT(" + inner.deciding.joined(separator: "; ") + ")"])
        default:
            return Outcome(value: .unknown, deciding: ["operator '\(op.operatorType)' is none of and, or, not"])
        }
    }

    /// AND: the first false operand decides; otherwise the unknown ones, or all.
    private func all(_ outcomes: [Outcome]) -> Outcome {
        let value = Evaluation.all(outcomes.map(\.value))
        switch value {
        case .false: return Outcome(value: value, deciding: outcomes.first { $0.value == .false }?.deciding ?? [])
        case .unknown: return Outcome(value: value, deciding: outcomes.filter { $0.value == .unknown }.flatMap(\.deciding))
        case .true: return Outcome(value: value, deciding: outcomes.flatMap(\.deciding))
        }
    }

    /// OR: the first true operand decides; otherwise the unknown ones, or all.
    private func any(_ outcomes: [Outcome]) -> Outcome {
        let value = Evaluation.any(outcomes.map(\.value))
        switch value {
        case .true: return Outcome(value: value, deciding: outcomes.first { $0.value == .true }?.deciding ?? [])
        case .unknown: return Outcome(value: value, deciding: outcomes.filter { $0.value == .unknown }.flatMap(\.deciding))
        case .false: return Outcome(value: value, deciding: outcomes.flatMap(\.deciding))
        }
    }

    private func evaluate(_ expression: ConditionExpression) -> Outcome {
        let text = expression.text
        if expression.className.equalsIgnoringCase(ConditionClass.variable) {
            let name = String((expression["Variable"] ?? "").trimmingSpaces)
            if case .unknown(let reason) = environment.state(of: name) {
                return Outcome(value: .unknown, deciding: ["\(text) — \(reason)"])
            }
            if let unknown = environment.unknownReference(in: expression.expandedTexts) {
                return Outcome(value: .unknown, deciding: ["\(text) — uses %\(unknown.name)%: \(unknown.reason)"])
            }
            let value = expression.evaluate(in: environment.values, facts: facts)
            return Outcome(value: value, deciding: ["\(text) (\(describe(name)))"])
        }
        if let unknown = environment.unknownReference(in: expression.expandedTexts) {
            return Outcome(value: .unknown, deciding: ["\(text) — uses %\(unknown.name)%: \(unknown.reason)"])
        }
        let value = expression.evaluate(in: environment.values, facts: facts)
        let masked = environment.maskedReference(in: expression.expandedTexts)
        guard let suggestion = expression.factSuggestion(expand: environment.expandingForDisplay) else {
            return Outcome(value: value, deciding: [text])
        }
        if value == .unknown {
            var advice = "supply --fact \(Self.shellQuoted(suggestion.key + "=" + suggestion.example)) (or \(suggestion.alternative))"
            if let masked { advice += "; %\(masked)% is masked: write its value in the key yourself" }
            return Outcome(value: .unknown, deciding: ["\(text) — \(advice)"])
        }
        return Outcome(value: value, deciding: ["\(text) (from --fact \(suggestion.key))"])
    }

    /// `text` in single quotes for a POSIX shell, so the advice can be pasted as it is (an inner
    /// `'` becomes `'\''`).
    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingAll("'", with: "'\\''") + "'"
    }

    /// `value: true, from built-in`, `value: (masked), from computer 'PC1'`, `not set`.
    private func describe(_ name: String) -> String {
        switch environment.state(of: name) {
        case .set(let value, let source, let isMasked): "value: \(isMasked ? PlanText.masked : value), from \(source)"
        case .unset: "not set"
        case .unknown(let reason): reason
        }
    }
}
