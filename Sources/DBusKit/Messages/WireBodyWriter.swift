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
struct WireBodyWriter {
    /// A value the wire writer leaves to libdbus: a file descriptor travels beside the bytes.
    struct Unsupported: Error {}

    /// The largest array a message may carry (`DBUS_MAXIMUM_ARRAY_LENGTH`, 64 MiB).
    static let maximumArrayLength = 64 * 1_024 * 1_024

    /// What was written, after the prefix the writer started with.
    var bytes: [UInt8]

    init(prefix: [UInt8]) {
        bytes = prefix
    }

    mutating func reserve(_ count: Int) {
        bytes.reserveCapacity(bytes.count + count)
    }

    // MARK: Values

    mutating func write(_ value: DBusValue) throws {
        switch value {
        case .byte(let number): bytes.append(number)
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
            bytes.append(contentsOf: content)
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
            let lengthAt = bytes.count
            bytes.append(0)
            appendSignature(of: inner)
            bytes[lengthAt] = UInt8(truncatingIfNeeded: bytes.count - lengthAt - 1)
            bytes.append(0)
            try write(inner)
        }
    }

    /// Writes an array's length placeholder and the padding before its first element (written
    /// even when the array is empty); returns where the elements start.
    private mutating func openArray(elementAlignment: Int) throws -> (lengthAt: Int, elementsAt: Int) {
        pad(to: 4)
        let lengthAt = bytes.count
        writeFixed(UInt32(0))
        pad(to: elementAlignment)
        return (lengthAt, bytes.count)
    }

    /// The array's length counts its elements' bytes, not the padding before the first.
    private mutating func closeArray(openedAt start: (lengthAt: Int, elementsAt: Int)) throws {
        let length = bytes.count - start.elementsAt
        try checkArrayLength(length)
        set(UInt32(truncatingIfNeeded: length), at: start.lengthAt)
    }

    private func checkArrayLength(_ length: Int) throws {
        // libdbus refuses such a message; the iterator path then reports it as it always has.
        guard length <= Self.maximumArrayLength else { throw Unsupported() }
    }

    private mutating func writeString(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            writeFixed(UInt32(truncatingIfNeeded: utf8.count))
            bytes.append(contentsOf: utf8)
        }
        bytes.append(0)
    }

    private mutating func writeSignatureValue(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            bytes.append(UInt8(truncatingIfNeeded: utf8.count))
            bytes.append(contentsOf: utf8)
        }
        bytes.append(0)
    }

    // MARK: Signatures

    /// The signature of `value`'s type, without building a ``DBusType`` (one per variant, so
    /// once per entry of every row).
    private mutating func appendSignature(of value: DBusValue) {
        switch value {
        case .bytes: bytes.append(UInt8(ascii: "a")); bytes.append(UInt8(ascii: "y"))
        case .array(let elementType, _):
            bytes.append(UInt8(ascii: "a"))
            appendSignature(of: elementType)
        case .dictionary(let keyType, let valueType, _):
            bytes.append(UInt8(ascii: "a"))
            bytes.append(UInt8(ascii: "{"))
            appendSignature(of: keyType)
            appendSignature(of: valueType)
            bytes.append(UInt8(ascii: "}"))
        case .structure(let fields):
            bytes.append(UInt8(ascii: "("))
            for field in fields { appendSignature(of: field) }
            bytes.append(UInt8(ascii: ")"))
        default:
            if let code = value.basicTypeCode { bytes.append(code) }
        }
    }

    mutating func appendSignature(of type: DBusType) {
        if let code = type.basicCode {
            bytes.append(code)
            return
        }
        switch type {
        case .array(let element):
            bytes.append(UInt8(ascii: "a"))
            appendSignature(of: element)
        case .dictionary(let key, let value):
            bytes.append(UInt8(ascii: "a"))
            bytes.append(UInt8(ascii: "{"))
            appendSignature(of: key)
            appendSignature(of: value)
            bytes.append(UInt8(ascii: "}"))
        case .structure(let fields):
            bytes.append(UInt8(ascii: "("))
            for field in fields { appendSignature(of: field) }
            bytes.append(UInt8(ascii: ")"))
        default:
            break
        }
    }

    // MARK: Bytes

    mutating func pad(to boundary: Int) {
        let remainder = bytes.count % boundary
        if remainder != 0 { bytes.append(contentsOf: repeatElement(0, count: boundary - remainder)) }
    }

    /// A fixed-size number in this machine's byte order, after the padding its size asks for.
    private mutating func writeFixed<T: FixedWidthInteger>(_ number: T) {
        pad(to: MemoryLayout<T>.size)
        withUnsafeBytes(of: number) { bytes.append(contentsOf: $0) }
    }

    /// Overwrites four bytes already written (an array's length, a header's count).
    mutating func set(_ number: UInt32, at offset: Int) {
        withUnsafeBytes(of: number) { raw in
            for index in 0..<4 { bytes[offset + index] = raw[index] }
        }
    }
}

extension DBusValue {
    /// The one-letter type code of a basic value or variant; `nil` for containers.
    var basicTypeCode: UInt8? {
        switch self {
        case .byte: UInt8(ascii: "y")
        case .boolean: UInt8(ascii: "b")
        case .int16: UInt8(ascii: "n")
        case .uint16: UInt8(ascii: "q")
        case .int32: UInt8(ascii: "i")
        case .uint32: UInt8(ascii: "u")
        case .int64: UInt8(ascii: "x")
        case .uint64: UInt8(ascii: "t")
        case .double: UInt8(ascii: "d")
        case .string: UInt8(ascii: "s")
        case .objectPath: UInt8(ascii: "o")
        case .signature: UInt8(ascii: "g")
        case .unixFD: UInt8(ascii: "h")
        case .variant: UInt8(ascii: "v")
        case .bytes, .array, .dictionary, .structure: nil
        }
    }
}
