import TaskSequenceModel

/// A package as rows, as it was after some revision: its properties, its `<sequence>` element
/// and every step with its variables and condition operands, IDs included.
public struct PackageImage: Sendable {
    public var properties: PackageProperties
    /// JSON `AttributeList` of `<sequence>`.
    public var sequenceAttributes: String
    /// JSON `[LayoutEntry]`: the sequence's children other than steps.
    public var layout: String
    /// Ordered by parent, then position (as ``SequenceTree`` reads them).
    public var steps: [StepRow]
    public var variables: [StepVariableRow]
    public var operands: [ConditionOperandRow]

    /// The sequence the rows make.
    public func sequence() throws -> TaskSequence {
        let assembler = try TreeAssembler(steps: steps, variables: variables, operands: operands)
        let layout = try JSONColumn.decodeLayout(layout)
        return TaskSequence(
            attributes: try JSONColumn.decodeAttributes(sequenceAttributes),
            children: StepContent.children(layout: layout, actionText: nil, variables: [], condition: [], childSteps: try assembler.steps(inside: nil))
        )
    }

    /// Each step's ID by where it sits in ``sequence()``.
    public func stepIDs() -> [StepPath: Int64] {
        StepPaths.ids(of: steps)
    }
}
