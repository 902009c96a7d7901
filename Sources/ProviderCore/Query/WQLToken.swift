/// One token of a WQL query, with where it starts.
struct WQLToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case identifier
        case keyword(WQLKeyword)
        /// A quoted string; `value` holds it unescaped.
        case string
        case number
        /// `*`, `,`, `(`, `)` and the comparison operators.
        case symbol
        case end
    }

    var kind: Kind
    /// The token as written (a string with its quotes).
    var text: String
    /// The string's contents for strings, else `text`.
    var value: String
    /// 1-based character position of the token's first character.
    var position: Int

    /// How errors name the token.
    var displayText: String { kind == .end ? "end of query" : text }

    func isSymbol(_ symbol: String) -> Bool { kind == .symbol && text == symbol }
    func isKeyword(_ keyword: WQLKeyword) -> Bool { kind == .keyword(keyword) }
}

/// The reserved words of the WQL the provider accepts (case-insensitive).
enum WQLKeyword: String, Sendable, CaseIterable {
    case select = "SELECT", from = "FROM", `where` = "WHERE", order = "ORDER", by = "BY"
    case asc = "ASC", desc = "DESC", and = "AND", or = "OR", not = "NOT", like = "LIKE"
    case `is` = "IS", null = "NULL", isa = "ISA", `true` = "TRUE", `false` = "FALSE", `in` = "IN"

    init?(word: String) {
        self.init(rawValue: word.uppercased())
    }
}
