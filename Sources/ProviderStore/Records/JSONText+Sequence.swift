import TaskSequenceModel

/// Layouts and the sequence nodes a layout keeps whole (MDT's `<globalVarList>`, a
/// `<referenceList>`, foreign markup, a step kept inside another node), as their `Codable`
/// conformances write them.
extension JSONText {
    mutating func append(_ layout: [LayoutEntry]) {
        appendArray(layout) { json, entry in
            json.append("{\"anchor\":")
            json.append(entry.anchor)
            json.append(",\"node\":")
            switch entry.node {
            case .action(let attributes):
                json.append("{\"action\":{\"_0\":")
                json.append(attributes)
            case .variables(let attributes):
                json.append("{\"variables\":{\"_0\":")
                json.append(attributes)
            case .condition(let attributes):
                json.append("{\"condition\":{\"_0\":")
                json.append(attributes)
            case .node(let node):
                json.append("{\"node\":{\"_0\":")
                json.append(node)
            }
            json.append("}}}")
        }
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
        appendArray(nodes) { json, node in
            json.append(node)
        }
    }

    mutating func append(_ operands: [ConditionOperand]) {
        appendArray(operands) { json, operand in
            switch operand {
            case .expression(let expression):
                json.append("{\"expression\":{\"_0\":{\"attributes\":")
                json.append(expression.attributes)
                json.append(",\"entries\":")
                json.append(expression.entries)
                json.append(byte: UInt8(ascii: "}"))
            case .operator(let op):
                json.append("{\"operator\":{\"_0\":{\"attributes\":")
                json.append(op.attributes)
                json.append(",\"kind\":")
                json.appendString(op.kind.rawValue)
                json.append(",\"operands\":")
                json.append(op.operands)
                json.append(byte: UInt8(ascii: "}"))
            case .foreign(let markup):
                json.append("{\"foreign\":{\"_0\":")
                json.append(markup)
            }
            json.append("}}")
        }
    }
}
