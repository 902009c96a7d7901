/// A validated D-Bus type signature: a sequence of complete types, e.g. `sa{sv}u`.
///
/// Message bodies, method arguments and variants are described by signatures. Creating one
/// checks every protocol rule, so a `DBusSignature` is always safe to hand to libdbus.
public struct DBusSignature: Hashable, Sendable, CustomStringConvertible {
    /// The signature text.
    public let rawValue: String
    /// The complete types, in order.
    public let types: [DBusType]

    /// The empty signature: no values.
    public static let empty = DBusSignature(validated: "", types: [])

    /// Parses and validates a signature.
    ///
    /// - Throws: ``DBusError/invalidSignature(_:)`` naming what is wrong and where.
    public init(_ rawValue: String) throws {
        self.types = try SignatureParser.parse(rawValue)
        self.rawValue = rawValue
    }

    /// The signature of a sequence of types.
    ///
    /// - Throws: ``DBusError/invalidSignature(_:)`` when a type breaks a protocol rule or the
    ///   signature grows beyond 255 bytes.
    public init(_ types: [DBusType]) throws {
        var text = ""
        for type in types {
            try type.validate()
            type.appendSignature(to: &text)
        }
        guard text.utf8.count <= SignatureParser.maximumLength else {
            throw DBusError.invalidSignature(
                "signature is \(text.utf8.count) bytes, the limit is \(SignatureParser.maximumLength)")
        }
        self.rawValue = text
        self.types = types
    }

    init(validated rawValue: String, types: [DBusType]) {
        self.rawValue = rawValue
        self.types = types
    }

    /// The signature text.
    public var description: String { rawValue }

    /// Signatures are equal when their text is.
    public static func == (lhs: DBusSignature, rhs: DBusSignature) -> Bool { lhs.rawValue == rhs.rawValue }

    /// Hashes the signature text.
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
}

/// Parses signature text into types, enforcing the protocol's limits.
enum SignatureParser {
    static let maximumLength = 255
    private static let maximumArrayDepth = 32
    private static let maximumStructDepth = 32

    static func parse(_ text: String) throws -> [DBusType] {
        let bytes = Array(text.utf8)
        guard bytes.count <= maximumLength else {
            throw DBusError.invalidSignature(
                "signature is \(bytes.count) bytes, the limit is \(maximumLength)")
        }
        var position = 0
        var types: [DBusType] = []
        while position < bytes.count {
            types.append(try parseType(bytes, &position, arrayDepth: 0, structDepth: 0, text: text))
        }
        return types
    }

    private static func parseType(
        _ bytes: [UInt8], _ position: inout Int, arrayDepth: Int, structDepth: Int, text: String
    ) throws -> DBusType {
        guard position < bytes.count else {
            throw DBusError.invalidSignature("signature '\(text)' ends in the middle of a type")
        }
        let code = bytes[position]
        let start = position
        position += 1
        switch code {
        case UInt8(ascii: "y"): return .byte
        case UInt8(ascii: "b"): return .boolean
        case UInt8(ascii: "n"): return .int16
        case UInt8(ascii: "q"): return .uint16
        case UInt8(ascii: "i"): return .int32
        case UInt8(ascii: "u"): return .uint32
        case UInt8(ascii: "x"): return .int64
        case UInt8(ascii: "t"): return .uint64
        case UInt8(ascii: "d"): return .double
        case UInt8(ascii: "s"): return .string
        case UInt8(ascii: "o"): return .objectPath
        case UInt8(ascii: "g"): return .signature
        case UInt8(ascii: "h"): return .unixFD
        case UInt8(ascii: "v"): return .variant
        case UInt8(ascii: "a"):
            guard arrayDepth < maximumArrayDepth else {
                throw DBusError.invalidSignature("signature '\(text)' nests arrays deeper than 32")
            }
            if position < bytes.count, bytes[position] == UInt8(ascii: "{") {
                position += 1
                guard structDepth < maximumStructDepth else {
                    throw DBusError.invalidSignature("signature '\(text)' nests containers deeper than 32")
                }
                let key = try parseType(
                    bytes, &position, arrayDepth: arrayDepth + 1, structDepth: structDepth + 1, text: text)
                guard key.isBasic else {
                    throw DBusError.invalidSignature(
                        "signature '\(text)': dictionary key at byte \(start + 2) must be a basic type, not \(key.readableName)")
                }
                let value = try parseType(
                    bytes, &position, arrayDepth: arrayDepth + 1, structDepth: structDepth + 1, text: text)
                guard position < bytes.count, bytes[position] == UInt8(ascii: "}") else {
                    throw DBusError.invalidSignature(
                        "signature '\(text)': dictionary entry at byte \(start + 1) must hold exactly a key and a value")
                }
                position += 1
                return .dictionary(key: key, value: value)
            }
            let element = try parseType(
                bytes, &position, arrayDepth: arrayDepth + 1, structDepth: structDepth, text: text)
            return .array(element)
        case UInt8(ascii: "("):
            guard structDepth < maximumStructDepth else {
                throw DBusError.invalidSignature("signature '\(text)' nests structs deeper than 32")
            }
            var fields: [DBusType] = []
            while true {
                guard position < bytes.count else {
                    throw DBusError.invalidSignature("signature '\(text)': struct at byte \(start) is not closed")
                }
                if bytes[position] == UInt8(ascii: ")") {
                    position += 1
                    break
                }
                fields.append(try parseType(
                    bytes, &position, arrayDepth: arrayDepth, structDepth: structDepth + 1, text: text))
            }
            guard !fields.isEmpty else {
                throw DBusError.invalidSignature("signature '\(text)': struct at byte \(start) is empty")
            }
            return .structure(fields)
        default:
            let character = code < 0x80 && code >= 0x20 ? "'\(Character(Unicode.Scalar(code)))'" : "byte \(code)"
            throw DBusError.invalidSignature(
                "signature '\(text)': \(character) at byte \(start) is not a complete type")
        }
    }
}
