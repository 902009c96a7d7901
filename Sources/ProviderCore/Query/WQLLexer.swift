/// Splits WQL text into tokens.
///
/// Strings are quoted with `'` or `"`; inside, a backslash escapes a quote or a backslash (as
/// WMI's WQL does) and a doubled quote stands for one (as SQL writes it). Any other backslash is
/// kept, so `'C:\Windows'` means what it says.
struct WQLLexer {
    private let characters: [Character]
    private var offset = 0

    init(_ text: String) {
        characters = Array(text)
    }

    /// Every token of the text, ending with an `.end` token.
    static func tokens(of text: String) throws -> [WQLToken] {
        var lexer = WQLLexer(text)
        var tokens: [WQLToken] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private mutating func next() throws -> WQLToken {
        while offset < characters.count, characters[offset].isWhitespace { offset += 1 }
        let start = offset
        guard offset < characters.count else {
            return WQLToken(kind: .end, text: "", value: "", position: start + 1)
        }
        let character = characters[offset]
        if character.isWQLIdentifierStart {
            while offset < characters.count, characters[offset].isWQLIdentifierPart { offset += 1 }
            let word = String(characters[start..<offset])
            let kind: WQLToken.Kind = WQLKeyword(word: word).map { .keyword($0) } ?? .identifier
            return WQLToken(kind: kind, text: word, value: word, position: start + 1)
        }
        if character.isASCIIDigit || (character == "-" && offset + 1 < characters.count && characters[offset + 1].isASCIIDigit) {
            return try number()
        }
        if character == "'" || character == "\"" {
            return try string(quote: character)
        }
        for symbol in ["<>", "!=", "<=", ">=", "=", "<", ">", "*", ",", "(", ")"] where matches(symbol) {
            offset += symbol.count
            return WQLToken(kind: .symbol, text: symbol, value: symbol, position: start + 1)
        }
        throw ProviderError.invalidQuery(token: String(character), position: start + 1,
                                         message: "unexpected character; expected a keyword, a property name, a literal or an operator")
    }

    private func matches(_ symbol: String) -> Bool {
        let wanted = Array(symbol)
        guard offset + wanted.count <= characters.count else { return false }
        return Array(characters[offset..<offset + wanted.count]) == wanted
    }

    private mutating func number() throws -> WQLToken {
        let start = offset
        if characters[offset] == "-" { offset += 1 }
        while offset < characters.count, characters[offset].isASCIIDigit { offset += 1 }
        if offset + 1 < characters.count, characters[offset] == ".", characters[offset + 1].isASCIIDigit {
            offset += 1
            while offset < characters.count, characters[offset].isASCIIDigit { offset += 1 }
        }
        if offset < characters.count, characters[offset].isWQLIdentifierPart {
            // `12abc` is neither a number nor a name.
            while offset < characters.count, characters[offset].isWQLIdentifierPart { offset += 1 }
            let text = String(characters[start..<offset])
            throw ProviderError.invalidQuery(token: text, position: start + 1, message: "malformed number")
        }
        let text = String(characters[start..<offset])
        return WQLToken(kind: .number, text: text, value: text, position: start + 1)
    }

    private mutating func string(quote: Character) throws -> WQLToken {
        let start = offset
        offset += 1
        var value = ""
        while offset < characters.count {
            let character = characters[offset]
            if character == "\\", offset + 1 < characters.count, [quote, "\\"].contains(characters[offset + 1]) {
                value.append(characters[offset + 1])
                offset += 2
            } else if character == quote {
                if offset + 1 < characters.count, characters[offset + 1] == quote {
                    value.append(quote)
                    offset += 2
                } else {
                    offset += 1
                    return WQLToken(kind: .string, text: String(characters[start..<offset]), value: value, position: start + 1)
                }
            } else {
                value.append(character)
                offset += 1
            }
        }
        throw ProviderError.invalidQuery(token: String(characters[start...].prefix(20)), position: start + 1,
                                         message: "unterminated string; expected a closing \(quote)")
    }
}
