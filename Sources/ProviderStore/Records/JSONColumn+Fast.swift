import TaskSequenceModel

/// Hand-written JSON for the values every stored step, variable and operand carries.
///
/// Foundation's `JSONEncoder` took almost half of an import's instructions (tens of thousands
/// of small attribute lists per corpus). These write the very text `JSONColumn.encode` writes
/// with its encoder — same shape, sorted keys, same escapes — so stored text does not depend on
/// which path wrote it (a test compares them); reading still goes through `JSONDecoder`.
extension JSONColumn {
    /// `[["name","value"],…]`, as `AttributeList` encodes itself.
    static func encode(_ list: AttributeList) throws -> String {
        var json = JSONText(capacity: 16 + list.count * 32)
        json.append(list)
        return json.string
    }

    /// A layout: written by hand when it holds only markers (`action`, `variables`,
    /// `condition`), the common case; by the encoder when it keeps other nodes whole.
    static func encode(_ layout: [LayoutEntry]) throws -> String {
        var json = JSONText(capacity: 2 + layout.count * 64)
        json.append("[")
        for (index, entry) in layout.enumerated() {
            let (name, attributes): (StaticString, AttributeList)
            switch entry.node {
            case .action(let list): (name, attributes) = ("action", list)
            case .variables(let list): (name, attributes) = ("variables", list)
            case .condition(let list): (name, attributes) = ("condition", list)
            case .node: return try encodeWithEncoder(layout)
            }
            if index > 0 { json.append(",") }
            json.append("{\"anchor\":")
            json.append(entry.anchor)
            json.append(",\"node\":{\"")
            json.append(name)
            json.append("\":{\"_0\":")
            json.append(attributes)
            json.append("}}}")
        }
        json.append("]")
        return json.string
    }

    /// A condition expression's properties: written by hand when they are all `<variable>`s,
    /// the common case; by the encoder when one is kept as foreign markup.
    static func encode(_ entries: [VariableListEntry]) throws -> String {
        var json = JSONText(capacity: 2 + entries.count * 64)
        json.append("[")
        for (index, entry) in entries.enumerated() {
            guard case .variable(let variable) = entry else { return try encodeWithEncoder(entries) }
            if index > 0 { json.append(",") }
            json.append("{\"variable\":{\"_0\":{\"attributes\":")
            json.append(variable.attributes)
            json.append(",\"value\":")
            json.appendString(variable.value)
            json.append("}}}")
        }
        json.append("]")
        return json.string
    }
}

/// JSON text built as UTF-8 bytes and made a `String` once, escaped as Foundation's
/// `JSONEncoder` escapes it with `.withoutEscapingSlashes`. Appending to a `String` piece by
/// piece cost about a thousand instructions a value (5% of an import).
struct JSONText {
    private var bytes: [UInt8] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// JSON text already written (a nested value).
    mutating func appendRaw(_ json: String) {
        bytes.append(contentsOf: json.utf8)
    }

    mutating func append(_ number: Int) {
        bytes.append(contentsOf: String(number).utf8)
    }

    /// `[["name","value"],…]`.
    mutating func append(_ list: AttributeList) {
        append("[")
        var first = true
        for attribute in list {
            append(first ? "[" : ",[")
            first = false
            appendString(attribute.name)
            append(",")
            appendString(attribute.value)
            append("]")
        }
        append("]")
    }

    /// `string` quoted, with runs that need no escape copied whole. Eight bytes are checked at
    /// once: a step's script or command line is kilobytes of text with nothing to escape, and a
    /// byte-by-byte scan of every value was a twentieth of an import.
    mutating func appendString(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { utf8 in
            guard let base = utf8.baseAddress else { return }
            let count = utf8.count
            var runStart = 0, index = 0
            while index < count {
                if index + 8 <= count, !Self.needsEscape(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
                    index += 8
                    continue
                }
                let byte = base[index]
                if byte >= 0x20, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
                    index += 1
                    continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: index - runStart))
                appendEscape(of: byte)
                index += 1
                runStart = index
            }
            bytes.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: count - runStart))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Whether any of the eight bytes of `word` is a control character, `"` or `\`.
    private static func needsEscape(_ word: UInt64) -> Bool {
        ByteScan.word(word, hasByteBelow: 0x20) || ByteScan.word(word, contains: UInt8(ascii: "\"")) || ByteScan.word(word, contains: UInt8(ascii: "\\"))
    }

    private mutating func appendEscape(of byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): append("\\\"")
        case UInt8(ascii: "\\"): append("\\\\")
        case 0x08: append("\\b")
        case 0x0C: append("\\f")
        case UInt8(ascii: "\n"): append("\\n")
        case UInt8(ascii: "\r"): append("\\r")
        case UInt8(ascii: "\t"): append("\\t")
        default:
            let hex = Array("0123456789abcdef".utf8)
            append("\\u00")
            bytes.append(hex[Int(byte >> 4)])
            bytes.append(hex[Int(byte & 0x0F)])
        }
    }
}
