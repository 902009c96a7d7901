internal import CDBus

/// Appends ``DBusValue``s to a libdbus message through `DBusMessageIter`.
///
/// Values are validated first, so the append pass cannot fail half-way (libdbus leaves a
/// message unusable when a container is left open) and libdbus never sees a value it would
/// abort on.
enum MessageWriter {
    /// `message` (its header fields set, no body yet) carrying `values`: a large body is
    /// written in one buffer (``WireBodyWriter``) and the message loaded from those bytes —
    /// a new message, returned in place of `message`; a small one through libdbus's iterator.
    /// Either way the message is the same, byte for byte.
    static func complete(_ message: DBusMessage, with values: [DBusValue]) throws -> DBusMessage {
        switch try complete(message, with: values, maximumBodySize: nil) {
        case .reply(let completed): return completed
        // Not reached: nothing is too large without a limit.
        case .tooLarge(let bodySize): throw DBusError.limitsExceeded("a message body of \(bodySize) bytes")
        }
    }

    /// ``complete(_:with:)`` refusing a body over `maximumBodySize` bytes (`nil`: no limit). A
    /// large body's size is what writing it in one buffer came to, so a query's reply of
    /// thousands of rows is not walked once more just to be measured.
    static func complete(_ message: DBusMessage, with values: [DBusValue], maximumBodySize: Int?) throws -> DBusMessage.SizedReply {
        for value in values { try value.validate() }
        if let written = wholeMessage(header: message.pointer, values: values, maximumBodySize: maximumBodySize ?? .max) {
            guard let whole = written.message else { return .tooLarge(bodySize: written.bodySize) }
            return .reply(DBusMessage(taking: whole))
        }
        if let maximumBodySize {
            let bodySize = DBusValue.marshalledSize(of: values)
            guard bodySize <= maximumBodySize else { return .tooLarge(bodySize: bodySize) }
        }
        try appendValidated(values, to: message.pointer)
        return .reply(message)
    }

    static func append(_ values: [DBusValue], to message: OpaquePointer) throws {
        for value in values { try value.validate() }
        try appendValidated(values, to: message)
    }

    private static func appendValidated(_ values: [DBusValue], to message: OpaquePointer) throws {
        var iterator = DBusMessageIter()
        dbus_message_iter_init_append(message, &iterator)
        for value in values {
            try append(value, to: &iterator)
        }
    }

    /// The type code of a variant holding `value`, for basic values other than file
    /// descriptors (which libdbus duplicates), so writing a property's value needs no
    /// signature text built per call.
    static func variantTypeCode(ofBasic value: DBusValue) -> Int32? {
        switch value {
        case .unixFD, .variant: nil
        // libdbus's type codes are the signature letters.
        default: value.type.basicCode.map(Int32.init)
        }
    }

    /// Appends `value` (validated, one of ``variantTypeCode(ofBasic:)``'s types) as a variant:
    /// a `Properties.Get` reply.
    static func appendBasicVariant(_ value: DBusValue, to message: OpaquePointer) throws {
        guard let code = variantTypeCode(ofBasic: value) else {
            throw DBusError.invalidArgs("a \(value.type.readableName) is not a basic value")
        }
        var iterator = DBusMessageIter()
        dbus_message_iter_init_append(message, &iterator)
        var sub = DBusMessageIter()
        // The one-letter signature as a C string.
        var signature: (CChar, CChar) = (CChar(truncatingIfNeeded: code), 0)
        let opened = withUnsafePointer(to: &signature) { pair in
            pair.withMemoryRebound(to: CChar.self, capacity: 2) { dbus_message_iter_open_container(&iterator, TypeCode.variant, $0, &sub) }
        }
        guard opened != 0 else { throw outOfMemory }
        do {
            try append(value, to: &sub)
        } catch {
            dbus_message_iter_abandon_container(&iterator, &sub)
            throw error
        }
        guard dbus_message_iter_close_container(&iterator, &sub) != 0 else { throw outOfMemory }
    }

    private static func appendBasic<T>(_ value: T, code: Int32, to iterator: inout DBusMessageIter) throws {
        let appended = withUnsafePointer(to: value) { dbus_message_iter_append_basic(&iterator, code, $0) }
        guard appended != 0 else { throw outOfMemory }
    }

    private static func appendString(_ text: String, code: Int32, to iterator: inout DBusMessageIter) throws {
        let appended = text.withCString { pointer -> dbus_bool_t in
            var cString: UnsafePointer<CChar>? = pointer
            return dbus_message_iter_append_basic(&iterator, code, &cString)
        }
        guard appended != 0 else { throw outOfMemory }
    }

    private static let outOfMemory = DBusError.noMemory("libdbus ran out of memory building a message")

    static func append(_ value: DBusValue, to iterator: inout DBusMessageIter) throws {
        switch value {
        case .byte(let value): try appendBasic(value, code: TypeCode.byte, to: &iterator)
        case .boolean(let value): try appendBasic(dbus_bool_t(value ? 1 : 0), code: TypeCode.boolean, to: &iterator)
        case .int16(let value): try appendBasic(value, code: TypeCode.int16, to: &iterator)
        case .uint16(let value): try appendBasic(value, code: TypeCode.uint16, to: &iterator)
        case .int32(let value): try appendBasic(value, code: TypeCode.int32, to: &iterator)
        case .uint32(let value): try appendBasic(value, code: TypeCode.uint32, to: &iterator)
        case .int64(let value): try appendBasic(value, code: TypeCode.int64, to: &iterator)
        case .uint64(let value): try appendBasic(value, code: TypeCode.uint64, to: &iterator)
        case .double(let value): try appendBasic(value, code: TypeCode.double, to: &iterator)
        case .string(let text): try appendString(text, code: TypeCode.string, to: &iterator)
        case .objectPath(let path): try appendString(path.rawValue, code: TypeCode.objectPath, to: &iterator)
        case .signature(let signature): try appendString(signature.rawValue, code: TypeCode.signature, to: &iterator)
        case .unixFD(let descriptor):
            // libdbus duplicates the descriptor into the message.
            try appendBasic(descriptor.rawValue, code: TypeCode.unixFD, to: &iterator)
        case .bytes(let bytes):
            try withContainer(TypeCode.array, signature: "y", in: &iterator) { sub in
                try appendFixedArray(bytes, code: TypeCode.byte, to: &sub)
            }
        case .array(let elementType, let elements):
            try withContainer(TypeCode.array, signature: elementType.signature, in: &iterator) { sub in
                if try !appendFixedElements(elementType, elements, to: &sub) {
                    for element in elements { try append(element, to: &sub) }
                }
            }
        case .dictionary(let keyType, let valueType, let entries):
            let entrySignature = "{\(keyType.signature)\(valueType.signature)}"
            try withContainer(TypeCode.array, signature: entrySignature, in: &iterator) { sub in
                for entry in entries {
                    try withContainer(TypeCode.dictEntry, signature: nil, in: &sub) { entryIterator in
                        try append(entry.key, to: &entryIterator)
                        try append(entry.value, to: &entryIterator)
                    }
                }
            }
        case .structure(let fields):
            try withContainer(TypeCode.structure, signature: nil, in: &iterator) { sub in
                for field in fields { try append(field, to: &sub) }
            }
        case .variant(let inner):
            try withContainer(TypeCode.variant, signature: inner.type.signature, in: &iterator) { sub in
                try append(inner, to: &sub)
            }
        }
    }

    private static func withContainer(
        _ code: Int32, signature: String?, in iterator: inout DBusMessageIter,
        _ body: (inout DBusMessageIter) throws -> Void
    ) throws {
        var sub = DBusMessageIter()
        let opened: dbus_bool_t
        if let signature {
            opened = signature.withCString { dbus_message_iter_open_container(&iterator, code, $0, &sub) }
        } else {
            opened = dbus_message_iter_open_container(&iterator, code, nil, &sub)
        }
        guard opened != 0 else { throw outOfMemory }
        do {
            try body(&sub)
        } catch {
            dbus_message_iter_abandon_container(&iterator, &sub)
            throw error
        }
        guard dbus_message_iter_close_container(&iterator, &sub) != 0 else { throw outOfMemory }
    }

    private static func appendFixedArray<T>(_ elements: [T], code: Int32, to iterator: inout DBusMessageIter) throws {
        guard !elements.isEmpty else { return }
        let appended = elements.withUnsafeBufferPointer { buffer -> dbus_bool_t in
            var base: UnsafePointer<T>? = buffer.baseAddress
            return dbus_message_iter_append_fixed_array(&iterator, code, &base, Int32(buffer.count))
        }
        guard appended != 0 else { throw outOfMemory }
    }

    /// Appends an array of fixed-size numbers in one block; `false` when the element type has
    /// no fast path (the caller then appends element by element).
    private static func appendFixedElements(
        _ elementType: DBusType, _ elements: [DBusValue], to iterator: inout DBusMessageIter
    ) throws -> Bool {
        func collect<T>(_ extract: (DBusValue) -> T?) -> [T] {
            elements.compactMap(extract)
        }
        switch elementType {
        case .byte: try appendFixedArray(collect { if case .byte(let v) = $0 { v } else { nil } }, code: TypeCode.byte, to: &iterator)
        case .boolean:
            try appendFixedArray(collect { if case .boolean(let v) = $0 { dbus_bool_t(v ? 1 : 0) } else { nil } },
                                 code: TypeCode.boolean, to: &iterator)
        case .int16: try appendFixedArray(collect { if case .int16(let v) = $0 { v } else { nil } }, code: TypeCode.int16, to: &iterator)
        case .uint16: try appendFixedArray(collect { if case .uint16(let v) = $0 { v } else { nil } }, code: TypeCode.uint16, to: &iterator)
        case .int32: try appendFixedArray(collect { if case .int32(let v) = $0 { v } else { nil } }, code: TypeCode.int32, to: &iterator)
        case .uint32: try appendFixedArray(collect { if case .uint32(let v) = $0 { v } else { nil } }, code: TypeCode.uint32, to: &iterator)
        case .int64: try appendFixedArray(collect { if case .int64(let v) = $0 { v } else { nil } }, code: TypeCode.int64, to: &iterator)
        case .uint64: try appendFixedArray(collect { if case .uint64(let v) = $0 { v } else { nil } }, code: TypeCode.uint64, to: &iterator)
        case .double: try appendFixedArray(collect { if case .double(let v) = $0 { v } else { nil } }, code: TypeCode.double, to: &iterator)
        default: return false
        }
        return true
    }
}
