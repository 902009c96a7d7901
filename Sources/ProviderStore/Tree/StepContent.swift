import TaskSequenceModel

/// A step split the way the store keeps it: the row's own content, its variables, its
/// condition, and its child steps.
struct StepContent {
    var layout: [LayoutEntry] = []
    var variables: [VariableListEntry] = []
    var condition: [ConditionOperand] = []
    var childSteps: [Step] = []

    /// Splits `children` of a container. The first `<action>`, `<defaultVarList>` and
    /// `<condition>` become rows; any later ones stay whole in the layout, as the model reads
    /// only the first of each.
    init(children: [SequenceNode]) {
        var sawAction = false, sawVariables = false, sawCondition = false
        for node in children {
            let anchor = childSteps.count
            switch node {
            case .step(let step):
                childSteps.append(step)
            case .action(let action) where !sawAction:
                sawAction = true
                layout.append(LayoutEntry(anchor: anchor, node: .action(action.attributes)))
            case .variables(let list) where list.kind == .defaults && !sawVariables:
                sawVariables = true
                variables = list.entries
                layout.append(LayoutEntry(anchor: anchor, node: .variables(list.attributes)))
            case .condition(let condition) where !sawCondition:
                sawCondition = true
                self.condition = condition.operands
                layout.append(LayoutEntry(anchor: anchor, node: .condition(condition.attributes)))
            default:
                layout.append(LayoutEntry(anchor: anchor, node: .node(node)))
            }
        }
    }

    /// Puts a container's children back in document order.
    static func children(
        layout: [LayoutEntry],
        actionText: String?,
        variables: [VariableListEntry],
        condition: [ConditionOperand],
        childSteps: [Step]
    ) -> [SequenceNode] {
        // Stable by anchor: entries keep their relative order.
        let ordered = layout.enumerated().sorted { ($0.element.anchor, $0.offset) < ($1.element.anchor, $1.offset) }.map(\.element)
        var children: [SequenceNode] = []
        children.reserveCapacity(layout.count + childSteps.count)
        var nextEntry = ordered.startIndex
        func emitEntries(upTo anchor: Int) {
            while nextEntry < ordered.endIndex, ordered[nextEntry].anchor <= anchor {
                switch ordered[nextEntry].node {
                case .action(let attributes):
                    children.append(.action(ActionElement(attributes: attributes, text: actionText ?? "")))
                case .variables(let attributes):
                    children.append(.variables(VariableList(kind: .defaults, attributes: attributes, entries: variables)))
                case .condition(let attributes):
                    children.append(.condition(Condition(attributes: attributes, operands: condition)))
                case .node(let node):
                    children.append(node)
                }
                nextEntry += 1
            }
        }
        for (index, step) in childSteps.enumerated() {
            emitEntries(upTo: index)
            children.append(.step(step))
        }
        emitEntries(upTo: Int.max)
        return children
    }
}
