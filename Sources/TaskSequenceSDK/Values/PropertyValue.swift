import DBusKit

/// A property value as the provider serves it: text, a flag, a number, or a list or dictionary
/// of those (query rows, class schemas).
///
/// Literals make values directly — `"cmd /c dir"`, `true`, `15` — so settings read naturally:
///
/// ```swift
/// try step.setSettings(["CommandLine": "cmd /c dir", "DisableWow64Redirection": true])
/// ```
///
/// Encoded as JSON it is the plain JSON value (`"text"`, `true`, `15`, `[…]`, `{…}`).
public enum PropertyValue: Sendable, Hashable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    /// Text (also object paths and signatures the provider returns).
    case string(String)
    /// A flag.
    case bool(Bool)
    /// A whole number (every D-Bus integer type but `t` values above `Int64.max`).
    case int(Int64)
    /// A floating-point number.
    case double(Double)
    /// A list.
    case list([PropertyValue])
    /// A dictionary with text keys.
    case dictionary([String: PropertyValue])

    /// A string literal is ``string(_:)``.
    public init(stringLiteral value: String) { self = .string(value) }
    /// A boolean literal is ``bool(_:)``.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// An integer literal is ``int(_:)``.
    public init(integerLiteral value: Int64) { self = .int(value) }
    /// A floating-point literal is ``double(_:)``.
    public init(floatLiteral value: Double) { self = .double(value) }

    /// The text of a ``string(_:)``; `nil` for other values.
    public var stringValue: String? {
        if case .string(let text) = self { text } else { nil }
    }

    /// The flag of a ``bool(_:)``, or of text `true`/`false` (any case).
    public var boolValue: Bool? {
        switch self {
        case .bool(let flag): flag
        case .string(let text): ["true": true, "false": false][text.lowercased()]
        default: nil
        }
    }

    /// The number of an ``int(_:)``, or of text holding one.
    public var intValue: Int64? {
        switch self {
        case .int(let number): number
        case .string(let text): Int64(text)
        default: nil
        }
    }

    /// The value as one line of text: what a table cell shows (`true`, `15`, `a, b`).
    public var text: String {
        switch self {
        case .string(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .int(let number): String(number)
        case .double(let number): String(number)
        case .list(let values): values.map(\.text).joined(separator: ", ")
        case .dictionary(let entries): entries.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.text)" }.joined(separator: ", ")
        }
    }

    /// The ``text``.
    public var description: String { text }

    // MARK: Codable

    /// Decodes a plain JSON value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Int64.self) {
            self = .int(number)
        } else if let number = try? container.decode(Double.self) {
            self = .double(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let values = try? container.decode([PropertyValue].self) {
            self = .list(values)
        } else {
            self = .dictionary(try container.decode([String: PropertyValue].self))
        }
    }

    /// Encodes the plain JSON value.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .bool(let flag): try container.encode(flag)
        case .int(let number): try container.encode(number)
        case .double(let number): try container.encode(number)
        case .list(let values): try container.encode(values)
        case .dictionary(let entries): try container.encode(entries)
        }
    }
}

// MARK: D-Bus conversion

extension PropertyValue {
    /// The value a D-Bus value stands for; variants are unwrapped, byte arrays become lists of
    /// numbers, file descriptors their number.
    init(_ value: DBusValue) {
        switch value.unwrappingVariant {
        case .byte(let number): self = .int(Int64(number))
        case .boolean(let flag): self = .bool(flag)
        case .int16(let number): self = .int(Int64(number))
        case .uint16(let number): self = .int(Int64(number))
        case .int32(let number): self = .int(Int64(number))
        case .uint32(let number): self = .int(Int64(number))
        case .int64(let number): self = .int(number)
        case .uint64(let number): self = number <= UInt64(Int64.max) ? .int(Int64(number)) : .double(Double(number))
        case .double(let number): self = .double(number)
        case .string(let text): self = .string(text)
        case .objectPath(let path): self = .string(path.rawValue)
        case .signature(let signature): self = .string(signature.description)
        case .unixFD(let descriptor): self = .int(Int64(descriptor.rawValue))
        case .bytes(let bytes): self = .list(bytes.map { .int(Int64($0)) })
        case .array(_, let values): self = .list(values.map(PropertyValue.init))
        case .structure(let fields): self = .list(fields.map(PropertyValue.init))
        case .dictionary(_, _, let entries):
            var result: [String: PropertyValue] = [:]
            for entry in entries { result[PropertyValue(entry.key).text] = PropertyValue(entry.value) }
            self = .dictionary(result)
        case .variant(let inner): self = PropertyValue(inner)
        }
    }

    /// The value to put in an `a{sv}` argument: basic values keep their type (the provider
    /// reads them as text), containers become arrays and dictionaries of variants.
    var dbusValue: DBusValue {
        switch self {
        case .string(let text): .string(text)
        case .bool(let flag): .boolean(flag)
        case .int(let number): .int64(number)
        case .double(let number): .double(number)
        case .list(let values): .array(.variant, values.map { .variant($0.dbusValue) })
        case .dictionary(let entries): .stringVariantDictionary(entries.mapValues(\.dbusValue))
        }
    }

    /// The value as a property of D-Bus type `type` (for `Properties.Set`, which wants the
    /// declared type exactly).
    ///
    /// - Throws: `ProviderError.invalidArguments(_:)` when the value does not fit the type.
    func dbusValue(as type: DBusType, property: String) throws -> DBusValue {
        func mismatch() -> ProviderError {
            .invalidArguments("\(property) takes \(type.readableName), not '\(text)'")
        }
        switch type {
        case .string: return .string(text)
        case .boolean:
            guard let flag = boolValue else { throw mismatch() }
            return .boolean(flag)
        case .uint32:
            guard let number = intValue, let value = UInt32(exactly: number) else { throw mismatch() }
            return .uint32(value)
        case .int32:
            guard let number = intValue, let value = Int32(exactly: number) else { throw mismatch() }
            return .int32(value)
        default:
            return dbusValue
        }
    }
}

/// `[String: PropertyValue]` as the `a{sv}` the provider's methods take.
extension Dictionary where Key == String, Value == PropertyValue {
    var dbusDictionary: DBusValue { .stringVariantDictionary(mapValues(\.dbusValue)) }
}
