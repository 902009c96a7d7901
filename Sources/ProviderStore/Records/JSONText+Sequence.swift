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
            case .action(let attributes): json.appendCase("action") { $0.append(attributes) }
            case .variables(let attributes): json.appendCase("variables") { $0.append(attributes) }
            case .condition(let attributes): json.appendCase("condition") { $0.append(attributes) }
            case .node(let node): json.appendCase("node") { $0.append(node) }
            }
            json.append(byte: UInt8(ascii: "}"))
        }
    }

    mutating func append(_ node: SequenceNode) {
        switch node {
        case .step(let step):
            appendCase("step") { json in
                json.append("{\"attributes\":")
                json.append(step.attributes)
                json.append(",\"children\":")
                json.append(step.children)
                json.append(",\"kind\":")
                json.appendString(step.kind.rawValue)
                json.append(byte: UInt8(ascii: "}"))
            }
        case .action(let action):
            appendCase("action") { json in
                json.append("{\"attributes\":")
                json.append(action.attributes)
                json.append(",\"text\":")
                json.appendString(action.text)
                json.append(byte: UInt8(ascii: "}"))
            }
        case .variables(let list):
            appendCase("variables") { json in
                json.append("{\"attributes\":")
                json.append(list.attributes)
                json.append(",\"entries\":")
                json.append(list.entries)
                json.append(",\"kind\":")
                json.appendString(list.kind.rawValue)
                json.append(byte: UInt8(ascii: "}"))
            }
        case .condition(let condition):
            appendCase("condition") { json in
                json.append("{\"attributes\":")
                json.append(condition.attributes)
                json.append(",\"operands\":")
                json.append(condition.operands)
                json.append(byte: UInt8(ascii: "}"))
            }
        case .references(let list):
            appendCase("references") { json in
                json.append("{\"attributes\":")
                json.append(list.attributes)
                json.append(",\"entries\":")
                json.appendArray(list.entries) { json, entry in
                    switch entry {
                    case .reference(let attributes): json.appendCase("reference") { $0.append(attributes) }
                    case .foreign(let markup): json.appendCase("foreign") { $0.append(markup) }
                    }
                }
                json.append(byte: UInt8(ascii: "}"))
            }
        case .foreign(let markup):
            appendCase("foreign") { $0.append(markup) }
        }
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
                json.appendCase("expression") { json in
                    json.append("{\"attributes\":")
                    json.append(expression.attributes)
                    json.append(",\"entries\":")
                    json.append(expression.entries)
                    json.append(byte: UInt8(ascii: "}"))
                }
            case .operator(let op):
                json.appendCase("operator") { json in
                    json.append("{\"attributes\":")
                    json.append(op.attributes)
                    json.append(",\"kind\":")
                    json.appendString(op.kind.rawValue)
                    json.append(",\"operands\":")
                    json.append(op.operands)
                    json.append(byte: UInt8(ascii: "}"))
                }
            case .foreign(let markup):
                json.appendCase("foreign") { $0.append(markup) }
            }
        }
    }
}
