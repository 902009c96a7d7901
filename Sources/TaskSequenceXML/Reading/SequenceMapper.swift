internal import CLibXML2
import TaskSequenceModel

/// Builds the model from a parsed `<sequence>` element in one pass over the libxml2 tree.
///
/// Known elements become their model types; anything else — unknown elements, comments, PIs,
/// text that is not insignificant whitespace, and known elements whose content does not fit the
/// model (a `<variable>` with child elements) — is kept as ``Markup`` at its position.
enum SequenceMapper {
    /// The task sequence rooted at `element`, which must be `<sequence>`. `streamed` holds the
    /// nodes a ``SequenceStream`` already mapped (and took out of the tree) while libxml2 parsed;
    /// the children still in the tree follow them.
    static func taskSequence(from element: XMLNodePointer, streamed: [SequenceNode] = []) throws(XMLCodecError) -> TaskSequence {
        guard element.isUnprefixed, element.localName == "sequence" else {
            throw .notATaskSequence(rootElement: element.qualifiedName, line: element.line)
        }
        return TaskSequence(attributes: element.attributeList, children: remainingNodes(in: element, after: streamed))
    }

    /// A group whose first children a ``SequenceStream`` already mapped.
    static func group(from element: XMLNodePointer, streamed: [SequenceNode]) -> Step {
        Step(kind: .group, attributes: element.attributeList, children: remainingNodes(in: element, after: streamed))
    }

    /// `streamed` followed by the children still in the tree. Streamed nodes always include an
    /// element, which makes blank text among the rest insignificant, as it was among them.
    private static func remainingNodes(in parent: XMLNodePointer, after streamed: [SequenceNode]) -> [SequenceNode] {
        streamed + sequenceNodes(in: parent, blankIsInsignificant: !streamed.isEmpty || parent.blankTextIsInsignificant)
    }

    /// Children of `<sequence>`, `<group>`, `<step>` and `<subtasksequence>`.
    static func sequenceNodes(in parent: XMLNodePointer) -> [SequenceNode] {
        sequenceNodes(in: parent, blankIsInsignificant: parent.blankTextIsInsignificant)
    }

    private static func sequenceNodes(in parent: XMLNodePointer, blankIsInsignificant: Bool) -> [SequenceNode] {
        var nodes: [SequenceNode] = []
        nodes.reserveCapacity(parent.significantChildCount)
        for child in parent.childNodes {
            if let node = sequenceNode(from: child, blankIsInsignificant: blankIsInsignificant) { nodes.append(node) }
        }
        return nodes
    }

    /// Whether `node` is an element the mapper makes a step of.
    static func isStepElement(_ node: XMLNodePointer) -> Bool {
        node.kind == .element && (node.hasUnprefixedName("step") || node.hasUnprefixedName("group") || node.hasUnprefixedName("subtasksequence"))
    }

    /// One child of a sequence container, or `nil` when it is insignificant whitespace.
    static func sequenceNode(from child: XMLNodePointer, blankIsInsignificant: Bool) -> SequenceNode? {
        guard child.kind == .element, child.isUnprefixed else {
            return markup(from: child, blankIsInsignificant: blankIsInsignificant).map(SequenceNode.foreign)
        }
        // Names compared on libxml2's bytes, not made a String per element.
        if child.hasUnprefixedName("step") { return .step(step(from: child, kind: .step)) }
        if child.hasUnprefixedName("defaultVarList") { return .variables(variableList(from: child, kind: .defaults)) }
        if child.hasUnprefixedName("action"), child.hasOnlyTextChildren {
            return .action(ActionElement(attributes: child.attributeList, text: child.textContent))
        }
        if child.hasUnprefixedName("condition") { return .condition(Condition(attributes: child.attributeList, operands: Self.operands(in: child))) }
        if child.hasUnprefixedName("group") { return .step(step(from: child, kind: .group)) }
        if child.hasUnprefixedName("subtasksequence") { return .step(step(from: child, kind: .subTaskSequence)) }
        if child.hasUnprefixedName("globalVarList") { return .variables(variableList(from: child, kind: .globals)) }
        if child.hasUnprefixedName("referenceList") { return .references(referenceList(from: child)) }
        return .foreign(.element(markupElement(from: child)))
    }

    private static func step(from element: XMLNodePointer, kind: StepKind) -> Step {
        Step(kind: kind, attributes: element.attributeList, children: sequenceNodes(in: element))
    }

    private static func variableList(from element: XMLNodePointer, kind: VariableListKind) -> VariableList {
        VariableList(kind: kind, attributes: element.attributeList, entries: variableEntries(in: element))
    }

    /// Children of a variable list or a condition expression: `<variable>` elements holding only
    /// text become variables, everything else stays markup.
    static func variableEntries(in parent: XMLNodePointer) -> [VariableListEntry] {
        let blankIsInsignificant = parent.blankTextIsInsignificant
        var entries: [VariableListEntry] = []
        entries.reserveCapacity(parent.significantChildCount)
        for child in parent.childNodes {
            if child.kind == .element, child.hasUnprefixedName("variable"), child.hasOnlyTextChildren {
                entries.append(.variable(Variable(attributes: child.attributeList, value: child.textContent)))
            } else if let markup = markup(from: child, blankIsInsignificant: blankIsInsignificant) {
                entries.append(.foreign(markup))
            }
        }
        return entries
    }

    /// Operands of a condition or operator.
    private static func operands(in parent: XMLNodePointer) -> [ConditionOperand] {
        let blankIsInsignificant = parent.blankTextIsInsignificant
        var operands: [ConditionOperand] = []
        for child in parent.childNodes {
            guard child.kind == .element, child.isUnprefixed else {
                if let markup = markup(from: child, blankIsInsignificant: blankIsInsignificant) {
                    operands.append(.foreign(markup))
                }
                continue
            }
            let operatorKind: ConditionOperatorKind
            if child.hasUnprefixedName("expression") {
                operands.append(.expression(ConditionExpression(attributes: child.attributeList, entries: variableEntries(in: child))))
                continue
            } else if child.hasUnprefixedName("operator") {
                operatorKind = .operator
            } else if child.hasUnprefixedName("osConditionGroup") {
                operatorKind = .osConditionGroup
            } else if child.hasUnprefixedName("osExpressionGroup") {
                operatorKind = .osExpressionGroup
            } else {
                operands.append(.foreign(.element(markupElement(from: child))))
                continue
            }
            operands.append(.operator(ConditionOperator(kind: operatorKind, attributes: child.attributeList, operands: Self.operands(in: child))))
        }
        return operands
    }

    private static func referenceList(from element: XMLNodePointer) -> ReferenceList {
        let blankIsInsignificant = element.blankTextIsInsignificant
        var entries: [ReferenceListEntry] = []
        for child in element.childNodes {
            // A reference is an empty element; one with content keeps it as markup.
            if child.kind == .element, child.pointee.children == nil, child.hasUnprefixedName("reference") {
                entries.append(.reference(child.attributeList))
            } else if let markup = markup(from: child, blankIsInsignificant: blankIsInsignificant) {
                entries.append(.foreign(markup))
            }
        }
        return ReferenceList(attributes: element.attributeList, entries: entries)
    }

    /// `node` kept verbatim, or `nil` when it is insignificant whitespace or a kind of node that
    /// cannot occur without a DTD.
    static func markup(from node: XMLNodePointer, blankIsInsignificant: Bool) -> Markup? {
        switch node.kind {
        case .element: return .element(markupElement(from: node))
        case .text:
            if blankIsInsignificant && node.isBlankText { return nil }
            return .text(node.content)
        case .cdata: return .cdata(node.content)
        case .comment: return .comment(node.content)
        case .processingInstruction: return .processingInstruction(target: node.localName, data: node.content)
        case .other: return nil
        }
    }

    static func markupElement(from element: XMLNodePointer) -> MarkupElement {
        let blankIsInsignificant = element.blankTextIsInsignificant
        var children: [Markup] = []
        for child in element.childNodes {
            if let markup = markup(from: child, blankIsInsignificant: blankIsInsignificant) { children.append(markup) }
        }
        return MarkupElement(name: element.qualifiedName, attributes: element.attributeList, children: children)
    }
}
