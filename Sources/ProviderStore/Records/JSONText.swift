/// JSON text built as UTF-8 bytes in a buffer of its own and made a `String` once, escaped as
/// Foundation's `JSONEncoder` escapes it with `.withoutEscapingSlashes`.
///
/// Appending to a `String` piece by piece cost about a thousand instructions a value; appending
/// to an `[UInt8]` still cost about 190 a call (`append(contentsOf:)` through its generic
/// paths; 3% of an import's instructions). Here an append is a capacity test and a copy.
/// Not copyable: the buffer is freed once, when the text goes out of scope.
struct JSONText: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = Swift.max(capacity, 32)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deallocate()
    }

    /// The text so far.
    var string: String {
        String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
    }

    /// How many bytes are written so far: where the next one goes.
    var byteCount: Int { count }

    /// A copy of the bytes written at `range` (text needed twice is escaped once).
    mutating func appendCopy(of range: Range<Int>) {
        reserve(range.count)
        (base + count).update(from: base + range.lowerBound, count: range.count)
        count += range.count
    }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(toAtLeast: count + extra) }
    }

    private mutating func grow(toAtLeast needed: Int) {
        let newCapacity = Swift.max(needed, capacity * 2)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    private mutating func appendBytes(_ start: UnsafePointer<UInt8>, _ length: Int) {
        reserve(length)
        (base + count).update(from: start, count: length)
        count += length
    }

    /// `[…,…]`: `elements`, each written by `element`.
    @inline(__always)
    mutating func appendArray<Element>(_ elements: [Element], _ element: (inout JSONText, Element) -> Void) {
        append(byte: UInt8(ascii: "["))
        for index in elements.indices {
            if index > 0 { append(byte: UInt8(ascii: ",")) }
            element(&self, elements[index])
        }
        append(byte: UInt8(ascii: "]"))
    }

    /// `{"name":{"_0":VALUE}}`: an enum case with one unlabelled associated value, as `Codable`
    /// writes it; `value` writes VALUE.
    @inline(__always)
    mutating func appendCase(_ name: StaticString, _ value: (inout JSONText) -> Void) {
        append("{\"")
        append(name)
        append("\":{\"_0\":")
        value(&self)
        append("}}")
    }

    @inline(__always)
    mutating func append(byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ literal: StaticString) {
        appendBytes(literal.utf8Start, literal.utf8CodeUnitCount)
    }

    mutating func append(_ number: Int) {
        if number < 0 { append(byte: UInt8(ascii: "-")) }
        append(unsigned: UInt64(number.magnitude))
    }

    mutating func append(_ number: Int64) {
        if number < 0 { append(byte: UInt8(ascii: "-")) }
        append(unsigned: number.magnitude)
    }

    mutating func append(_ number: UInt32) {
        append(unsigned: UInt64(number))
    }

    mutating func append(_ flag: Bool) {
        append(flag ? "true" : "false")
    }

    /// Decimal digits, as the encoder writes integers, written from the last one back.
    private mutating func append(unsigned number: UInt64) {
        var length = 1
        var rest = number / 10
        while rest > 0 {
            length += 1
            rest /= 10
        }
        reserve(length)
        var remaining = number
        var position = count + length
        repeat {
            position -= 1
            base[position] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: remaining % 10)
            remaining /= 10
        } while remaining > 0
        count += length
    }

    /// `string` quoted and escaped.
    @inline(__always)
    mutating func appendString(_ string: String) {
        // Borrowed, not copied: a native string (every string on Linux) has contiguous UTF-8.
        let done: Void? = string.utf8.withContiguousStorageIfAvailable { appendQuoted($0) }
        if done == nil {
            var string = string
            string.withUTF8 { appendQuoted($0) }
        }
    }

    /// Short strings (most attribute names and values) are tested and copied in registers: a
    /// byte at a time below eight bytes, as two overlapping words up to sixteen. Longer ones are
    /// copied whole first and then tested a word at a time, the last word overlapping the one
    /// before (a step's script or command line is kilobytes of text; a byte-by-byte scan of every
    /// value was a twentieth of an import). From the first byte that needs an escape (a word's
    /// mask says which), the text goes on escaping run by run.
    private mutating func appendQuoted(_ utf8: UnsafeBufferPointer<UInt8>) {
        let length = utf8.count
        reserve(length + 2)
        base[count] = UInt8(ascii: "\"")
        count += 1
        if let source = utf8.baseAddress, let first = copyUntilEscape(source, length) {
            count += first
            appendEscaping(source + first, length - first)
        } else {
            count += length
        }
        base[count] = UInt8(ascii: "\"")
        count += 1
    }

    /// Copies `length` bytes from `source` to the end of the text without counting them, and
    /// says where the first byte that needs an escape is, if any.
    @inline(__always)
    private func copyUntilEscape(_ source: UnsafePointer<UInt8>, _ length: Int) -> Int? {
        let target = base + count
        if length < 8 {
            for index in 0..<length {
                if Self.needsEscape(source[index]) { return index }
                target[index] = source[index]
            }
            return nil
        }
        if length <= 16 {
            let head = UnsafeRawPointer(source).loadUnaligned(as: UInt64.self)
            let tail = UnsafeRawPointer(source + length - 8).loadUnaligned(as: UInt64.self)
            UnsafeMutableRawPointer(target).storeBytes(of: head, as: UInt64.self)
            UnsafeMutableRawPointer(target + length - 8).storeBytes(of: tail, as: UInt64.self)
            let headMask = Self.escapeMask(UInt64(littleEndian: head))
            if headMask != 0 { return headMask.trailingZeroBitCount >> 3 }
            let tailMask = Self.escapeMask(UInt64(littleEndian: tail))
            if tailMask != 0 { return length - 8 + tailMask.trailingZeroBitCount >> 3 }
            return nil
        }
        target.update(from: source, count: length)
        var index = 0
        while true {
            let mask = Self.escapeMask(UInt64(littleEndian: UnsafeRawPointer(source + index).loadUnaligned(as: UInt64.self)))
            if mask != 0 { return index + mask.trailingZeroBitCount >> 3 }
            if index == length - 8 { return nil }
            index = Swift.min(index + 8, length - 8)
        }
    }

    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// `source`, whose first byte needs an escape, escaped run by run.
    private mutating func appendEscaping(_ source: UnsafePointer<UInt8>, _ length: Int) {
        var runStart = 0, index = 0
        while index + 8 <= length {
            let mask = Self.escapeMask(UInt64(littleEndian: UnsafeRawPointer(source + index).loadUnaligned(as: UInt64.self)))
            if mask == 0 {
                index += 8
                continue
            }
            let position = index + mask.trailingZeroBitCount >> 3
            appendBytes(source + runStart, position - runStart)
            appendEscape(of: source[position])
            index = position + 1
            runStart = index
        }
        while index < length {
            if Self.needsEscape(source[index]) {
                appendBytes(source + runStart, index - runStart)
                appendEscape(of: source[index])
                runStart = index + 1
            }
            index += 1
        }
        appendBytes(source + runStart, length - runStart)
        reserve(1) // the closing quote
    }

    /// The high bit of each byte of `word` (little-endian) that is a control character, `"` or
    /// `\`; exact up to the first such byte, which is all the caller reads. One expression
    /// rather than `ByteScan`'s three tests: those are calls across the module boundary, three
    /// for every eight bytes of every string.
    @inline(__always)
    private static func escapeMask(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quotes = word ^ (ones &* UInt64(UInt8(ascii: "\"")))
        let backslashes = word ^ (ones &* UInt64(UInt8(ascii: "\\")))
        let below = (word &- ones &* 0x20) & ~word
        let quote = (quotes &- ones) & ~quotes
        let backslash = (backslashes &- ones) & ~backslashes
        return (below | quote | backslash) & (ones &* 0x80)
    }

    private mutating func appendEscape(of byte: UInt8) {
        let escaped: UInt8
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): escaped = byte
        case 0x08: escaped = UInt8(ascii: "b")
        case 0x0C: escaped = UInt8(ascii: "f")
        case UInt8(ascii: "\n"): escaped = UInt8(ascii: "n")
        case UInt8(ascii: "\r"): escaped = UInt8(ascii: "r")
        case UInt8(ascii: "\t"): escaped = UInt8(ascii: "t")
        default:
            append("\\u00")
            append(byte: Self.hexDigit(byte >> 4))
            append(byte: Self.hexDigit(byte & 0x0F))
            return
        }
        reserve(2)
        base[count] = UInt8(ascii: "\\")
        base[count + 1] = escaped
        count += 2
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
