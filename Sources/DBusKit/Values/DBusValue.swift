#if canImport(Glibc)
import Glibc
#endif

/// Any D-Bus value, tagged with its type.
///
/// Message arguments, property values and variant contents are `DBusValue`s. Convert to and from
/// Swift types with ``DBusValueConvertible`` (`String(dbusValue:)`, `"text".dbusValue`) or match
/// the cases directly. Containers remember their element types so that empty arrays and
/// dictionaries still marshal with the right signature.
///
/// `ay` always reads as ``bytes(_:)``; `.array(.byte, …)` is accepted when writing.
///
/// Only `variant` is stored out of line (the containers hold arrays, already on the heap), so a
/// string or number costs no allocation of its own: a query's reply holds tens of thousands.
public enum DBusValue: Hashable, Sendable {
    /// `y`
    case byte(UInt8)
    /// `b`
    case boolean(Bool)
    /// `n`
    case int16(Int16)
    /// `q`
    case uint16(UInt16)
    /// `i`
    case int32(Int32)
    /// `u`
    case uint32(UInt32)
    /// `x`
    case int64(Int64)
    /// `t`
    case uint64(UInt64)
    /// `d`
    case double(Double)
    /// `s`; must not contain NUL characters.
    case string(String)
    /// `o`
    case objectPath(ObjectPath)
    /// `g`
    case signature(DBusSignature)
    /// `h`
    case unixFD(UnixFileDescriptor)
    /// `ay`, kept as one contiguous buffer.
    case bytes([UInt8])
    /// `aT`: the element type, then the elements (each must be of that type).
    case array(DBusType, [DBusValue])
    /// `a{KV}`: key type, value type, then the entries in order.
    case dictionary(key: DBusType, value: DBusType, [DBusDictionaryEntry])
    /// `(…)`: the fields in order.
    case structure([DBusValue])
    /// `v`: a value carrying its own type.
    indirect case variant(DBusValue)

    /// The type of this value.
    public var type: DBusType {
        switch self {
        case .byte: return .byte
        case .boolean: return .boolean
        case .int16: return .int16
        case .uint16: return .uint16
        case .int32: return .int32
        case .uint32: return .uint32
        case .int64: return .int64
        case .uint64: return .uint64
        case .double: return .double
        case .string: return .string
        case .objectPath: return .objectPath
        case .signature: return .signature
        case .unixFD: return .unixFD
        case .bytes: return .array(.byte)
        case .array(let element, _): return .array(element)
        case .dictionary(let key, let value, _): return .dictionary(key: key, value: value)
        case .structure(let fields): return .structure(fields.map(\.type))
        case .variant: return .variant
        }
    }

    /// A dictionary value from key/value pairs of known types, in the given order.
    public static func dictionary(
        key: DBusType, value: DBusType, _ pairs: KeyValuePairs<DBusValue, DBusValue>
    ) -> DBusValue {
        .dictionary(key: key, value: value, pairs.map { DBusDictionaryEntry(key: $0.key, value: $0.value) })
    }

    /// An `a{sv}` dictionary from string keys to values (each value is wrapped in a variant),
    /// with keys sorted so the result is deterministic.
    public static func stringVariantDictionary(_ values: [String: DBusValue]) -> DBusValue {
        .dictionary(
            key: .string, value: .variant,
            values.sorted { $0.key < $1.key }.map { DBusDictionaryEntry(key: .string($0.key), value: .variant($0.value)) })
    }

    // MARK: Accessors

    /// The string of a `s` value (or of a variant holding one).
    public var stringValue: String? {
        switch self {
        case .string(let text): return text
        case .variant(let inner): return inner.stringValue
        default: return nil
        }
    }

    /// The value inside a variant, or the value itself when it is not a variant.
    public var unwrappingVariant: DBusValue {
        if case .variant(let inner) = self { return inner.unwrappingVariant }
        return self
    }

    /// The entries of a dictionary whose keys are strings, with variant values unwrapped
    /// (`a{sv}` becomes `[String: DBusValue]`); `nil` for other values.
    public var stringKeyedEntries: [String: DBusValue]? {
        guard case .dictionary(.string, _, let entries) = unwrappingVariant else { return nil }
        var result: [String: DBusValue] = [:]
        for entry in entries {
            if case .string(let key) = entry.key { result[key] = entry.value.unwrappingVariant }
        }
        return result
    }

    /// The fields of a structure; `nil` for other values.
    public var structureFields: [DBusValue]? {
        if case .structure(let fields) = unwrappingVariant { return fields }
        return nil
    }
}

/// One entry of a D-Bus dictionary.
public struct DBusDictionaryEntry: Hashable, Sendable {
    /// The key; its type must be basic.
    public var key: DBusValue
    /// The value.
    public var value: DBusValue

    /// An entry.
    public init(key: DBusValue, value: DBusValue) {
        self.key = key
        self.value = value
    }
}

extension DBusValue: ExpressibleByStringLiteral {
    /// A string literal is a `s` value.
    public init(stringLiteral value: String) { self = .string(value) }
}

extension DBusValue: ExpressibleByBooleanLiteral {
    /// A boolean literal is a `b` value.
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
}

extension DBusValue: CustomStringConvertible {
    /// A compact, GVariant-like rendering for logs and test failures.
    public var description: String {
        switch self {
        case .byte(let value): return "byte \(value)"
        case .boolean(let value): return "\(value)"
        case .int16(let value): return "int16 \(value)"
        case .uint16(let value): return "uint16 \(value)"
        case .int32(let value): return "\(value)"
        case .uint32(let value): return "uint32 \(value)"
        case .int64(let value): return "int64 \(value)"
        case .uint64(let value): return "uint64 \(value)"
        case .double(let value): return "\(value)"
        case .string(let value): return "\"\(value)\""
        case .objectPath(let value): return "objectpath \"\(value)\""
        case .signature(let value): return "signature \"\(value)\""
        case .unixFD(let value): return "handle \(value.rawValue)"
        case .bytes(let value): return "bytes [\(value.map(String.init).joined(separator: ", "))]"
        case .array(_, let values): return "[\(values.map(\.description).joined(separator: ", "))]"
        case .dictionary(_, _, let entries):
            return "{\(entries.map { "\($0.key): \($0.value)" }.joined(separator: ", "))}"
        case .structure(let fields): return "(\(fields.map(\.description).joined(separator: ", ")))"
        case .variant(let inner): return "<\(inner)>"
        }
    }
}

extension DBusValue {
    /// Checks that the value can be sent: strings free of NUL characters, container elements of
    /// their declared types, dictionary keys basic, nesting and signatures within limits.
    ///
    /// - Throws: ``DBusError/invalidArgs(_:)`` naming the problem.
    public func validate() throws {
        try validate(depth: 0, typeChecked: false)
    }

    /// `typeChecked`: this value's own type was checked as part of its container's (an
    /// element of an array or a dictionary's value), so a container need not check it again —
    /// once per array, not once per element.
    private func validate(depth: Int, typeChecked: Bool) throws {
        // The protocol caps total container nesting at 64 (32 arrays + 32 structs).
        guard depth <= 64 else { throw DBusError.invalidArgs("value nests containers deeper than 64") }
        switch self {
        case .string(let text):
            // memchr over the UTF-8 storage: a byte-wise scan through the view costs about as
            // much as the whole call for a document-sized string (GetSequence's reply).
            let hasNUL = text.utf8.withContiguousStorageIfAvailable { bytes in
                bytes.baseAddress.map { memchr($0, 0, bytes.count) != nil } ?? false
            } ?? text.utf8.contains(0)
            if hasNUL {
                throw DBusError.invalidArgs("string contains a NUL character, which D-Bus strings cannot carry")
            }
        case .array(let elementType, let elements):
            if !typeChecked { try checkType(.array(elementType)) }
            for element in elements {
                guard element.matches(elementType) else {
                    throw DBusError.invalidArgs(
                        "array of \(elementType.readableName) holds an element of type \(element.type.readableName)")
                }
                try element.validate(depth: depth + 1, typeChecked: true)
            }
        case .dictionary(let keyType, let valueType, let entries):
            if !typeChecked { try checkType(.dictionary(key: keyType, value: valueType)) }
            for entry in entries {
                guard entry.key.matches(keyType), entry.value.matches(valueType) else {
                    throw DBusError.invalidArgs(
                        "dictionary of \(DBusType.dictionary(key: keyType, value: valueType).signature) holds an entry of types \(entry.key.type.signature) and \(entry.value.type.signature)")
                }
                try entry.key.validate(depth: depth + 1, typeChecked: true)
                try entry.value.validate(depth: depth + 1, typeChecked: true)
            }
        case .structure(let fields):
            guard !fields.isEmpty else { throw DBusError.invalidArgs("a struct must have at least one field") }
            for field in fields { try field.validate(depth: depth + 1, typeChecked: false) }
        case .variant(let inner):
            // A variant's content declares its own type, which nothing has checked yet.
            try inner.validate(depth: depth + 1, typeChecked: false)
            let type = inner.type
            if type.basicCode == nil, type.signature.utf8.count > SignatureParser.maximumLength {
                throw DBusError.invalidArgs("variant content signature is \(type.signature.utf8.count) bytes, the limit is 255")
            }
        default:
            break
        }
    }

    private func checkType(_ type: DBusType) throws {
        do {
            try type.validate()
        } catch let error as DBusError {
            throw DBusError.invalidArgs(error.message)
        }
    }

    /// Whether this value is of `type`, checking only the outer shape plus element types
    /// recorded in containers (their contents are checked by ``validate()``).
    func matches(_ type: DBusType) -> Bool {
        switch (self, type) {
        case (.byte, .byte), (.boolean, .boolean), (.int16, .int16), (.uint16, .uint16),
             (.int32, .int32), (.uint32, .uint32), (.int64, .int64), (.uint64, .uint64),
             (.double, .double), (.string, .string), (.objectPath, .objectPath),
             (.signature, .signature), (.unixFD, .unixFD), (.variant, .variant):
            return true
        case (.bytes, .array(.byte)):
            return true
        case (.array(let element, _), .array(let expected)):
            return element == expected
        case (.dictionary(let key, let value, _), .dictionary(let expectedKey, let expectedValue)):
            return key == expectedKey && value == expectedValue
        case (.structure(let fields), .structure(let expected)):
            guard fields.count == expected.count else { return false }
            return zip(fields, expected).allSatisfy { $0.matches($1) }
        default:
            return false
        }
    }
}
