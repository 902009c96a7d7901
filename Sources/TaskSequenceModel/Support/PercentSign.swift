extension String {
    /// `contains("%")` — whether the text may name a `%Variable%` — answered from the UTF-8
    /// bytes when there is no `%` at all (nearly every value), since the character search walks
    /// grapheme clusters.
    package var containsPercentSign: Bool {
        let hasPercentByte = utf8.withContiguousStorageIfAvailable(Self.containsPercentByte) ?? utf8.contains(0x25)
        guard hasPercentByte else { return false }
        return contains("%")
    }

    /// Whether the text has more than `limit` characters, without counting them when its UTF-8
    /// length already settles it (a character is at least one byte): counting walks grapheme
    /// clusters.
    package func hasMoreCharacters(than limit: Int) -> Bool {
        utf8.count > limit && count > limit
    }

    /// Whether the text's character count is within `bounds`, counted only when its UTF-8
    /// length does not settle it.
    package func characterCount(isWithin bounds: ClosedRange<Int>) -> Bool {
        let bytes = utf8.count
        if bytes <= bounds.upperBound, bounds.lowerBound <= min(bytes, 1) { return true }
        return bounds.contains(count)
    }

    /// Whether `bytes` hold a `%`, eight bytes at a time: script values run to kilobytes, and
    /// the byte-by-byte search was a tenth of validating an import.
    private static func containsPercentByte(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        var offset = 0
        while offset + 8 <= bytes.count {
            if ByteScan.word(raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self), contains: 0x25) { return true }
            offset += 8
        }
        while offset < bytes.count {
            if bytes[offset] == 0x25 { return true }
            offset += 1
        }
        return false
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
                if text[start] == first, (1..<pattern.count).allSatisfy({ ByteScan.foldedASCII(text[start + $0]) == pattern[$0] }) {
                    return true
                }
                start += 1
            }
            return false
        }
        return (outcome ?? nil) ?? lowercased().contains(word)
    }
}
