/// A WQL `LIKE` pattern as its parts — `%` any run, `_` any one character, literal characters,
/// `[abc]`, `[a-c]` and `[^a]` sets — which each engine matches in its own way, without regard
/// to (ASCII) case.
public struct QueryPattern: Sendable, Hashable {
    /// One part of a pattern.
    public enum Element: Sendable, Hashable {
        case anyRun
        case anyOne
        case literal(Character)
        case set(negated: Bool, members: [SetMember])
    }

    /// A member of a character set.
    public enum SetMember: Sendable, Hashable {
        case character(Character)
        case range(Character, Character)
    }

    public var elements: [Element]

    public init(elements: [Element]) {
        self.elements = elements
    }

    /// Whether the pattern has character sets, which `LIKE` cannot express.
    public var hasSets: Bool {
        elements.contains { if case .set = $0 { true } else { false } }
    }
}
