import ProviderStore

/// A WQL `LIKE` pattern — `%` any run, `_` any one character, `[abc]`, `[a-c]` and `[^a]` sets —
/// parsed into the parts each engine's renderer matches (``QueryPattern``).
///
/// WQL compares without regard to case. A set of one character stands for that character:
/// `[%]` matches a literal `%`.
struct LikePattern: Sendable, Equatable {
    typealias Element = QueryPattern.Element
    typealias SetMember = QueryPattern.SetMember

    let elements: [Element]

    /// Parses `pattern`; `position` is where its literal starts in the query, for errors.
    init(parsing pattern: String, position: Int) throws {
        let characters = Array(pattern)
        var elements: [Element] = []
        var offset = 0
        while offset < characters.count {
            let character = characters[offset]
            offset += 1
            switch character {
            case "%": elements.append(.anyRun)
            case "_": elements.append(.anyOne)
            case "[":
                let start = offset - 1
                var negated = false
                if offset < characters.count, characters[offset] == "^" {
                    negated = true
                    offset += 1
                }
                var members: [SetMember] = []
                var closed = false
                var first = true
                while offset < characters.count {
                    let member = characters[offset]
                    if member == "]", !first {
                        closed = true
                        offset += 1
                        break
                    }
                    first = false
                    if offset + 2 < characters.count, characters[offset + 1] == "-", characters[offset + 2] != "]" {
                        members.append(.range(member, characters[offset + 2]))
                        offset += 3
                    } else {
                        members.append(.character(member))
                        offset += 1
                    }
                }
                guard closed else {
                    // The literal's quote, then the pattern (exact when no escapes come before).
                    throw ProviderError.invalidQuery(token: String(characters[start...]), position: position + 1 + start,
                                                     message: "unterminated [ in the LIKE pattern; expected ] to close the character set")
                }
                if !negated, members.count == 1, case .character(let only) = members[0] {
                    elements.append(.literal(only))
                } else {
                    elements.append(.set(negated: negated, members: members))
                }
            default:
                elements.append(.literal(character))
            }
        }
        self.elements = elements
    }

    /// The pattern as the store matches it.
    var pattern: QueryPattern {
        QueryPattern(elements: elements)
    }
}
