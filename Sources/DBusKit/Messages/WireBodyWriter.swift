/// Writes ``DBusValue``s in the D-Bus wire format, in this machine's byte order, into one
/// growing byte buffer: alignment padding, array lengths and variant signatures as libdbus
/// writes them.
///
/// libdbus's `DBusMessageIter` checks every value it is handed (a variant's signature each time
/// one is opened), which made a query's reply of thousands of `a{sv}` rows cost about 22,000
/// instructions a row. Values written here were checked once by ``DBusValue/validate()``;
/// libdbus checks the finished message again as a whole when it loads it (`MessageWriter`).
///
/// Offsets are absolute in the buffer: the body must start on an 8-byte boundary (a message
/// header is padded to 8), so alignment counted from the buffer's start is the body's own.
final class WireBodyWriter {
    /// A value the wire writer leaves to libdbus: a file descriptor travels beside the bytes.
    struct Unsupported: Error {}

    /// The largest array a message may carry (`DBUS_MAXIMUM_ARRAY_LENGTH`, 64 MiB).
    static let maximumArrayLength = 64 * 1_024 * 1_024

    // Raw memory rather than `[UInt8]`: appending to an array byte by byte (a uniqueness and
    // capacity check, often a call, each time) cost as much as libdbus's iterator saved.
    private var base: UnsafeMutableRawPointer
    private var capacity: Int
    /// How many bytes are written.
    private(set) var count = 0

    /// A writer starting with `prefix` (a marshalled header), with room for `expected` more.
    init(prefix: UnsafeRawBufferPointer, expected: Int) {
        capacity = max(prefix.count + expected, 64)
        base = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
        append(prefix)
    }

    deinit {
        base.deallocate()
    }

    /// The bytes written so far.
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    private func reserve(_ extra: Int) {
        if count + extra > capacity { grow(toHold: count + extra) }
    }

    private func grow(toHold needed: Int) {
        let larger = max(needed, capacity * 2)
        let moved = UnsafeMutableRawPointer.allocate(byteCount: larger, alignment: 8)
        moved.copyMemory(from: base, byteCount: count)
        base.deallocate()
        base = moved
        capacity = larger
    }

    @inline(__always)
    func append(_ byte: UInt8) {
        reserve(1)
        base.storeBytes(of: byte, toByteOffset: count, as: UInt8.self)
        count += 1
    }

    func append(_ content: UnsafeRawBufferPointer) {
        guard let source = content.baseAddress, !content.isEmpty else { return }
        reserve(content.count)
        (base + count).copyMemory(from: source, byteCount: content.count)
        count += content.count
    }

    /// Overwrites a byte already written (a signature's length).
    func set(_ byte: UInt8, at offset: Int) {
        base.storeBytes(of: byte, toByteOffset: offset, as: UInt8.self)
    }

    // MARK: Values

    func write(_ value: DBusValue) throws {
        switch value {
        case .byte(let number): append(number)
        case .boolean(let flag): writeFixed(UInt32(flag ? 1 : 0))
        case .int16(let number): writeFixed(number)
        case .uint16(let number): writeFixed(number)
        case .int32(let number): writeFixed(number)
        case .uint32(let number): writeFixed(number)
        case .int64(let number): writeFixed(number)
        case .uint64(let number): writeFixed(number)
        case .double(let number): writeFixed(number.bitPattern)
        case .string(let text): writeString(text)
        case .objectPath(let path): writeString(path.rawValue)
        case .signature(let signature): writeSignatureValue(signature.rawValue)
        case .unixFD: throw Unsupported()
        case .bytes(let content):
            pad(to: 4)
            writeFixed(UInt32(truncatingIfNeeded: content.count))
            content.withUnsafeBytes { append($0) }
            try checkArrayLength(content.count)
        case .array(let elementType, let elements):
            let start = try openArray(elementAlignment: elementType.wireAlignment)
            for element in elements { try write(element) }
            try closeArray(openedAt: start)
        case .dictionary(_, _, let entries):
            let start = try openArray(elementAlignment: 8)
            for entry in entries {
                pad(to: 8)
                try write(entry.key)
                try write(entry.value)
            }
            try closeArray(openedAt: start)
        case .structure(let fields):
            pad(to: 8)
            for field in fields { try write(field) }
        case .variant(let inner):
            let lengthAt = count
            append(0)
            appendSignature(of: inner)
            set(UInt8(truncatingIfNeeded: count - lengthAt - 1), at: lengthAt)
            append(0)
            try write(inner)
        }
    }

    /// Writes an array's length placeholder and the padding before its first element (written
    /// even when the array is empty); returns where the elements start.
    private func openArray(elementAlignment: Int) throws -> (lengthAt: Int, elementsAt: Int) {
        pad(to: 4)
        let lengthAt = count
        writeFixed(UInt32(0))
        pad(to: elementAlignment)
        return (lengthAt, count)
    }

    /// The array's length counts its elements' bytes, not the padding before the first.
    private func closeArray(openedAt start: (lengthAt: Int, elementsAt: Int)) throws {
        let length = count - start.elementsAt
        try checkArrayLength(length)
        set(UInt32(truncatingIfNeeded: length), at: start.lengthAt)
    }

    private func checkArrayLength(_ length: Int) throws {
        // libdbus refuses such a message; the iterator path then reports it as it always has.
        guard length <= Self.maximumArrayLength else { throw Unsupported() }
    }

    private func writeString(_ text: String) {
        withUTF8(of: text) { utf8 in
            writeFixed(UInt32(truncatingIfNeeded: utf8.count))
            append(UnsafeRawBufferPointer(utf8))
        }
        append(0)
    }

    private func writeSignatureValue(_ text: String) {
        withUTF8(of: text) { utf8 in
            append(UInt8(truncatingIfNeeded: utf8.count))
            append(UnsafeRawBufferPointer(utf8))
        }
        append(0)
    }

    /// The string's UTF-8 in place (native strings are contiguous), else a copy.
    @inline(__always)
    private func withUTF8(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        if text.utf8.withContiguousStorageIfAvailable(body) == nil {
            Array(text.utf8).withUnsafeBufferPointer(body)
        }
    }

    // MARK: Signatures

    /// The signature of `value`'s type, without building a ``DBusType`` (one per variant, so
    /// once per entry of every row).
    private func appendSignature(of value: DBusValue) {
        switch value {
        case .bytes: append(UInt8(ascii: "a")); append(UInt8(ascii: "y"))
        case .array(let elementType, _):
            append(UInt8(ascii: "a"))
            appendSignature(of: elementType)
        case .dictionary(let keyType, let valueType, _):
            appendDictionarySignature(key: keyType, value: valueType)
        case .structure(let fields):
            append(UInt8(ascii: "("))
            for field in fields { appendSignature(of: field) }
            append(UInt8(ascii: ")"))
        default:
            // A basic value's or a variant's type is a plain case: nothing is built.
            if let code = value.type.basicCode { append(code) }
        }
    }

    func appendSignature(of type: DBusType) {
        if let code = type.basicCode {
            append(code)
            return
        }
        switch type {
        case .array(let element):
            append(UInt8(ascii: "a"))
            appendSignature(of: element)
        case .dictionary(let key, let value):
            appendDictionarySignature(key: key, value: value)
        case .structure(let fields):
            append(UInt8(ascii: "("))
            for field in fields { appendSignature(of: field) }
            append(UInt8(ascii: ")"))
        default:
            break
        }
    }

    private func appendDictionarySignature(key: DBusType, value: DBusType) {
        append(UInt8(ascii: "a"))
        append(UInt8(ascii: "{"))
        appendSignature(of: key)
        appendSignature(of: value)
        append(UInt8(ascii: "}"))
    }

    // MARK: Bytes

    /// Zero bytes up to the next multiple of `boundary` (a power of two).
    @inline(__always)
    func pad(to boundary: Int) {
        let padding = (boundary - count & (boundary - 1)) & (boundary - 1)
        guard padding > 0 else { return }
        reserve(padding)
        (base + count).initializeMemory(as: UInt8.self, repeating: 0, count: padding)
        count += padding
    }

    /// A fixed-size number in this machine's byte order, after the padding its size asks for.
    @inline(__always)
    private func writeFixed<T: FixedWidthInteger>(_ number: T) {
        pad(to: MemoryLayout<T>.size)
        reserve(MemoryLayout<T>.size)
        base.storeBytes(of: number, toByteOffset: count, as: T.self)
        count += MemoryLayout<T>.size
    }

    /// Overwrites four bytes already written (an array's length, a header's count).
    func set(_ number: UInt32, at offset: Int) {
        base.storeBytes(of: number, toByteOffset: offset, as: UInt32.self)
    }
}

