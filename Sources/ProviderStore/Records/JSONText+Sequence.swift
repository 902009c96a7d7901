import TaskSequenceModel

/// Layouts and the sequence nodes a layout keeps whole (MDT's `<globalVarList>`, a
/// `<referenceList>`, foreign markup, a step kept inside another node), as their `Codable`
/// conformances write them.
extension JSONText {
    mutating func append(_ layout: [LayoutEntry]) {
        append(byte: UInt8(ascii: "["))
        for (index, entry) in layout.enumerated() {
            if index > 0 { append(byte: UInt8(ascii: ",")) }
            append("{\"anchor\":")
            append(entry.anchor)
            append(",\"node\":")
            switch entry.node {
            case .action(let attributes):
                append("{\"action\":{\"_0\":")
                append(attributes)
            case .variables(let attributes):
                append("{\"variables\":{\"_0\":")
                append(attributes)
            case .condition(let attributes):
                append("{\"condition\":{\"_0\":")
                append(attributes)
            case .node(let node):
                append("{\"node\":{\"_0\":")
                append(node)
            }
            append("}}}")
        }
        append(byte: UInt8(ascii: "]"))
    }

    mutating func append(_ node: SequenceNode) {
        switch node {
        case .step(let step):
            append("{\"step\":{\"_0\":{\"attributes\":")
            append(step.attributes)
            append(",\"children\":")
            append(step.children)
            append(",\"kind\":")
            appendString(step.kind.rawValue)
            append(byte: UInt8(ascii: "}"))
        case .action(let action):
            append("{\"action\":{\"_0\":{\"attributes\":")
            append(action.attributes)
            append(",\"text\":")
            appendString(action.text)
            append(byte: UInt8(ascii: "}"))
        case .variables(let list):
            append("{\"variables\":{\"_0\":{\"attributes\":")
            append(list.attributes)
            append(",\"entries\":")
            append(list.entries)
            append(",\"kind\":")
            appendString(list.kind.rawValue)
            append(byte: UInt8(ascii: "}"))
        case .condition(let condition):
            append("{\"condition\":{\"_0\":{\"attributes\":")
            append(condition.attributes)
            append(",\"operands\":")
            append(condition.operands)
            append(byte: UInt8(ascii: "}"))
        case .references(let list):
            append("{\"references\":{\"_0\":{\"attributes\":")
            append(list.attributes)
            append(",\"entries\":[")
            for (index, entry) in list.entries.enumerated() {
                if index > 0 { append(byte: UInt8(ascii: ",")) }
                switch entry {
                case .reference(let attributes):
                    append("{\"reference\":{\"_0\":")
                    append(attributes)
                case .foreign(let markup):
                    append("{\"foreign\":{\"_0\":")
                    append(markup)
                }
                append("}}")
            }
            append("]}")
        case .foreign(let markup):
            append("{\"foreign\":{\"_0\":")
            append(markup)
        }
        append("}}")
    }

    mutating func append(_ nodes: [SequenceNode]) {
        append(byte: UInt8(ascii: "["))
        for (index, node) in nodes.enumerated() {
            if index > 0 { append(byte: UInt8(ascii: ",")) }
            append(node)
        }
        append(byte: UInt8(ascii: "]"))
    }

    mutating func append(_ operands: [ConditionOperand]) {
        append(byte: UInt8(ascii: "["))
        for (index, operand) in operands.enumerated() {
            if index > 0 { append(byte: UInt8(ascii: ",")) }
            switch operand {
            case .expression(let expression):
                append("{\"expression\":{\"_0\":{\"attributes\":")
                append(expression.attributes)
                append(",\"entries\":")
                append(expression.entries)
                append(byte: UInt8(ascii: "}"))
            case .operator(let op):
                append("{\"operator\":{\"_0\":{\"attributes\":")
                append(op.attributes)
                append(",\"kind\":")
                appendString(op.kind.rawValue)
                append(",\"operands\":")
                append(op.operands)
                append(byte: UInt8(ascii: "}"))
            case .foreign(let markup):
                append("{\"foreign\":{\"_0\":")
                append(markup)
            }
            append("}}")
        }
        append(byte: UInt8(ascii: "]"))
    }
}
