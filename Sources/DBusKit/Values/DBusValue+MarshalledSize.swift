extension DBusType {
    /// The boundary values of this type start on in the wire format.
    var wireAlignment: Int {
        switch self {
        case .byte, .signature, .variant: 1
        case .int16, .uint16: 2
        case .boolean, .int32, .uint32, .unixFD, .string, .objectPath, .array, .dictionary: 4
        case .int64, .uint64, .double, .structure: 8
        }
    }

    /// The alignment of an array's elements (dictionary entries start on 8, like structures).
    var elementAlignment: Int {
        switch self {
        case .array(let element): element.wireAlignment
        case .dictionary: 8
        default: wireAlignment
        }
    }
}

extension DBusValue {
    /// Where this value ends when marshalled at byte `offset` of a message body: the exact
    /// wire size, padding included, so a reply can be measured before libdbus builds it.
    func marshalledEnd(from offset: Int) -> Int {
        let start = Self.align(offset, to: valueAlignment)
        switch self {
        case .byte: return start + 1
        case .int16, .uint16: return start + 2
        case .boolean, .int32, .uint32, .unixFD: return start + 4
        case .int64, .uint64, .double: return start + 8
        case .string(let text): return start + 4 + text.utf8.count + 1
        case .objectPath(let path): return start + 4 + path.rawValue.utf8.count + 1
        case .signature(let signature): return start + 1 + signature.rawValue.utf8.count + 1
        case .bytes(let bytes): return start + 4 + bytes.count
        case .array(let element, let values):
            var end = Self.align(start + 4, to: element.wireAlignment)
            for value in values { end = value.marshalledEnd(from: end) }
            return end
        case .dictionary(_, _, let entries):
            var end = Self.align(start + 4, to: 8)
            for entry in entries { end = entry.marshalledEnd(from: end) }
            return end
        case .structure(let fields):
            var end = start
            for field in fields { end = field.marshalledEnd(from: end) }
            return end
        case .variant(let inner):
            let innerType = inner.type
            let signatureEnd = start + 1 + (innerType.basicCode == nil ? innerType.signature.utf8.count : 1) + 1
            return inner.marshalledEnd(from: signatureEnd)
        }
    }

    /// `type.wireAlignment` without building the type (a dictionary's or structure's type is a
    /// new value on the heap — once per row of a query's reply).
    private var valueAlignment: Int {
        switch self {
        case .byte, .signature, .variant: 1
        case .int16, .uint16: 2
        case .boolean, .int32, .uint32, .unixFD, .string, .objectPath, .bytes, .array, .dictionary: 4
        case .int64, .uint64, .double, .structure: 8
        }
    }

    /// The wire size of `values` as a message body, in bytes (the header comes on top).
    public static func marshalledSize(of values: [DBusValue]) -> Int {
        values.reduce(0) { $1.marshalledEnd(from: $0) }
    }

    static func align(_ offset: Int, to boundary: Int) -> Int {
        (offset + boundary - 1) / boundary * boundary
    }
}

extension DBusDictionaryEntry {
    /// Where this entry ends when marshalled at `offset` (entries start on 8 bytes).
    func marshalledEnd(from offset: Int) -> Int {
        value.marshalledEnd(from: key.marshalledEnd(from: DBusValue.align(offset, to: 8)))
    }
}
