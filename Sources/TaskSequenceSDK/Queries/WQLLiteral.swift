extension ProviderClient {
    /// `text` as a WQL string literal, in quotes with quotes and backslashes escaped: for
    /// building queries from values (`"Name = " + ProviderClient.wqlString(name)`).
    public static func wqlString(_ text: String) -> String {
        var literal = "'"
        for character in text {
            if character == "'" || character == "\\" { literal.append("\\") }
            literal.append(character)
        }
        return literal + "'"
    }

    /// `text` as a LIKE pattern that matches it literally: `%`, `_` and `[` are put in brackets
    /// (WQL's escape), so `50%` finds "50%" and not "500".
    static func wqlLikeLiteral(_ text: String) -> String {
        var pattern = ""
        for character in text {
            if character == "%" || character == "_" || character == "[" { pattern += "[\(character)]" } else { pattern.append(character) }
        }
        return pattern
    }
}
