/// ASCII helpers for WQL, whose names, numbers and case folding are ASCII-only (as SQLite's
/// `NOCASE`, `LIKE` and `lower()` are).
extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
    var isWQLIdentifierStart: Bool { (isASCII && isLetter) || self == "_" }
    var isWQLIdentifierPart: Bool { isWQLIdentifierStart || isASCIIDigit }

    /// The character with ASCII letters lowercased, as SQLite's `lower()` does.
    var asciiLowercased: Character {
        guard isASCII, isUppercase else { return self }
        return Character(lowercased())
    }
}
