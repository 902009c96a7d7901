#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TaskSequenceModel

/// A CDATA section whose content libxml2 is not given to parse: ``SafeXMLParser`` feeds it only
/// the section's line breaks and hands the content to libxml2's tree itself when the section
/// ends.
///
/// libxml2 2.9 reads a CDATA section a character at a time through `xmlCurrentChar`, about 80
/// instructions a byte: an object.xml whose sequence is a CDATA section of 100 KiB spent half of
/// its import there. The content of a section needs no parsing — only checking that every
/// character is one XML allows, which ``sections(in:minimumLength:)`` does itself (about two
/// instructions a byte for ASCII) before it hollows a section. Line breaks are kept, so every
/// line number libxml2 reports stays right; a parse that fails is parsed again without hollowing,
/// so its error's column is libxml2's own.
struct HollowedCDATA {
    /// Where the content starts and ends in the document's bytes (between `<![CDATA[` and `]]>`).
    var content: Range<Int>
    /// How many line breaks the content holds (CR LF, CR and LF each count one, as libxml2 reads them).
    var lineBreaks: Int
    /// Whether the content holds a CR, which libxml2 reads as LF.
    var hasCarriageReturn: Bool
    /// Where the section ends (just past `]]>`) in the bytes libxml2 is fed.
    var endInFedBytes: Int

    /// Sections shorter than this are left to libxml2: hollowing one costs a callback.
    static let defaultMinimumLength = 256
    /// Sections longer than this are left to libxml2, which refuses them (`XML_MAX_TEXT_LENGTH`).
    static let maximumLength = 10_000_000

    /// The CDATA sections of `bytes` worth hollowing, in document order; none when the document
    /// may not be UTF-8 (a byte-order mark of UTF-16, or a declaration naming another encoding).
    /// Comments and PIs are skipped as libxml2 skips them; a section that is not closed, or holds
    /// a character XML does not allow, is left for libxml2 to report.
    static func sections(in bytes: UnsafeRawBufferPointer, embeddedText: Bool, minimumLength: Int = defaultMinimumLength) -> [HollowedCDATA] {
        // Most documents hold no CDATA at all: one vectorised search says so.
        guard bytes.count >= minimumLength, containsCDATA(bytes),
              embeddedText || isUTF8(bytes), let base = bytes.baseAddress else { return [] }
        var found: [HollowedCDATA] = []
        var removed = 0
        var index = 0
        while index < bytes.count, let hit = memchr(base + index, Int32(UInt8(ascii: "<")), bytes.count - index) {
            let open = base.distance(to: UnsafeRawPointer(hit))
            let rest = bytes[open...]
            if rest.starts(with: Self.commentStart) {
                guard let end = firstIndex(of: Self.commentEnd, in: bytes, from: open + 4) else { break }
                index = end + 3
            } else if rest.starts(with: Self.piStart) {
                guard let end = firstIndex(of: Self.piEnd, in: bytes, from: open + 2) else { break }
                index = end + 2
            } else if rest.starts(with: Self.cdataStart) {
                let start = open + Self.cdataStart.count
                guard let end = firstIndex(of: Self.cdataEnd, in: bytes, from: start) else { break }
                index = end + 3
                guard end - start >= minimumLength, end - start <= maximumLength, let breaks = lineBreaks(inCharacters: bytes, start..<end) else { continue }
                let fedLength = breaks.count
                removed += (end - start) - fedLength
                found.append(HollowedCDATA(content: start..<end, lineBreaks: breaks.count, hasCarriageReturn: breaks.hasCarriageReturn,
                                           endInFedBytes: end + 3 - removed))
            } else if rest.starts(with: Self.doctypeStart) {
                break  // Refused by the parser; nothing after it matters.
            } else {
                index = open + 1
            }
        }
        return found
    }

    /// The content as libxml2 would have read it: `bytes[content]`, with CR LF and CR as LF.
    func withContent<Result>(in bytes: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        let raw = UnsafeRawBufferPointer(rebasing: bytes[content])
        guard hasCarriageReturn else { return body(raw) }
        var normalized: [UInt8] = []
        normalized.reserveCapacity(raw.count)
        var index = 0
        while index < raw.count {
            let byte = raw[index]
            if byte == 0x0D {
                normalized.append(0x0A)
                if index + 1 < raw.count, raw[index + 1] == 0x0A { index += 1 }
            } else {
                normalized.append(byte)
            }
            index += 1
        }
        return normalized.withUnsafeBytes(body)
    }

    private static let commentStart = Array("<!--".utf8), commentEnd = Array("-->".utf8)
    private static let piStart = Array("<?".utf8), piEnd = Array("?>".utf8)
    private static let cdataStart = Array("<![CDATA[".utf8), cdataEnd = Array("]]>".utf8)
    private static let doctypeStart = Array("<!DOCTYPE".utf8), declarationStart = Array("<?xml".utf8)

    /// Where `pattern` first occurs at or after `start`.
    private static func firstIndex(of pattern: [UInt8], in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        pattern.withUnsafeBytes { ByteScan.firstOffset(of: $0, in: bytes, from: start) }
    }

    /// Whether `<![CDATA[` occurs anywhere: found by its `[`, which markup rarely holds
    /// elsewhere, rather than by its `<`, which starts every tag.
    private static func containsCDATA(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var index = 2
        while index < bytes.count, let hit = memchr(base + index, Int32(UInt8(ascii: "[")), bytes.count - index) {
            let bracket = base.distance(to: UnsafeRawPointer(hit))
            if bracket + 7 <= bytes.count, memcmp(base + bracket - 2, cdataStart, cdataStart.count) == 0 { return true }
            index = bracket + 1
        }
        return false
    }

    /// Whether libxml2 reads `bytes` as UTF-8: no UTF-16 byte-order mark or `<` in two bytes, and
    /// a declaration that names no encoding or UTF-8.
    private static func isUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        guard bytes.count - start >= 2, bytes[start] != 0, bytes[start + 1] != 0, bytes[start] != 0xFE, bytes[start] != 0xFF else { return false }
        let rest = bytes[start...]
        guard rest.starts(with: Self.declarationStart) else { return true }
        guard let end = firstIndex(of: piEnd, in: bytes, from: start) else { return false }
        let declaration = String(decoding: bytes[start..<end], as: UTF8.self).lowercased()
        guard let encoding = declaration.range(of: "encoding") else { return true }
        let value = declaration[encoding.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\"" || $0 == "'" }
        return value.hasPrefix("utf-8") || value.hasPrefix("utf8")
    }

    /// The line breaks of `range`, or `nil` when it holds a byte sequence that is not UTF-8 or
    /// a character outside XML's `Char` production (what libxml2 would refuse).
    private static func lineBreaks(inCharacters bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> (count: Int, hasCarriageReturn: Bool)? {
        var count = 0, hasCarriageReturn = false
        var index = range.lowerBound
        let end = range.upperBound
        while index < end {
            index = ByteScan.skippingPrintableASCII(in: bytes, from: index, to: end)
            guard index < end else { break }
            let byte = bytes[index]
            if byte >= 0x20, byte < 0x80 { index += 1; continue }
            switch byte {
            case 0x0A:
                count += 1
                index += 1
            case 0x0D:
                count += 1
                hasCarriageReturn = true
                index += (index + 1 < end && bytes[index + 1] == 0x0A) ? 2 : 1
            case 0x09:
                index += 1
            case 0xC2...0xDF:
                guard index + 1 < end, isContinuation(bytes[index + 1]) else { return nil }
                index += 2
            case 0xE0...0xEF:
                guard index + 2 < end, isContinuation(bytes[index + 1]), isContinuation(bytes[index + 2]) else { return nil }
                let scalar = (UInt32(byte & 0x0F) << 12) | (UInt32(bytes[index + 1] & 0x3F) << 6) | UInt32(bytes[index + 2] & 0x3F)
                // Overlong forms, UTF-16 surrogates and U+FFFE/U+FFFF are not XML characters.
                guard scalar >= 0x800, !(0xD800...0xDFFF).contains(scalar), scalar <= 0xFFFD else { return nil }
                index += 3
            case 0xF0...0xF4:
                guard index + 3 < end, isContinuation(bytes[index + 1]), isContinuation(bytes[index + 2]), isContinuation(bytes[index + 3]) else { return nil }
                let scalar = (UInt32(byte & 0x07) << 18) | (UInt32(bytes[index + 1] & 0x3F) << 12)
                    | (UInt32(bytes[index + 2] & 0x3F) << 6) | UInt32(bytes[index + 3] & 0x3F)
                guard (0x10000...0x10FFFF).contains(scalar) else { return nil }
                index += 4
            default:
                return nil
            }
        }
        return (count, hasCarriageReturn)
    }

    private static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }
}
