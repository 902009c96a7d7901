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
        var text = ""
        text.reserveCapacity(16 + list.count * 32)
        JSONText.append(list, to: &text)
        return text
    }

    /// A layout: written by hand when it holds only markers (`action`, `variables`,
    /// `condition`), the common case; by the encoder when it keeps other nodes whole.
    static func encode(_ layout: [LayoutEntry]) throws -> String {
        var text = "["
        for (index, entry) in layout.enumerated() {
            let (name, attributes): (String, AttributeList)
            switch entry.node {
            case .action(let list): (name, attributes) = ("action", list)
            case .variables(let list): (name, attributes) = ("variables", list)
            case .condition(let list): (name, attributes) = ("condition", list)
            case .node: return try encodeWithEncoder(layout)
            }
            if index > 0 { text += "," }
            text += "{\"anchor\":\(entry.anchor),\"node\":{\"\(name)\":{\"_0\":"
            JSONText.append(attributes, to: &text)
            text += "}}}"
        }
        return text + "]"
    }
}

extension JSONColumn {
    /// A condition expression's properties: written by hand when they are all `<variable>`s,
    /// the common case; by the encoder when one is kept as foreign markup.
    static func encode(_ entries: [VariableListEntry]) throws -> String {
        var text = "["
        text.reserveCapacity(2 + entries.count * 64)
        for (index, entry) in entries.enumerated() {
            guard case .variable(let variable) = entry else { return try encodeWithEncoder(entries) }
            if index > 0 { text += "," }
            text += "{\"variable\":{\"_0\":{\"attributes\":"
            JSONText.append(variable.attributes, to: &text)
            text += ",\"value\":"
            JSONText.appendString(variable.value, to: &text)
            text += "}}}"
        }
        return text + "]"
    }
}

/// JSON text pieces, escaped as Foundation's `JSONEncoder` escapes them with
/// `.withoutEscapingSlashes`.
enum JSONText {
    static func append(_ list: AttributeList, to text: inout String) {
        text += "["
        var first = true
        for attribute in list {
            text += first ? "[" : ",["
            first = false
            appendString(attribute.name, to: &text)
            text += ","
            appendString(attribute.value, to: &text)
            text += "]"
        }
        text += "]"
    }

    static func appendString(_ string: String, to text: inout String) {
        text += "\""
        // Most values need no escape: copy them whole.
        guard string.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
            text += string
            text += "\""
            return
        }
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\u{08}": text += "\\b"
            case "\u{0C}": text += "\\f"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}
