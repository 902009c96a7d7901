import TaskSequenceModel

/// JSON text built as UTF-8 bytes in a buffer of its own and made a `String` once, escaped as
/// Foundation's `JSONEncoder` escapes it with `.withoutEscapingSlashes`.
///
/// Appending to a `String` piece by piece cost about a thousand instructions a value; appending
/// to an `[UInt8]` still cost about 190 a call (`append(contentsOf:)` through its generic
/// paths), which was a tenth of an import. Here an append is a capacity test and a copy.
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

    @inline(__always)
    mutating func append(byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

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

    /// `string` quoted, with runs that need no escape copied whole. Eight bytes are checked at
    /// once: a step's script or command line is kilobytes of text with nothing to escape, and a
    /// byte-by-byte scan of every value was a twentieth of an import.
    mutating func appendString(_ string: String) {
        var string = string
        string.withUTF8 { utf8 in
            let length = utf8.count
            reserve(length + 2)
            base[count] = UInt8(ascii: "\"")
            count += 1
            guard let source = utf8.baseAddress else {
                append(byte: UInt8(ascii: "\""))
                return
            }
            var runStart = 0, index = 0
            while index < length {
                if index + 8 <= length, !Self.needsEscape(UnsafeRawPointer(source + index).loadUnaligned(as: UInt64.self)) {
                    index += 8
                    continue
                }
                let byte = source[index]
                if byte >= 0x20, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
                    index += 1
                    continue
                }
                appendBytes(source + runStart, index - runStart)
                appendEscape(of: byte)
                index += 1
                runStart = index
            }
            appendBytes(source + runStart, length - runStart)
            append(byte: UInt8(ascii: "\""))
        }
    }

    /// Whether any of the eight bytes of `word` is a control character, `"` or `\`.
    @inline(__always)
    private static func needsEscape(_ word: UInt64) -> Bool {
        ByteScan.word(word, hasByteBelow: 0x20) || ByteScan.word(word, contains: UInt8(ascii: "\"")) || ByteScan.word(word, contains: UInt8(ascii: "\\"))
    }

    private mutating func appendEscape(of byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): append("\\\"")
        case UInt8(ascii: "\\"): append("\\\\")
        case 0x08: append("\\b")
        case 0x0C: append("\\f")
        case UInt8(ascii: "\n"): append("\\n")
        case UInt8(ascii: "\r"): append("\\r")
        case UInt8(ascii: "\t"): append("\\t")
        default:
            append("\\u00")
            append(byte: Self.hexDigit(byte >> 4))
            append(byte: Self.hexDigit(byte & 0x0F))
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
