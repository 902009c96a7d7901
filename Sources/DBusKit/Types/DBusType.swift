/// One complete D-Bus type: what the signature of a single value describes.
///
/// Build types directly (`.dictionary(key: .string, value: .variant)`) or parse them from a
/// signature with ``DBusType/init(parsing:)``. A programmatically built type can still break a
/// protocol rule (a dictionary keyed by a container, an empty structure, nesting deeper than 32);
/// ``validate()`` reports that, and every entry point that sends a type validates it first.
public indirect enum DBusType: Hashable, Sendable, CustomStringConvertible {
    /// `y`: an unsigned 8-bit integer.
    case byte
    /// `b`: a boolean.
    case boolean
    /// `n`: a signed 16-bit integer.
    case int16
    /// `q`: an unsigned 16-bit integer.
    case uint16
    /// `i`: a signed 32-bit integer.
    case int32
    /// `u`: an unsigned 32-bit integer.
    case uint32
    /// `x`: a signed 64-bit integer.
    case int64
    /// `t`: an unsigned 64-bit integer.
    case uint64
    /// `d`: an IEEE 754 double.
    case double
    /// `s`: a UTF-8 string without NUL characters.
    case string
    /// `o`: an object path.
    case objectPath
    /// `g`: a type signature.
    case signature
    /// `h`: a Unix file descriptor passed along with the message.
    case unixFD
    /// `v`: a value of any type, carrying its own signature.
    case variant
    /// `aT`: an array of elements of one type.
    case array(DBusType)
    /// `a{KV}`: a dictionary; keys must be basic types.
    case dictionary(key: DBusType, value: DBusType)
    /// `(T…)`: a structure of one or more fields.
    case structure([DBusType])

    /// The signature text of this type, e.g. `a{sv}`.
    public var signature: String {
        // A basic type's signature is one letter: no string to build (every variant written
        // asks for its content's signature).
        if let code = basicCode { return String(UnicodeScalar(code)) }
        var text = ""
        appendSignature(to: &text)
        return text
    }

    /// The type code of a basic type or variant (`s`, `u` …); `nil` for containers.
    var basicCode: UInt8? {
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
        case .array, .dictionary, .structure: nil
        }
    }

    /// The signature text, so types print as D-Bus writes them.
    public var description: String { signature }

    /// Whether the type is basic: every type except containers and variants. Only basic types
    /// may key a dictionary.
    public var isBasic: Bool {
        switch self {
        case .array, .dictionary, .structure, .variant: return false
        default: return true
        }
    }

    /// Whether values of this type have a fixed size (`y b n q i u x t d h`); arrays of these
    /// are marshalled in one block.
    public var isFixedSize: Bool {
        switch self {
        case .byte, .boolean, .int16, .uint16, .int32, .uint32, .int64, .uint64, .double, .unixFD:
            return true
        default:
            return false
        }
    }

    /// A readable name for messages, e.g. `uint32 ('u')`.
    public var readableName: String {
        let name: String
        switch self {
        case .byte: name = "byte"
        case .boolean: name = "boolean"
        case .int16: name = "int16"
        case .uint16: name = "uint16"
        case .int32: name = "int32"
        case .uint32: name = "uint32"
        case .int64: name = "int64"
        case .uint64: name = "uint64"
        case .double: name = "double"
        case .string: name = "string"
        case .objectPath: name = "object path"
        case .signature: name = "signature"
        case .unixFD: name = "file descriptor"
        case .variant: name = "variant"
        case .array: name = "array"
        case .dictionary: name = "dictionary"
        case .structure: name = "struct"
        }
        return "\(name) ('\(signature)')"
    }

    /// Parses exactly one complete type, e.g. `a{sv}`.
    ///
    /// - Throws: ``DBusError/invalidSignature(_:)`` when the text is not exactly one valid type.
    public init(parsing signature: String) throws {
        let types = try SignatureParser.parse(signature)
        guard types.count == 1, let only = types.first else {
            throw DBusError.invalidSignature(
                "'\(signature)' must hold exactly one complete type, it holds \(types.count)")
        }
        self = only
    }

    /// Checks the protocol rules a programmatically built type could break: dictionary keys
    /// must be basic, structures non-empty, nesting at most 32 arrays and 32 structures, and the
    /// signature at most 255 bytes.
    ///
    /// - Throws: ``DBusError/invalidSignature(_:)`` naming the rule.
    public func validate() throws {
        try validate(arrayDepth: 0, structDepth: 0)
        let length = signature.utf8.count
        if length > SignatureParser.maximumLength {
            throw DBusError.invalidSignature(
                "signature '\(signature)' is \(length) bytes, the limit is \(SignatureParser.maximumLength)")
        }
    }

    private func validate(arrayDepth: Int, structDepth: Int) throws {
        switch self {
        case .array(let element):
            try Self.checkDepth(arrayDepth + 1, structDepth)
            try element.validate(arrayDepth: arrayDepth + 1, structDepth: structDepth)
        case .dictionary(let key, let value):
            try Self.checkDepth(arrayDepth + 1, structDepth + 1)
            guard key.isBasic else {
                throw DBusError.invalidSignature(
                    "dictionary key must be a basic type, not \(key.readableName)")
            }
            try value.validate(arrayDepth: arrayDepth + 1, structDepth: structDepth + 1)
        case .structure(let fields):
            try Self.checkDepth(arrayDepth, structDepth + 1)
            guard !fields.isEmpty else {
                throw DBusError.invalidSignature("a struct must have at least one field")
            }
            for field in fields {
                try field.validate(arrayDepth: arrayDepth, structDepth: structDepth + 1)
            }
        default:
            break
        }
    }

    private static func checkDepth(_ arrays: Int, _ structs: Int) throws {
        if arrays > 32 { throw DBusError.invalidSignature("arrays nest deeper than 32") }
        if structs > 32 { throw DBusError.invalidSignature("structs nest deeper than 32") }
    }

    func appendSignature(to text: inout String) {
        switch self {
        case .byte: text.append("y")
        case .boolean: text.append("b")
        case .int16: text.append("n")
        case .uint16: text.append("q")
        case .int32: text.append("i")
        case .uint32: text.append("u")
        case .int64: text.append("x")
        case .uint64: text.append("t")
        case .double: text.append("d")
        case .string: text.append("s")
        case .objectPath: text.append("o")
        case .signature: text.append("g")
        case .unixFD: text.append("h")
        case .variant: text.append("v")
        case .array(let element):
            text.append("a")
            element.appendSignature(to: &text)
        case .dictionary(let key, let value):
            text.append("a{")
            key.appendSignature(to: &text)
            value.appendSignature(to: &text)
            text.append("}")
        case .structure(let fields):
            text.append("(")
            for field in fields { field.appendSignature(to: &text) }
            text.append(")")
        }
    }

    /// The libdbus type code (`DBUS_TYPE_*`) of the outermost type.
    var typeCode: Int32 {
        switch self {
        case .byte: return TypeCode.byte
        case .boolean: return TypeCode.boolean
        case .int16: return TypeCode.int16
        case .uint16: return TypeCode.uint16
        case .int32: return TypeCode.int32
        case .uint32: return TypeCode.uint32
        case .int64: return TypeCode.int64
        case .uint64: return TypeCode.uint64
        case .double: return TypeCode.double
        case .string: return TypeCode.string
        case .objectPath: return TypeCode.objectPath
        case .signature: return TypeCode.signature
        case .unixFD: return TypeCode.unixFD
        case .variant: return TypeCode.variant
        case .array, .dictionary: return TypeCode.array
        case .structure: return TypeCode.structure
        }
    }
}

/// The `DBUS_TYPE_*` codes: C macros Swift cannot import.
enum TypeCode {
    static let invalid: Int32 = 0
    static let byte = Int32(UInt8(ascii: "y"))
    static let boolean = Int32(UInt8(ascii: "b"))
    static let int16 = Int32(UInt8(ascii: "n"))
    static let uint16 = Int32(UInt8(ascii: "q"))
    static let int32 = Int32(UInt8(ascii: "i"))
    static let uint32 = Int32(UInt8(ascii: "u"))
    static let int64 = Int32(UInt8(ascii: "x"))
    static let uint64 = Int32(UInt8(ascii: "t"))
    static let double = Int32(UInt8(ascii: "d"))
    static let string = Int32(UInt8(ascii: "s"))
    static let objectPath = Int32(UInt8(ascii: "o"))
    static let signature = Int32(UInt8(ascii: "g"))
    static let unixFD = Int32(UInt8(ascii: "h"))
    static let array = Int32(UInt8(ascii: "a"))
    static let variant = Int32(UInt8(ascii: "v"))
    static let structure = Int32(UInt8(ascii: "r"))
    static let dictEntry = Int32(UInt8(ascii: "e"))
}
