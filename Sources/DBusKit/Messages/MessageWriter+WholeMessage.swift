internal import CDBus

extension MessageWriter {
    /// Bodies smaller than this go through libdbus's iterator: loading a message from bytes has
    /// a fixed cost (a loader, a copy, a check of the whole) that only many values repay. The
    /// value is a judgement, not a measured crossover; small replies (a property `Get`) keep the
    /// path `tsbench reads` measured.
    static let wholeMessageMinimumBodySize = 1_024

    /// The header field holding the body's signature (`DBUS_HEADER_FIELD_SIGNATURE`).
    private static let signatureField: UInt8 = 8

    /// The byte-order mark libdbus writes on this machine (`l` little, `B` big endian).
    private static let nativeByteOrder: UInt8 = 1.littleEndian == 1 ? UInt8(ascii: "l") : UInt8(ascii: "B")

    /// A new message with `raw`'s header and `values` (already validated) as its body, written
    /// by ``WireBodyWriter`` after the header libdbus marshalled for `raw`, then loaded by
    /// libdbus (which checks the whole message as it would one received). `nil` — the caller
    /// then appends through the iterator — for small bodies, file descriptors, a body signature
    /// over 255 bytes, an array over 64 MiB, or anything libdbus would not load: those keep the
    /// iterator's behaviour, errors included. A body written larger than `maximumBodySize` is
    /// not loaded: the message is then `nil` beside the size it came to.
    static func wholeMessage(header raw: OpaquePointer, values: [DBusValue], maximumBodySize: Int = .max)
        -> (message: OpaquePointer?, bodySize: Int)? {
        // A body of basic values only (a document-sized string) costs libdbus one call each.
        guard values.contains(where: \.isContainer), bodyReaches(wholeMessageMinimumBodySize, values),
              let writer = headerWriter(for: raw, values: values) else { return nil }
        let bodyStart = writer.count
        do {
            for value in values { try writer.write(value) }
        } catch {
            return nil
        }
        let bodyLength = writer.count - bodyStart
        if bodyLength > maximumBodySize { return (nil, bodyLength) }
        // libdbus refuses messages over 128 MiB; the iterator path reports it as it always has.
        guard bodyLength < Int(Int32.max) / 16 else { return nil }
        writer.set(UInt32(bodyLength), at: 4)
        let bytes = writer.bytes
        guard let message = bytes.withMemoryRebound(to: CChar.self, { characters in
            dbus_message_demarshal(characters.baseAddress, Int32(characters.count), nil)
        }) else { return nil }
        // The serial written to load it (a message read must have one) is cleared, so the
        // connection numbers this message when it sends it, like any other.
        dbus_message_set_serial(message, 0)
        return (message, bodyLength)
    }

    /// Whether `values` marshal to at least `minimum` bytes, walking only as far as needed
    /// (a query's reply is thousands of rows; the first few decide).
    static func bodyReaches(_ minimum: Int, _ values: [DBusValue]) -> Bool {
        var end = 0
        for value in values {
            switch value {
            case .array(_, let elements):
                end = DBusValue.align(end, to: 4) + 4
                for element in elements {
                    end = element.marshalledEnd(from: end)
                    if end >= minimum { return true }
                }
            case .dictionary(_, _, let entries):
                end = DBusValue.align(end, to: 4) + 4
                for entry in entries {
                    end = entry.marshalledEnd(from: end)
                    if end >= minimum { return true }
                }
            default:
                end = value.marshalledEnd(from: end)
            }
            if end >= minimum { return true }
        }
        return false
    }

    /// A writer holding `raw`'s marshalled header with the body's signature field appended,
    /// padded to where the body starts; `nil` when the header is not as expected.
    private static func headerWriter(for raw: OpaquePointer, values: [DBusValue]) -> WireBodyWriter? {
        var data: UnsafeMutablePointer<CChar>?
        var length: Int32 = 0
        guard dbus_message_marshal(raw, &data, &length) != 0, let data else { return nil }
        defer { dbus_free(data) }
        let header = UnsafeRawBufferPointer(start: data, count: Int(length))
        // Fixed part: byte order, type, flags, version, body length, serial, fields length.
        guard header.count >= 16, header[0] == nativeByteOrder,
              header.loadUnaligned(fromByteOffset: 4, as: UInt32.self) == 0 else { return nil }
        let fieldsEnd = 16 + Int(header.loadUnaligned(fromByteOffset: 12, as: UInt32.self))
        guard DBusValue.align(fieldsEnd, to: 8) == header.count else { return nil }

        let writer = WireBodyWriter(prefix: header, expected: 64 * 1_024)
        // The signature field, as libdbus appends it when a body is first written: a struct
        // (on 8 bytes, where the padded header ends) of the field code and a `g` variant.
        for byte in [signatureField, 1, UInt8(ascii: "g"), 0] { writer.append(byte) }
        let lengthAt = writer.count
        writer.append(0)
        for value in values { writer.appendSignature(of: value.type) }
        let signatureLength = writer.count - lengthAt - 1
        guard signatureLength <= SignatureParser.maximumLength else { return nil }
        writer.set(UInt8(signatureLength), at: lengthAt)
        writer.append(0)
        writer.set(UInt32(writer.count - 16), at: 12)
        writer.pad(to: 8)
        // Nonzero, or libdbus refuses to load it.
        writer.set(UInt32(1), at: 8)
        return writer
    }
}

extension DBusValue {
    /// Whether this is an array, dictionary or structure (what makes a body large).
    var isContainer: Bool {
        switch self {
        case .bytes, .array, .dictionary, .structure: true
        default: false
        }
    }
}

extension DBusMessage {
    /// The message's bytes as libdbus would send them (header and body); `nil` when libdbus
    /// runs out of memory. Two messages with the same bytes are the same message.
    var wireBytes: [UInt8]? {
        var data: UnsafeMutablePointer<CChar>?
        var length: Int32 = 0
        guard dbus_message_marshal(pointer, &data, &length) != 0, let data else { return nil }
        defer { dbus_free(data) }
        return Array(UnsafeRawBufferPointer(start: data, count: Int(length)))
    }
}
