import GRDB

/// A WQL `LIKE` pattern — `%` any run, `_` any one character, `[abc]`, `[a-c]` and `[^a]` sets —
/// and the SQLite condition that matches it.
///
/// WQL compares without regard to case. A pattern without sets becomes SQLite's `LIKE` (which
/// folds ASCII case); one with sets becomes `GLOB` on the lowercased value with a lowercased
/// pattern. Either way only ASCII letters fold, as in the provider's other string comparisons.
/// A set of one character stands for that character: `[%]` matches a literal `%`.
struct LikePattern: Sendable, Equatable {
    enum Element: Sendable, Equatable {
        case anyRun
        case anyOne
        case literal(Character)
        case set(negated: Bool, members: [SetMember])
    }

    enum SetMember: Sendable, Equatable {
        case character(Character)
        case range(Character, Character)
    }

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

    /// The condition that holds when `subject` matches.
    func condition(on subject: SQL) -> SQL {
        let hasSets = elements.contains { if case .set = $0 { true } else { false } }
        if hasSets {
            return "lower(\(subject)) GLOB \(globPattern)"
        }
        return "\(subject) LIKE \(likePattern) ESCAPE '\\'"
    }

    /// The pattern for SQLite `LIKE … ESCAPE '\'`.
    var likePattern: String {
        var result = ""
        for element in elements {
            switch element {
            case .anyRun: result += "%"
            case .anyOne: result += "_"
            case .literal(let character):
                if "%_\\".contains(character) { result += "\\" }
                result.append(character)
            case .set:
                break  // patterns with sets use GLOB
            }
        }
        return result
    }

    /// The pattern for SQLite `GLOB`, lowercased, to match a lowercased value.
    var globPattern: String {
        var result = ""
        for element in elements {
            switch element {
            case .anyRun: result += "*"
            case .anyOne: result += "?"
            case .literal(let character):
                let lowered = character.asciiLowercased
                result += "*?[".contains(lowered) ? "[\(lowered)]" : String(lowered)
            case .set(let negated, let members):
                result += Self.globSet(negated: negated, members: members)
            }
        }
        return result
    }

    /// A GLOB set: `]` goes first, `^` anywhere but first, `-` last, so each stays literal.
    private static func globSet(negated: Bool, members: [SetMember]) -> String {
        var body = ""
        var closing = false, caret = false, dash = false
        for member in members {
            switch member {
            case .character(let character):
                switch character.asciiLowercased {
                case "]": closing = true
                case "^": caret = true
                case "-": dash = true
                case let other: body.append(other)
                }
            case .range(let low, let high):
                body += "\(low.asciiLowercased)-\(high.asciiLowercased)"
            }
        }
        var inside = (closing ? "]" : "") + body
        if caret {
            if inside.isEmpty, !negated {
                // A leading ^ would negate the set: lead with the dash, or drop the set.
                guard dash else { return "^" }
                inside = "-^"
                dash = false
            } else {
                inside += "^"
            }
        }
        if dash { inside += "-" }
        return "[" + (negated ? "^" : "") + inside + "]"
    }
}
