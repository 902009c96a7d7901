extension String {
    /// `contains("%")` — whether the text may name a `%Variable%` — answered from the UTF-8
    /// bytes when there is no `%` at all (nearly every value), since the character search walks
    /// grapheme clusters.
    package var containsPercentSign: Bool {
        guard utf8.contains(0x25) else { return false }
        return contains("%")
    }

    /// `lowercased().contains(word)` for a lowercase ASCII `word` written between `%` signs
    /// (`%scriptroot%`): on the bytes when the text is ASCII, where a `%` always starts and ends
    /// a character, so matching bytes is matching characters.
    package func containsIgnoringCase(percentDelimited word: String) -> Bool {
        guard containsPercentSign else { return false }
        let outcome = utf8.withContiguousStorageIfAvailable { text -> Bool? in
            guard !text.contains(where: { $0 >= 0x80 }) else { return nil }
            let pattern = Array(word.utf8)
            guard let first = pattern.first, text.count >= pattern.count else { return false }
            var start = 0
            while start + pattern.count <= text.count {
                if text[start] == first, (1..<pattern.count).allSatisfy({ text[start + $0] | (text[start + $0] &- 0x41 < 26 ? 0x20 : 0) == pattern[$0] }) {
                    return true
                }
                start += 1
            }
            return false
        }
        return (outcome ?? nil) ?? lowercased().contains(word)
    }
}
