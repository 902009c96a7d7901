/// Proves that a condition can never be true, from the variable tests it ANDs together.
///
/// Within one AND (the condition's own operands, `and` operators inside it, and `not` over a
/// single variable test, read as the opposite test) each variable's tests are gathered; the
/// condition is never true when they contradict:
/// - `X equals a` and `X equals b` with a ≠ b (values compare without regard to case, as the
///   engine compares them);
/// - `X equals a` and `X notEquals a`;
/// - `X notExists` and any other test of X that needs X to exist;
/// - numeric bounds that leave no value (`X greater 5` and `X less 3`, `X equals 7` and
///   `X less 7`).
/// An `or` is never true when each of its operands is never true on its own. Nothing else is
/// claimed: file, registry and WMI tests are taken to be satisfiable.
struct ConditionContradictions {
    /// The first contradiction found, as `X equals "a" AND X equals "b"`, or `nil`.
    static func contradiction(in condition: Condition) -> String? {
        var scope = Scope()
        return scope.add(condition.operands)
    }

    /// The tests of one AND, per lowercased variable name.
    fileprivate struct Scope {
        struct Tests {
            var name: String
            var equals: [String] = []
            var notEquals: [String] = []
            var exists = false
            var notExists = false
            var lower: (value: Int64, inclusive: Bool, text: String)?
            var upper: (value: Int64, inclusive: Bool, text: String)?
            var texts: [String] = []
        }

        var tests: [String: Tests] = [:]

        /// Adds operands ANDed together; returns a contradiction once there is one.
        mutating func add(_ operands: [ConditionOperand]) -> String? {
            for operand in operands {
                if let found = add(operand) { return found }
            }
            return nil
        }

        private mutating func add(_ operand: ConditionOperand) -> String? {
            switch operand {
            case .foreign:
                return nil
            case .expression(let expression):
                return add(expression, negated: false)
            case .operator(let op):
                guard op.kind == .operator else { return nil }
                switch op.operatorType.lowercased() {
                case OperatorType.and:
                    return add(op.operands)
                case OperatorType.or:
                    let children = op.operands.filter(\.isOperand)
                    guard !children.isEmpty else { return nil }
                    var reasons: [String] = []
                    for child in children {
                        var alone = Scope()
                        guard let reason = alone.add([child]) else { return nil }
                        reasons.append(reason)
                    }
                    return reasons.joined(separator: "; and ")
                case OperatorType.not:
                    let children = op.operands.filter(\.isOperand)
                    guard children.count == 1, case .expression(let expression) = children[0] else { return nil }
                    return add(expression, negated: true)
                default:
                    return nil
                }
            }
        }

        private mutating func add(_ expression: ConditionExpression, negated: Bool) -> String? {
            guard expression.className.equalsIgnoringCase(ConditionClass.variable),
                  let variable = expression["Variable"]?.trimmingSpaces, !variable.isEmpty, !variable.contains("%"),
                  var op = expression["Operator"]?.lowercased()
            else { return nil }
            if negated {
                guard let opposite = Self.opposites[op] else { return nil }
                op = opposite
            }
            let value = (expression["Value"] ?? "").lowercased()
            let key = variable.lowercased()
            var entry = tests[key] ?? Tests(name: String(variable))
            let text = negated ? "NOT(\(expression.text))" : expression.text
            entry.texts.append(text)
            defer { tests[key] = entry }
            switch op {
            case "equals":
                entry.equals.append(value)
                if let number = Int64(value) {
                    entry.tighten(lower: (number, true, text))
                    entry.tighten(upper: (number, true, text))
                }
            case "notequals": entry.notEquals.append(value)
            case "exists": entry.exists = true
            case "notexists": entry.notExists = true
            case "greater", "greaterequal":
                guard let number = Int64(value) else { break }
                entry.tighten(lower: (number, op == "greaterequal", text))
            case "less", "lessequal":
                guard let number = Int64(value) else { break }
                entry.tighten(upper: (number, op == "lessequal", text))
            default:
                break
            }
            return entry.contradiction()
        }

        private static let opposites: [String: String] = [
            "equals": "notequals", "notequals": "equals", "exists": "notexists", "notexists": "exists",
            "greater": "lessequal", "lessequal": "greater", "less": "greaterequal", "greaterequal": "less",
        ]
    }
}

extension ConditionContradictions.Scope.Tests {
    mutating func tighten(lower candidate: (value: Int64, inclusive: Bool, text: String)) {
        guard let current = lower else { lower = candidate; return }
        if candidate.value > current.value || (candidate.value == current.value && !candidate.inclusive) { lower = candidate }
    }

    mutating func tighten(upper candidate: (value: Int64, inclusive: Bool, text: String)) {
        guard let current = upper else { upper = candidate; return }
        if candidate.value < current.value || (candidate.value == current.value && !candidate.inclusive) { upper = candidate }
    }

    /// The tests that cannot all hold, joined with AND, or `nil`.
    func contradiction() -> String? {
        let distinctEquals = Set(equals)
        let needsExistence = !equals.isEmpty || exists || lower != nil || upper != nil
        let contradicts = distinctEquals.count > 1
            || distinctEquals.contains(where: notEquals.contains)
            || (notExists && needsExistence)
            || boundsAreEmpty
        guard contradicts else { return nil }
        return texts.joined(separator: " AND ")
    }

    private var boundsAreEmpty: Bool {
        guard let lower, let upper else { return false }
        if lower.value > upper.value { return true }
        return lower.value == upper.value && !(lower.inclusive && upper.inclusive)
    }
}
