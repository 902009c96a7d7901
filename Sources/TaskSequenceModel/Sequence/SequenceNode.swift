/// A child of `<sequence>`, `<group>`, `<step>` or `<subtasksequence>`, in document order.
///
/// One ordered list per container is what keeps a file's layout on a round trip: a
/// `<globalVarList>` between two groups, a comment before a step or an MDT `<action />` inside a
/// group all stay where they were.
public enum SequenceNode: Sendable, Hashable, Codable {
    /// A step, group or `<subtasksequence>`.
    case step(Step)
    /// The `<action>` element of a step (the resolved command line), or MDT's empty one in a group.
    case action(ActionElement)
    /// `<defaultVarList>` or `<globalVarList>`.
    case variables(VariableList)
    /// `<condition>`.
    case condition(Condition)
    /// ConfigMgr's `<referenceList>`.
    case references(ReferenceList)
    /// Anything else, kept verbatim.
    case foreign(Markup)
}

/// The `<action>` element: the step's command line as the console resolved it.
public struct ActionElement: Sendable, Hashable, Codable {
    public var attributes: AttributeList
    public var text: String

    public init(attributes: AttributeList = [:], text: String = "") {
        self.attributes = attributes
        self.text = text
    }
}

/// A `<referenceList>`: the packages, programs and applications a ConfigMgr sequence declares.
public struct ReferenceList: Sendable, Hashable, Codable {
    public var attributes: AttributeList
    public var entries: [ReferenceListEntry]

    public init(attributes: AttributeList = [:], entries: [ReferenceListEntry] = []) {
        self.attributes = attributes
        self.entries = entries
    }

    /// The `<reference>` elements in order.
    public var references: [AttributeList] {
        entries.compactMap { if case .reference(let attributes) = $0 { attributes } else { nil } }
    }
}

/// An entry of a ``ReferenceList``.
public enum ReferenceListEntry: Sendable, Hashable, Codable {
    /// A `<reference package=… program=… application=…/>` element's attributes.
    case reference(AttributeList)
    case foreign(Markup)
}

/// Something that holds steps in order: the sequence itself or a group.
public protocol StepContainer {
    var children: [SequenceNode] { get set }
}

extension StepContainer {
    /// The steps and groups directly inside, in order.
    ///
    /// Setting it replaces the steps where they stand and leaves other children in place:
    /// extra steps go after the last existing one, missing ones are removed.
    public var steps: [Step] {
        get { children.compactMap { if case .step(let step) = $0 { step } else { nil } } }
        set { children.replaceSteps(with: newValue) }
    }

    /// Inserts `step` before the step now at `index` (among steps only); `nil`, `-1` or an
    /// index equal to the count appends after the last step.
    public mutating func insertStep(_ step: Step, at index: Int? = nil) {
        children.insertStep(step, atStepIndex: index)
    }

    /// Removes and returns the step at `index` (among steps only); `nil` when there is none.
    @discardableResult
    public mutating func removeStep(at index: Int) -> Step? {
        children.removeStep(atStepIndex: index)
    }

    /// Every step below this container, depth first, in document order.
    public var allSteps: [Step] {
        steps.flatMap { [$0] + $0.allSteps }
    }
}

extension Array where Element == SequenceNode {
    /// Positions in the array that hold steps.
    fileprivate var stepPositions: [Int] {
        indices.filter { if case .step = self[$0] { true } else { false } }
    }

    fileprivate mutating func replaceSteps(with newSteps: [Step]) {
        let positions = stepPositions
        var result: [SequenceNode] = []
        result.reserveCapacity(count - positions.count + newSteps.count)
        var next = newSteps.makeIterator()
        let lastPosition = positions.last
        for (position, node) in enumerated() {
            if case .step = node {
                if let step = next.next() { result.append(.step(step)) }
                if position == lastPosition {
                    while let step = next.next() { result.append(.step(step)) }
                }
            } else {
                result.append(node)
            }
        }
        while let step = next.next() { result.append(.step(step)) }
        self = result
    }

    fileprivate mutating func insertStep(_ step: Step, atStepIndex index: Int?) {
        let positions = stepPositions
        if let index, index >= 0, index < positions.count {
            insert(.step(step), at: positions[index])
        } else if let last = positions.last {
            insert(.step(step), at: last + 1)
        } else {
            append(.step(step))
        }
    }

    fileprivate mutating func removeStep(atStepIndex index: Int) -> Step? {
        let positions = stepPositions
        guard positions.indices.contains(index), case .step(let step) = remove(at: positions[index]) else { return nil }
        return step
    }
}
