#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

    /// The first index from `start` on (before `end`) where a byte-by-byte check has to look:
    /// runs of eight printable ASCII bytes (0x20–0x7F) are passed over whole, as most scripts
    /// and values are.
    package static func skippingPrintableASCII(in bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Int {
        var index = start
        while index + 8 <= end {
            let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            guard !self.word(word, hasByteBelow: 0x20), word & highBits == 0 else { break }
            index += 8
        }
        return index
    }

    /// Where `pattern` first occurs in `bytes` at or after `start`: `memchr` finds each
    /// candidate by its first byte, `memcmp` checks the rest.
    package static func firstOffset(of pattern: UnsafeRawBufferPointer, in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard let base = bytes.baseAddress, let patternBase = pattern.baseAddress, !pattern.isEmpty, start >= 0 else { return nil }
        let first = Int32(pattern[0])
        var index = start
        while index + pattern.count <= bytes.count, let hit = memchr(base + index, first, bytes.count - index) {
            let candidate = base.distance(to: UnsafeRawPointer(hit))
            guard candidate + pattern.count <= bytes.count else { return nil }
            if memcmp(base + candidate, patternBase, pattern.count) == 0 { return candidate }
            index = candidate + 1
        }
        return nil
    }

    /// `byte` with an ASCII capital letter made small; any other byte as it is.
    @inline(__always)
    package static func foldedASCII(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
    }
}
