import TaskSequenceModel

/// A child of a container (the sequence or a step) that is not a step, with its place among
/// the container's steps.
///
/// Steps are rows that move independently; everything else a container holds (its `<action>`,
/// the markers for its variables and condition, MDT's `<globalVarList>`, unknown markup) is kept
/// in the container's layout, anchored before the step that followed it.
public struct LayoutEntry: Codable, Sendable, Hashable {
    /// How many of the container's steps come before this entry.
    public var anchor: Int
    public var node: LayoutNode

    public init(anchor: Int, node: LayoutNode) {
        self.anchor = anchor
        self.node = node
    }
}

/// What a ``LayoutEntry`` holds.
public enum LayoutNode: Codable, Sendable, Hashable {
    /// The step's `<action>` element (its text is the row's `actionText`).
    case action(AttributeList)
    /// Where the step's `<defaultVarList>` stands (its variables are the row's `variables` document).
    case variables(AttributeList)
    /// Where the step's `<condition>` stands (its operands are `conditionOperand` rows).
    case condition(AttributeList)
    /// Any other child, kept whole.
    case node(SequenceNode)
}

extension Array where Element == LayoutEntry {
    /// Makes room for a step inserted at `index` among the container's steps: entries after it
    /// move along, entries anchored at `index` stay before the new step.
    mutating func stepInserted(at index: Int) {
        for position in indices where self[position].anchor > index {
            self[position].anchor += 1
        }
    }

    /// Closes the gap a step removed from `index` leaves.
    mutating func stepRemoved(at index: Int) {
        for position in indices where self[position].anchor > index {
            self[position].anchor -= 1
        }
    }
}
