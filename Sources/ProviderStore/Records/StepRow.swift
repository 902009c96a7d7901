import GRDB
import TaskSequenceModel

/// A step or group of a stored sequence.
///
/// `id` is the step's stable identity (its D-Bus path): moving a step changes `parentID` and
/// `position`, never `id`.
public struct StepRow: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "step"

    public var id: Int64?
    public var packageID: String
    /// The group holding the step; `nil` at the top of the sequence.
    public var parentID: Int64?
    /// Order among siblings; gapped so inserts rarely renumber.
    public var position: Int64
    public var kind: StepKind
    public var className: String
    public var name: String
    public var description: String
    public var enabled: Bool
    public var continueOnError: Bool
    public var supportedEnvironment: String?
    public var timeout: UInt32?
    public var actionText: String?
    /// Whether the step itself adds to the package's References or Type.
    public var contributesFacts: Bool
    /// Whether the step has a `<condition>` (kept equal to what `layout` says).
    public var hasCondition: Bool
    /// JSON `AttributeList`.
    public var attributes: String
    /// JSON `[LayoutEntry]`.
    public var layout: String

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// A row for `step`'s own content; its child steps, variables and condition operands are
    /// written as rows of their own.
    init(step: Step, packageID: String, parentID: Int64?, position: Int64, layout: [LayoutEntry]) throws {
        self.packageID = packageID
        self.parentID = parentID
        self.position = position
        kind = step.kind
        (className, name, description, enabled, continueOnError, supportedEnvironment, timeout) = Self.copiedColumns(of: step)
        actionText = step.actionCommandLine
        contributesFacts = !step.ownDerivedFacts().isEmpty
        hasCondition = layout.contains { if case .condition = $0.node { true } else { false } }
        attributes = try JSONColumn.encode(step.attributes)
        self.layout = try JSONColumn.encode(layout)
    }

    /// The columns copied out of a step's attributes for queries.
    private static func copiedColumns(of step: Step) -> (String, String, String, Bool, Bool, String?, UInt32?) {
        (step.className, step.name, step.description, step.isEnabled, step.continueOnError, step.supportedEnvironment, step.timeout)
    }

    /// The step's attributes.
    public func attributeList() throws -> AttributeList {
        try JSONColumn.decode(AttributeList.self, from: attributes)
    }

    /// Replaces the attributes and refreshes the columns copied from them.
    mutating func setAttributes(_ list: AttributeList) throws {
        var step = Step(kind: kind, attributes: list)
        step.actionCommandLine = actionText
        attributes = try JSONColumn.encode(list)
        (className, name, description, enabled, continueOnError, supportedEnvironment, timeout) = Self.copiedColumns(of: step)
    }

    public func layoutEntries() throws -> [LayoutEntry] {
        try JSONColumn.decode([LayoutEntry].self, from: layout)
    }
}

extension StepKind: DatabaseValueConvertible {}
