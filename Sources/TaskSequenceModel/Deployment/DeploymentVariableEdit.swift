/// Applies a change to the variables of one collection or computer, by the rules of §9 and the
/// write-only rule of masked values.
public struct DeploymentVariableEdit: Sendable {
    /// Where the variables live, for messages (`collection PS100010`).
    public let owner: String
    /// The most variables the owner may hold (1,000 on a computer), `nil` for no limit.
    public let limit: Int?

    public init(owner: String, limit: Int?) {
        self.owner = owner
        self.limit = limit
    }

    /// A problem with a variable edit; `property` names what was wrong.
    public struct Violation: Error, Equatable, Sendable {
        public let property: String
        public let rule: String
        /// Whether the owner already holds its limit.
        public let isLimit: Bool
    }

    /// `stored` with `variable` set (added, or replacing the one of the same name without
    /// case). Sending back an empty value for a masked variable keeps the stored value, as a
    /// client that read it saw it empty; an empty value on an unmasked one is stored as empty.
    /// The name keeps its first spelling.
    public func setting(_ variable: DeploymentVariable, in stored: [DeploymentVariable]) throws(Violation) -> [DeploymentVariable] {
        if let problem = DeploymentVariableRules.problem(withName: variable.name) {
            throw Violation(property: "Name", rule: problem, isLimit: false)
        }
        if let problem = DeploymentVariableRules.problem(withValue: variable.value) {
            throw Violation(property: "Value", rule: "\(variable.name): \(problem)", isLimit: false)
        }
        var result = stored
        if let index = result.firstIndex(where: { $0.name.equalsIgnoringCase(variable.name) }) {
            let previous = result[index]
            var updated = DeploymentVariable(name: previous.name, value: variable.value, isMasked: variable.isMasked)
            if variable.isMasked, previous.isMasked, variable.value.isEmpty { updated.value = previous.value }
            result[index] = updated
            return result
        }
        if let limit, stored.count >= limit {
            throw Violation(property: "Variables", rule: "\(owner) already holds \(stored.count) variables, the most one computer may hold (\(limit)); remove one first", isLimit: true)
        }
        result.append(variable)
        return result
    }

    /// `stored` without the variable named `name` (without case); throws when there is none.
    public func removing(_ name: String, from stored: [DeploymentVariable]) throws(Violation) -> [DeploymentVariable] {
        guard let index = stored.firstIndex(where: { $0.name.equalsIgnoringCase(name) }) else {
            throw Violation(property: "Name", rule: "\(owner) has no variable \(name)", isLimit: false)
        }
        var result = stored
        result.remove(at: index)
        return result
    }
}
