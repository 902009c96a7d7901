internal import CDBus

/// Reads message arguments into ``DBusValue``s, guided by already-known types (the declared
/// method signature, or the message's own signature parsed once).
enum MessageReader {
    /// Reads every argument of `message`, whose signature must be `types`: from the wire bytes
    /// when they hold containers (``WireBodyReader``), else through libdbus's iterator.
    static func read(_ message: OpaquePointer, types: [DBusType]) -> [DBusValue] {
        guard !types.isEmpty else { return [] }
        if let values = WireBodyReader.read(message, types: types) { return values }
        return readThroughIterator(message, types: types)
    }

    /// Reads every argument of `message`, whose signature must be `types`, through libdbus's iterator.
    static func readThroughIterator(_ message: OpaquePointer, types: [DBusType]) -> [DBusValue] {
        guard !types.isEmpty else { return [] }
        var iterator = DBusMessageIter()
        guard dbus_message_iter_init(message, &iterator) != 0 else { return [] }
        var values: [DBusValue] = []
        values.reserveCapacity(types.count)
        for (index, type) in types.enumerated() {
            values.append(read(&iterator, as: type))
            if index + 1 < types.count { dbus_message_iter_next(&iterator) }
        }
        return values
    }

    /// Reads every argument of `message` using the signature libdbus recorded for it.
    static func readAll(_ message: OpaquePointer) throws -> [DBusValue] {
        let signature = dbus_message_get_signature(message).map { String(cString: $0) } ?? ""
        if signature.isEmpty { return [] }
        return read(message, types: try SignatureParser.parse(signature))
    }

    private static func basic<T>(_ iterator: inout DBusMessageIter, _ initial: T) -> T {
        var value = initial
        withUnsafeMutablePointer(to: &value) { dbus_message_iter_get_basic(&iterator, $0) }
        return value
    }

    private static func string(_ iterator: inout DBusMessageIter) -> String {
        var pointer: UnsafePointer<CChar>?
        dbus_message_iter_get_basic(&iterator, &pointer)
        return pointer.map { String(cString: $0) } ?? ""
    }

    static func read(_ iterator: inout DBusMessageIter, as type: DBusType) -> DBusValue {
        switch type {
        case .byte: return .byte(basic(&iterator, UInt8(0)))
        case .boolean: return .boolean(basic(&iterator, dbus_bool_t(0)) != 0)
        case .int16: return .int16(basic(&iterator, Int16(0)))
        case .uint16: return .uint16(basic(&iterator, UInt16(0)))
        case .int32: return .int32(basic(&iterator, Int32(0)))
        case .uint32: return .uint32(basic(&iterator, UInt32(0)))
        case .int64: return .int64(basic(&iterator, Int64(0)))
        case .uint64: return .uint64(basic(&iterator, UInt64(0)))
        case .double: return .double(basic(&iterator, Double(0)))
        case .string: return .string(string(&iterator))
        case .objectPath: return .objectPath(ObjectPath(unchecked: string(&iterator)))
        case .signature:
            let text = string(&iterator)
            // libdbus validated the signature on receipt, so parsing cannot fail here.
            let types = (try? SignatureParser.parse(text)) ?? []
            return .signature(DBusSignature(validated: text, types: types))
        case .unixFD:
            // libdbus hands out a fresh duplicate that we now own.
            return .unixFD(UnixFileDescriptor(takingOwnershipOf: basic(&iterator, Int32(-1))))
        case .variant:
            var sub = DBusMessageIter()
            dbus_message_iter_recurse(&iterator, &sub)
            // A basic content's type is its type code: no signature copied out and parsed
            // (once per entry of every row of a query's reply).
            if let basicType = basicType(code: dbus_message_iter_get_arg_type(&sub)) {
                return .variant(read(&sub, as: basicType))
            }
            let signature = dbus_message_iter_get_signature(&sub).map { pointer -> String in
                defer { dbus_free(pointer) }
                return String(cString: pointer)
            } ?? ""
            guard let innerType = try? DBusType(parsing: signature) else { return .variant(.structure([])) }
            return .variant(read(&sub, as: innerType))
        case .array(let elementType):
            var sub = DBusMessageIter()
            dbus_message_iter_recurse(&iterator, &sub)
            if elementType == .byte { return .bytes(fixedArray(&sub, UInt8.self)) }
            if let fixed = readFixedElements(&sub, elementType) { return .array(elementType, fixed) }
            var elements: [DBusValue] = []
            while dbus_message_iter_get_arg_type(&sub) != TypeCode.invalid {
                elements.append(read(&sub, as: elementType))
                dbus_message_iter_next(&sub)
            }
            return .array(elementType, elements)
        case .dictionary(let keyType, let valueType):
            var sub = DBusMessageIter()
            dbus_message_iter_recurse(&iterator, &sub)
            var entries: [DBusDictionaryEntry] = []
            while dbus_message_iter_get_arg_type(&sub) == TypeCode.dictEntry {
                var entryIterator = DBusMessageIter()
                dbus_message_iter_recurse(&sub, &entryIterator)
                let key = read(&entryIterator, as: keyType)
                dbus_message_iter_next(&entryIterator)
                let value = read(&entryIterator, as: valueType)
                entries.append(DBusDictionaryEntry(key: key, value: value))
                dbus_message_iter_next(&sub)
            }
            return .dictionary(key: keyType, value: valueType, entries)
        case .structure(let fieldTypes):
            var sub = DBusMessageIter()
            dbus_message_iter_recurse(&iterator, &sub)
            var fields: [DBusValue] = []
            fields.reserveCapacity(fieldTypes.count)
            for (index, fieldType) in fieldTypes.enumerated() {
                fields.append(read(&sub, as: fieldType))
                if index + 1 < fieldTypes.count { dbus_message_iter_next(&sub) }
            }
            return .structure(fields)
        }
    }

    /// The basic type (or variant) of a one-letter type code; `nil` for containers.
    private static func basicType(code: Int32) -> DBusType? {
        switch code {
        case TypeCode.byte: .byte
        case TypeCode.boolean: .boolean
        case TypeCode.int16: .int16
        case TypeCode.uint16: .uint16
        case TypeCode.int32: .int32
        case TypeCode.uint32: .uint32
        case TypeCode.int64: .int64
        case TypeCode.uint64: .uint64
        case TypeCode.double: .double
        case TypeCode.string: .string
        case TypeCode.objectPath: .objectPath
        case TypeCode.signature: .signature
        case TypeCode.unixFD: .unixFD
        case TypeCode.variant: .variant
        default: nil
        }
    }

    /// Copies an array of fixed-size numbers out of the message in one block.
    private static func fixedArray<T>(_ iterator: inout DBusMessageIter, _ type: T.Type) -> [T] {
        var base: UnsafeRawPointer?
        var count: Int32 = 0
        dbus_message_iter_get_fixed_array(&iterator, &base, &count)
        guard let base, count > 0 else { return [] }
        let typed = base.bindMemory(to: T.self, capacity: Int(count))
        return Array(UnsafeBufferPointer(start: typed, count: Int(count)))
    }

    private static func readFixedElements(_ iterator: inout DBusMessageIter, _ elementType: DBusType) -> [DBusValue]? {
        switch elementType {
        case .boolean: return fixedArray(&iterator, dbus_bool_t.self).map { .boolean($0 != 0) }
        case .int16: return fixedArray(&iterator, Int16.self).map(DBusValue.int16)
        case .uint16: return fixedArray(&iterator, UInt16.self).map(DBusValue.uint16)
        case .int32: return fixedArray(&iterator, Int32.self).map(DBusValue.int32)
        case .uint32: return fixedArray(&iterator, UInt32.self).map(DBusValue.uint32)
        case .int64: return fixedArray(&iterator, Int64.self).map(DBusValue.int64)
        case .uint64: return fixedArray(&iterator, UInt64.self).map(DBusValue.uint64)
        case .double: return fixedArray(&iterator, Double.self).map(DBusValue.double)
        default: return nil
        }
    }
}
