
extension String {
    /// The first occurrence of `needle`, an ASCII text, at or after `start`, found in the UTF-8
    /// bytes (`ByteScan.firstOffset`) rather than `Character` by `Character`: `firstRange(of:)` compares
    /// grapheme clusters, ~40 instructions a character, and the rules of a Gather step run to
    /// tens of kilobytes. An ASCII needle starts and ends on scalar boundaries, so the range's
    /// bounds are valid indices into the string.
    package func firstRange(ofASCII needle: StaticString, from start: Index) -> Range<Index>? {
        let bytes = utf8
        let offset = bytes.distance(from: bytes.startIndex, to: start)
        let found: Int?? = bytes.withContiguousStorageIfAvailable { buffer in
            Self.offset(of: needle, in: buffer, from: offset)
        }
        guard let match = found ?? Array(bytes).withUnsafeBufferPointer({ Self.offset(of: needle, in: $0, from: offset) }) else { return nil }
        let lower = bytes.index(bytes.startIndex, offsetBy: match)
        return lower..<bytes.index(lower, offsetBy: needle.utf8CodeUnitCount)
    }

    private static func offset(of needle: StaticString, in buffer: UnsafeBufferPointer<UInt8>, from offset: Int) -> Int? {
        ByteScan.firstOffset(of: UnsafeRawBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount),
                             in: UnsafeRawBufferPointer(buffer), from: offset)
    }
}
