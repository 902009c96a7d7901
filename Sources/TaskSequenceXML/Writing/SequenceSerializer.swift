import TaskSequenceModel

/// Writes the model back as the XML it was read from: every node in its place, attributes in
/// their order, text as it was.
struct SequenceSerializer {
    let output: XMLOutput
    /// Whether elements without text children put each child on its own indented line.
    let indents: Bool

    func write(_ sequence: TaskSequence) throws(XMLCodecError) {
        try output.startElement("sequence", attributes: sequence.attributes, indentsChildren: indents && !sequence.children.containsText)
        try write(sequence.children)
        output.endElement()
    }

    private func write(_ nodes: [SequenceNode]) throws(XMLCodecError) {
        for node in nodes {
            switch node {
            case .step(let step):
                try output.startElement(step.kind.rawValue, attributes: step.attributes, indentsChildren: indents && !step.children.containsText)
                try write(step.children)
                output.endElement()
            case .action(let action):
                try output.textElement("action", attributes: action.attributes, text: action.text, selfClosingWhenEmpty: true)
            case .variables(let list):
                try output.startElement(list.kind.rawValue, attributes: list.attributes, indentsChildren: indents && !list.entries.containsText)
                try write(list.entries)
                output.endElement()
            case .condition(let condition):
                try output.startElement("condition", attributes: condition.attributes, indentsChildren: indents && !condition.operands.containsText)
                try write(condition.operands)
                output.endElement()
            case .references(let list):
                try output.startElement("referenceList", attributes: list.attributes, indentsChildren: indents && !list.entries.containsText)
                for entry in list.entries {
                    switch entry {
                    case .reference(let attributes):
                        try output.startElement("reference", attributes: attributes, indentsChildren: false)
                        output.endElement()
                    case .foreign(let markup):
                        try write(markup)
                    }
                }
                output.endElement()
            case .foreign(let markup):
                try write(markup)
            }
        }
    }

    private func write(_ entries: [VariableListEntry]) throws(XMLCodecError) {
        for entry in entries {
            switch entry {
            case .variable(let variable):
                try output.textElement("variable", attributes: variable.attributes, text: variable.value)
            case .foreign(let markup):
                try write(markup)
            }
        }
    }

    private func write(_ operands: [ConditionOperand]) throws(XMLCodecError) {
        for operand in operands {
            switch operand {
            case .expression(let expression):
                try output.startElement("expression", attributes: expression.attributes, indentsChildren: indents && !expression.entries.containsText)
                try write(expression.entries)
                output.endElement()
            case .operator(let conditionOperator):
                try output.startElement(
                    conditionOperator.kind.rawValue, attributes: conditionOperator.attributes,
                    indentsChildren: indents && !conditionOperator.operands.containsText
                )
                try write(conditionOperator.operands)
                output.endElement()
            case .foreign(let markup):
                try write(markup)
            }
        }
    }

    func write(_ markup: Markup) throws(XMLCodecError) {
        switch markup {
        case .element(let element):
            try output.startElement(element.name, attributes: element.attributes, indentsChildren: indents && !element.children.contains { $0.isText })
            for child in element.children { try write(child) }
            output.endElement()
        case .text(let text): try output.text(text)
        case .cdata(let text): try output.cdata(text)
        case .comment(let text): try output.comment(text)
        case .processingInstruction(let target, let data): try output.processingInstruction(target: target, data: data)
        }
    }
}

extension Markup {
    /// Text or CDATA: content whose surrounding whitespace would be significant.
    var isText: Bool {
        switch self {
        case .text, .cdata: true
        default: false
        }
    }
}

/// Children that may be foreign markup; `containsText` tells whether any of it is text, in which
/// case no whitespace may be added between them.
private protocol MayBeForeign {
    var foreignMarkup: Markup? { get }
}

extension SequenceNode: MayBeForeign {
    fileprivate var foreignMarkup: Markup? { if case .foreign(let markup) = self { markup } else { nil } }
}

extension VariableListEntry: MayBeForeign {
    fileprivate var foreignMarkup: Markup? { if case .foreign(let markup) = self { markup } else { nil } }
}

extension ConditionOperand: MayBeForeign {
    fileprivate var foreignMarkup: Markup? { if case .foreign(let markup) = self { markup } else { nil } }
}

extension ReferenceListEntry: MayBeForeign {
    fileprivate var foreignMarkup: Markup? { if case .foreign(let markup) = self { markup } else { nil } }
}

extension Array where Element: MayBeForeign {
    fileprivate var containsText: Bool { contains { $0.foreignMarkup?.isText ?? false } }
}
