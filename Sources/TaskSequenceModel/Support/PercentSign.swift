extension String {
    /// `contains("%")` — whether the text may name a `%Variable%` — answered from the UTF-8
    /// bytes when there is no `%` at all (nearly every value), since the character search walks
    /// grapheme clusters.
    package var containsPercentSign: Bool {
        guard utf8.contains(0x25) else { return false }
        return contains("%")
    }
}
