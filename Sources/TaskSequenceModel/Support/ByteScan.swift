/// Byte tests for the scans that look through long UTF-8 values eight bytes at a time (a
/// `UInt64` loaded from the text) — the `%` search, JSON escaping, case-insensitive name
/// lookups — and the ASCII case folding they share.
package enum ByteScan {
    package static let ones: UInt64 = 0x0101_0101_0101_0101
    package static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Whether any of the eight bytes of `word` is `byte`.
    @inline(__always)
    package static func word(_ word: UInt64, contains byte: UInt8) -> Bool {
        let matches = word ^ (ones &* UInt64(byte))
        return (matches &- ones) & ~matches & highBits != 0
    }

    /// Whether any of the eight bytes of `word` is below `limit` (at most 0x80).
    @inline(__always)
    package static func word(_ word: UInt64, hasByteBelow limit: UInt8) -> Bool {
        (word &- ones &* UInt64(limit)) & ~word & highBits != 0
    }

    /// `byte` with an ASCII capital letter made small; any other byte as it is.
    @inline(__always)
    package static func foldedASCII(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
    }
}
