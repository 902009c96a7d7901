/// Why a plan's input was refused.
public enum PlanningError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A fact whose key names no kind of fact the planner knows.
    case unknownFactKind(key: String)
    /// A fact whose value does not read for its kind; `expected` says what would.
    case badFactValue(key: String, value: String, expected: String)
    /// A `KEY=VALUE` text with no `=` that gives a valid fact.
    case badFactAssignment(String)

    public var description: String {
        switch self {
        case .unknownFactKind(let key):
            "fact '\(key)': the key must start with " + PlanFactKind.allCases.map { "\($0.rawValue):" }.joined(separator: ", ")
        case .badFactValue(let key, let value, let expected):
            "fact '\(key)': value '\(value)' is not \(expected)"
        case .badFactAssignment(let text):
            "fact '\(text)' is not KEY=VALUE with a value its kind takes (e.g. file:C:\\x.txt=exists)"
        }
    }
}
