/// A Swift type with a fixed D-Bus type, convertible to and from ``DBusValue``.
///
/// The standard integers, `Bool`, `Double`, `String`, ``ObjectPath``, ``DBusSignature``,
/// ``UnixFileDescriptor``, arrays and dictionaries of convertible types conform. ``DBusValue``
/// itself conforms as the variant type `v`, so `[String: DBusValue]` is `a{sv}`.
/// `RawRepresentable` types whose raw value conforms get the conformance for free; a struct
/// maps to a D-Bus struct by declaring its field types:
///
/// ```swift
/// struct Reference: DBusValueConvertible {
///     var package: String, name: String, version: UInt32
///     static let dbusType: DBusType = .structure([.string, .string, .uint32])
///     var dbusValue: DBusValue { .structure([.string(package), .string(name), .uint32(version)]) }
///     init(dbusValue: DBusValue) throws {
///         (package, name, version) = try dbusValue.fields(String.self, String.self, UInt32.self)
///     }
/// }
/// ```
public protocol DBusValueConvertible: Sendable {
    /// The D-Bus type every value of this Swift type has.
    static var dbusType: DBusType { get }
    /// This value as a ``DBusValue`` of ``dbusType``.
    var dbusValue: DBusValue { get }
    /// Converts back from a ``DBusValue``.
    ///
    /// - Throws: ``DBusError/invalidArgs(_:)`` when the value has another type.
    init(dbusValue: DBusValue) throws
}

extension DBusValue {
    /// The error thrown when a value does not have the type a conversion expects.
    static func typeMismatch(expected: DBusType, got value: DBusValue) -> DBusError {
        DBusError.invalidArgs("expected \(expected.readableName), got \(value.type.readableName)")
    }

    /// Makes a value from any convertible Swift value.
    public init(_ value: some DBusValueConvertible) {
        self = value.dbusValue
    }

    /// Converts this value to a Swift type.
    ///
    /// - Throws: ``DBusError/invalidArgs(_:)`` when the types do not match.
    public func decode<T: DBusValueConvertible>(_ type: T.Type = T.self) throws -> T {
        try T(dbusValue: self)
    }

    /// Converts the fields of a struct value, e.g. `let (a, b) = try value.fields(String.self, UInt32.self)`.
    ///
    /// - Throws: ``DBusError/invalidArgs(_:)`` when this is not a struct of those field types.
    public func fields<each T: DBusValueConvertible>(_ types: repeat (each T).Type) throws -> (repeat each T) {
        guard case .structure(let fields) = unwrappingVariant else {
            throw DBusError.invalidArgs("expected a struct, got \(type.readableName)")
        }
        return try fields.decode(repeat each types)
    }
}

extension Array where Element == DBusValue {
    /// Converts values positionally to Swift types:
    /// `let (name, count) = try arguments.decode(String.self, UInt32.self)`.
    ///
    /// - Throws: ``DBusError/invalidArgs(_:)`` naming the position when the count or a type
    ///   does not match.
    public func decode<each T: DBusValueConvertible>(_ types: repeat (each T).Type) throws -> (repeat each T) {
        var expectedCount = 0
        for _ in repeat each types { expectedCount += 1 }
        guard expectedCount == count else {
            throw DBusError.invalidArgs("expected \(expectedCount) values, got \(count)")
        }
        var index = 0
        func next<V: DBusValueConvertible>(_ type: V.Type) throws -> V {
            defer { index += 1 }
            do {
                return try V(dbusValue: self[index])
            } catch let error as DBusError {
                throw DBusError.invalidArgs("value \(index + 1): \(error.message)")
            }
        }
        return (repeat try next(each types))
    }
}

// MARK: Basic types

extension Bool: DBusValueConvertible {
    /// `b`
    public static var dbusType: DBusType { .boolean }
    /// `.boolean(self)`
    public var dbusValue: DBusValue { .boolean(self) }
    /// From `.boolean`.
    public init(dbusValue: DBusValue) throws {
        guard case .boolean(let value) = dbusValue else { throw DBusValue.typeMismatch(expected: .boolean, got: dbusValue) }
        self = value
    }
}

extension UInt8: DBusValueConvertible {
    /// `y`
    public static var dbusType: DBusType { .byte }
    /// `.byte(self)`
    public var dbusValue: DBusValue { .byte(self) }
    /// From `.byte`.
    public init(dbusValue: DBusValue) throws {
        guard case .byte(let value) = dbusValue else { throw DBusValue.typeMismatch(expected: .byte, got: dbusValue) }
        self = value
    }
}

extension Int16: DBusValueConvertible {
    /// `n`
    public static var dbusType: DBusType { .int16 }
    /// `.int16(self)`
    public var dbusValue: DBusValue { .int16(self) }
    /// From `.int16`.
    public init(dbusValue: DBusValue) throws {
        guard case .int16(let value) = dbusValue else { throw DBusValue.typeMismatch(expected: .int16, got: dbusValue) }
        self = value
    }
}

extension UInt16: DBusValueConvertible {
    /// `q`
    public static var dbusType: DBusType { .uint16 }
    /// `.uint16(self)`
    public var dbusValue: DBusValue { .uint16(self) }
    /// From `.uint16`.
    public init(dbusValue: DBusValue) throws {
        guard case .uint16(let value) = dbusValue else { throw DBusValue.typeMismatch(expected: .uint16, got: dbusValue) }
        self = value
    }
}

extension Int32: DBusValueConvertible {
    /// `i`
    public static var dbusType: DBusType { .int32 }
    /// `.int32(self)`
    public var dbusValue: DBusValue { .int32(self) }
    /// From `.int32`.
    public init(dbusValue: DBusValue) throws {
        guard case .int32(let value) = dbusValue else { throw DBusValue.typeMismatch(expected: .int32, got: dbusValue) }
        self = value
    }
}

extension UInt32: DBusValueConvertible {
    /// `u`
    public static var dbusType: DBusType { .uint32 }
    /// `.uint32(self)`
    public var dbusValue: DBusValue { .uint32(self) }
    /// From `.uint32`.
    public init(dbusValue: DBusValue) throws {
        guard case .uint32(let value) = dbusValue else { throw DBusValue.typeMismatch(expected: .uint32, got: dbusValue) }
        self = value
    }
}

extension Int64: DBusValueConvertible {
    /// `x`
    public static var dbusType: DBusType { .int64 }
    /// `.int64(self)`
    public var dbusValue: DBusValue { .int64(self) }
    /// From `.int64`.
    public init(dbusValue: DBusValue) throws {
        guard case .int64(let value) = dbusValue else { throw DBusValue.typeMismatch(expected: .int64, got: dbusValue) }
        self = value
    }
}

extension UInt64: DBusValueConvertible {
    /// `t`
    public static var dbusType: DBusType { .uint64 }
    /// `.uint64(self)`
    public var dbusValue: DBusValue { .uint64(self) }
    /// From `.uint64`.
    public init(dbusValue: DBusValue) throws {
        guard case .uint64(let value) = dbusValue else { throw DBusValue.typeMismatch(expected: .uint64, got: dbusValue) }
        self = value
    }
}

extension Int: DBusValueConvertible {
    /// `x`: Swift's `Int` travels as a signed 64-bit integer.
    public static var dbusType: DBusType { .int64 }
    /// `.int64(self)`
    public var dbusValue: DBusValue { .int64(Int64(self)) }
    /// From `.int64`.
    public init(dbusValue: DBusValue) throws {
        guard case .int64(let value) = dbusValue else { throw DBusValue.typeMismatch(expected: .int64, got: dbusValue) }
        self = Int(value)
    }
}

extension Double: DBusValueConvertible {
    /// `d`
    public static var dbusType: DBusType { .double }
    /// `.double(self)`
    public var dbusValue: DBusValue { .double(self) }
    /// From `.double`.
    public init(dbusValue: DBusValue) throws {
        guard case .double(let value) = dbusValue else { throw DBusValue.typeMismatch(expected: .double, got: dbusValue) }
        self = value
    }
}

extension String: DBusValueConvertible {
    /// `s`
    public static var dbusType: DBusType { .string }
    /// `.string(self)`
    public var dbusValue: DBusValue { .string(self) }
    /// From `.string`.
    public init(dbusValue: DBusValue) throws {
        guard case .string(let value) = dbusValue else { throw DBusValue.typeMismatch(expected: .string, got: dbusValue) }
        self = value
    }
}

extension ObjectPath: DBusValueConvertible {
    /// `o`
    public static var dbusType: DBusType { .objectPath }
    /// `.objectPath(self)`
    public var dbusValue: DBusValue { .objectPath(self) }
    /// From `.objectPath`.
    public init(dbusValue: DBusValue) throws {
        guard case .objectPath(let value) = dbusValue else { throw DBusValue.typeMismatch(expected: .objectPath, got: dbusValue) }
        self = value
    }
}

extension DBusSignature: DBusValueConvertible {
    /// `g`
    public static var dbusType: DBusType { .signature }
    /// `.signature(self)`
    public var dbusValue: DBusValue { .signature(self) }
    /// From `.signature`.
    public init(dbusValue: DBusValue) throws {
        guard case .signature(let value) = dbusValue else { throw DBusValue.typeMismatch(expected: .signature, got: dbusValue) }
        self = value
    }
}

extension UnixFileDescriptor: DBusValueConvertible {
    /// `h`
    public static var dbusType: DBusType { .unixFD }
    /// `.unixFD(self)`
    public var dbusValue: DBusValue { .unixFD(self) }
    /// From `.unixFD`; a class can't reassign `self`, so this duplicates the descriptor.
    public convenience init(dbusValue: DBusValue) throws {
        guard case .unixFD(let value) = dbusValue else { throw DBusValue.typeMismatch(expected: .unixFD, got: dbusValue) }
        try self.init(duplicating: value.rawValue)
    }
}

extension DBusValue: DBusValueConvertible {
    /// `v`: a `DBusValue` used where a convertible type is expected stands for a variant.
    public static var dbusType: DBusType { .variant }
    /// The value wrapped in a variant.
    public var dbusValue: DBusValue { .variant(self) }
    /// The content of a variant.
    public init(dbusValue: DBusValue) throws {
        guard case .variant(let inner) = dbusValue else { throw DBusValue.typeMismatch(expected: .variant, got: dbusValue) }
        self = inner
    }
}

// MARK: Containers

extension Array: DBusValueConvertible where Element: DBusValueConvertible {
    /// `aT` for the element type.
    public static var dbusType: DBusType { .array(Element.dbusType) }

    /// An array value; `[UInt8]` becomes the contiguous ``DBusValue/bytes(_:)``.
    public var dbusValue: DBusValue {
        // The type test first: an empty array of any element type casts to `[UInt8]`.
        if Element.self == UInt8.self, let bytes = self as? [UInt8] { return .bytes(bytes) }
        return .array(Element.dbusType, map(\.dbusValue))
    }

    /// From an array value of the element type.
    public init(dbusValue: DBusValue) throws {
        switch dbusValue {
        case .bytes(let bytes) where Element.self == UInt8.self:
            if let same = bytes as? [Element] {
                self = same
                return
            }
            self = try bytes.map { try Element(dbusValue: .byte($0)) }
        case .bytes(let bytes):
            self = try bytes.map { try Element(dbusValue: .byte($0)) }
        case .array(let elementType, let elements) where elementType == Element.dbusType:
            self = try elements.map { try Element(dbusValue: $0) }
        default:
            throw DBusValue.typeMismatch(expected: Self.dbusType, got: dbusValue)
        }
    }
}

extension Dictionary: DBusValueConvertible where Key: DBusValueConvertible, Value: DBusValueConvertible {
    /// `a{KV}`.
    public static var dbusType: DBusType { .dictionary(key: Key.dbusType, value: Value.dbusType) }

    /// A dictionary value; entries are sorted by key text so output is deterministic.
    public var dbusValue: DBusValue {
        let entries = map { DBusDictionaryEntry(key: $0.key.dbusValue, value: $0.value.dbusValue) }
            .sorted { $0.key.description < $1.key.description }
        return .dictionary(key: Key.dbusType, value: Value.dbusType, entries)
    }

    /// From a dictionary value of the same key and value types; a repeated key keeps its last value.
    public init(dbusValue: DBusValue) throws {
        guard case .dictionary(let keyType, let valueType, let entries) = dbusValue,
              keyType == Key.dbusType, valueType == Value.dbusType else {
            throw DBusValue.typeMismatch(expected: Self.dbusType, got: dbusValue)
        }
        var result: [Key: Value] = [:]
        result.reserveCapacity(entries.count)
        for entry in entries {
            result[try Key(dbusValue: entry.key)] = try Value(dbusValue: entry.value)
        }
        self = result
    }
}

extension DBusValueConvertible where Self: RawRepresentable, RawValue: DBusValueConvertible {
    /// The raw value's D-Bus type.
    public static var dbusType: DBusType { RawValue.dbusType }
    /// The raw value.
    public var dbusValue: DBusValue { rawValue.dbusValue }
    /// From the raw value; an unknown raw value is ``DBusError/invalidArgs(_:)``.
    public init(dbusValue: DBusValue) throws {
        let raw = try RawValue(dbusValue: dbusValue)
        guard let value = Self(rawValue: raw) else {
            throw DBusError.invalidArgs("\(raw) is not a valid \(Self.self)")
        }
        self = value
    }
}
