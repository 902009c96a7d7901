internal import CDBus

/// Reads a message's body straight from its wire bytes, the counterpart of
/// ``WireBodyWriter``: a client reading a query's reply of thousands of rows through libdbus's
/// iterator paid a library call per value, each checking again what libdbus had validated when
/// the message arrived. The result is the same ``DBusValue``s as ``MessageReader``'s iterator
/// (`WholeMessageTests` compares them for every shape); anything it does not take — another
/// byte order, file descriptors, bytes not as expected — returns `nil` and goes through the
/// iterator.
struct WireBodyReader {
    private let body: UnsafeRawBufferPointer
    private var offset = 0

    private init(body: UnsafeRawBufferPointer) {
        self.body = body
    }

    /// The arguments of `message`, whose signature is `types`; `nil` to use the iterator.
    static func read(_ message: OpaquePointer, types: [DBusType]) -> [DBusValue]? {
        // Basic arguments cost the iterator one call each: only containers are worth the copy.
        guard types.contains(where: { $0.basicCode == nil }) else { return nil }
        var data: UnsafeMutablePointer<CChar>?
        var length: Int32 = 0
        guard dbus_message_marshal(message, &data, &length) != 0, let data else { return nil }
        defer { dbus_free(data) }
        let bytes = UnsafeRawBufferPointer(start: data, count: Int(length))
        // Fixed header: byte order, type, flags, version, body length, serial, fields length.
        guard bytes.count >= 16, bytes[0] == nativeByteOrder else { return nil }
        let bodyLength = Int(bytes.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
        let fieldsLength = Int(bytes.loadUnaligned(fromByteOffset: 12, as: UInt32.self))
        let bodyStart = DBusValue.align(16 + fieldsLength, to: 8)
        guard bodyStart + bodyLength == bytes.count else { return nil }
        var reader = WireBodyReader(body: UnsafeRawBufferPointer(rebasing: bytes[bodyStart...]))
        var values: [DBusValue] = []
        values.reserveCapacity(types.count)
        for type in types {
            guard let value = reader.read(type) else { return nil }
            values.append(value)
        }
        return reader.offset == reader.body.count ? values : nil
    }

    /// The byte-order mark of messages this machine writes (`l` little, `B` big endian).
    private static let nativeByteOrder: UInt8 = 1.littleEndian == 1 ? UInt8(ascii: "l") : UInt8(ascii: "B")

    private mutating func read(_ type: DBusType) -> DBusValue? {
        switch type {
        case .byte: return fixed(UInt8.self).map(DBusValue.byte)
        case .boolean: return fixed(UInt32.self).map { .boolean($0 != 0) }
        case .int16: return fixed(Int16.self).map(DBusValue.int16)
        case .uint16: return fixed(UInt16.self).map(DBusValue.uint16)
        case .int32: return fixed(Int32.self).map(DBusValue.int32)
        case .uint32: return fixed(UInt32.self).map(DBusValue.uint32)
        case .int64: return fixed(Int64.self).map(DBusValue.int64)
        case .uint64: return fixed(UInt64.self).map(DBusValue.uint64)
        case .double: return fixed(UInt64.self).map { .double(Double(bitPattern: $0)) }
        case .string: return string().map(DBusValue.string)
        case .objectPath: return string().map { .objectPath(ObjectPath(unchecked: $0)) }
        case .signature:
            guard let text = signature() else { return nil }
            return .signature(DBusSignature(validated: text, types: (try? SignatureParser.parse(text)) ?? []))
        case .unixFD:
            // The descriptor is an index into the message's list: the iterator duplicates it.
            return nil
        case .variant:
            guard let text = signature() else { return nil }
            // As the iterator does: a content whose signature does not parse reads as an empty struct.
            guard let inner = try? DBusType(parsing: text) else { return .variant(.structure([])) }
            return read(inner).map(DBusValue.variant)
        case .array(let element):
            guard let end = arrayEnd(elementAlignment: element.wireAlignment) else { return nil }
            if element == .byte {
                let bytes = Array(body[offset..<end])
                offset = end
                return .bytes(bytes)
            }
            var elements: [DBusValue] = []
            while offset < end {
                guard let value = read(element) else { return nil }
                elements.append(value)
            }
            return offset == end ? .array(element, elements) : nil
        case .dictionary(let keyType, let valueType):
            guard let end = arrayEnd(elementAlignment: 8) else { return nil }
            var entries: [DBusDictionaryEntry] = []
            while offset < end {
                guard align(to: 8), let key = read(keyType), let value = read(valueType) else { return nil }
                entries.append(DBusDictionaryEntry(key: key, value: value))
            }
            return offset == end ? .dictionary(key: keyType, value: valueType, entries) : nil
        case .structure(let fieldTypes):
            guard align(to: 8) else { return nil }
            var fields: [DBusValue] = []
            fields.reserveCapacity(fieldTypes.count)
            for fieldType in fieldTypes {
                guard let field = read(fieldType) else { return nil }
                fields.append(field)
            }
            return .structure(fields)
        }
    }

    /// Skips the padding before a value aligned on `boundary`; `false` past the end.
    private mutating func align(to boundary: Int) -> Bool {
        offset = DBusValue.align(offset, to: boundary)
        return offset <= body.count
    }

    private mutating func fixed<T: FixedWidthInteger>(_ type: T.Type) -> T? {
        let size = MemoryLayout<T>.size
        guard align(to: size), offset + size <= body.count else { return nil }
        defer { offset += size }
        return body.loadUnaligned(fromByteOffset: offset, as: T.self)
    }

    /// A string or object path: its length, its UTF-8 bytes (validated on receipt), a NUL.
    private mutating func string() -> String? {
        guard let length = fixed(UInt32.self).map(Int.init), offset + length < body.count else { return nil }
        defer { offset += length + 1 }
        return String(decoding: UnsafeRawBufferPointer(rebasing: body[offset..<offset + length]), as: UTF8.self)
    }

    /// A signature: its length in one byte, its ASCII, a NUL.
    private mutating func signature() -> String? {
        guard let length = fixed(UInt8.self).map(Int.init), offset + length < body.count else { return nil }
        defer { offset += length + 1 }
        return String(decoding: UnsafeRawBufferPointer(rebasing: body[offset..<offset + length]), as: UTF8.self)
    }

    /// Where an array's elements end: its byte length, then the padding to its first element
    /// (present even when it has none).
    private mutating func arrayEnd(elementAlignment: Int) -> Int? {
        guard let length = fixed(UInt32.self).map(Int.init), align(to: elementAlignment) else { return nil }
        let end = offset + length
        return end <= body.count ? end : nil
    }
}
