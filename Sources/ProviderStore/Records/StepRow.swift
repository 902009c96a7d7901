import TaskSequenceModel

/// A step or group of a stored sequence.
///
/// `id` is the step's stable identity (its D-Bus path): moving a step changes `parentID` and
/// `position`, never `id`.
public struct StepRow: Sendable, Equatable {
    /// The `step` table's columns.
    public enum Columns: String, CaseIterable, Sendable {
        case id, packageID, parentID, position, kind, className, name, description, enabled, continueOnError
        case supportedEnvironment, timeout, actionText, contributesFacts, hasCondition, attributes, layout, variables
    }

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
    /// The `<defaultVarList>` entries, one JSON document (``StepVariableRow``).
    public var variables: String

    /// A row for `step`'s own content, its variables included; its child steps and condition
    /// operands are written as rows of their own.
    init(step: Step, packageID: String, parentID: Int64?, position: Int64, layout: [LayoutEntry], variables: [VariableListEntry],
         contributesFacts: Bool) throws {
        self.packageID = packageID
        self.parentID = parentID
        self.position = position
        kind = step.kind
        (className, name, description, enabled, continueOnError, supportedEnvironment, timeout) = Self.copiedColumns(of: step)
        actionText = step.actionCommandLine
        self.contributesFacts = contributesFacts
        hasCondition = layout.contains { if case .condition = $0.node { true } else { false } }
        attributes = try JSONColumn.encode(step.attributes)
        self.layout = try JSONColumn.encode(layout)
        self.variables = try StepVariableRow.document(variables)
    }

    /// Decodes a row of `SELECT * FROM step` (or of a table shaped like it).
    public init(row: SQLRow) throws {
        id = try row.decode(Columns.id)
        packageID = try row.decode(Columns.packageID)
        parentID = try row.decode(Columns.parentID)
        position = try row.decode(Columns.position)
        kind = try row.decode(Columns.kind)
        className = try row.decode(Columns.className)
        name = try row.decode(Columns.name)
        description = try row.decode(Columns.description)
        enabled = try row.decode(Columns.enabled)
        continueOnError = try row.decode(Columns.continueOnError)
        supportedEnvironment = try row.decode(Columns.supportedEnvironment)
        timeout = try row.decode(Columns.timeout)
        actionText = try row.decode(Columns.actionText)
        contributesFacts = try row.decode(Columns.contributesFacts)
        hasCondition = try row.decode(Columns.hasCondition)
        attributes = try row.decode(Columns.attributes)
        layout = try row.decode(Columns.layout)
        // NULL in the image of a removed step.
        variables = try row.decode(Columns.variables, as: String?.self) ?? "[]"
    }

    /// The columns copied out of a step's attributes for queries.
    private static func copiedColumns(of step: Step) -> (String, String, String, Bool, Bool, String?, UInt32?) {
        (step.className, step.name, step.description, step.isEnabled, step.continueOnError, step.supportedEnvironment, step.timeout)
    }

    /// The step's attributes.
    public func attributeList() throws -> AttributeList {
        try JSONColumn.decodeAttributes(attributes)
    }

    /// Replaces the attributes and refreshes the columns copied from them.
    mutating func setAttributes(_ list: AttributeList) throws {
        var step = Step(kind: kind, attributes: list)
        step.actionCommandLine = actionText
        attributes = try JSONColumn.encode(list)
        (className, name, description, enabled, continueOnError, supportedEnvironment, timeout) = Self.copiedColumns(of: step)
    }

    public func layoutEntries() throws -> [LayoutEntry] {
        try JSONColumn.decodeLayout(layout)
    }

    /// Whether the layout marks a `<defaultVarList>`.
    public func hasVariableList() throws -> Bool {
        try layoutEntries().contains { if case .variables = $0.node { true } else { false } }
    }

    /// The condition's own attributes, when the step has one.
    func conditionAttributes() throws -> AttributeList? {
        guard hasCondition else { return nil }
        for entry in try layoutEntries() {
            if case .condition(let attributes) = entry.node { return attributes }
        }
        return nil
    }

    /// The values of every column but `id`, in ``Columns`` order.
    var valuesWithoutID: [SQLValue] {
        [
            packageID.sqlValue, parentID.sqlValue, position.sqlValue, kind.sqlValue, className.sqlValue, name.sqlValue,
            description.sqlValue, enabled.sqlValue, continueOnError.sqlValue, supportedEnvironment.sqlValue, timeout.sqlValue,
            actionText.sqlValue, contributesFacts.sqlValue, hasCondition.sqlValue, attributes.sqlValue, layout.sqlValue, variables.sqlValue,
        ]
    }
}

extension StepKind: SQLValueConvertible {
    public var sqlValue: SQLValue { .text(rawValue) }
    public static func fromSQL(_ value: SQLValue) -> StepKind? { String.fromSQL(value).flatMap(StepKind.init(rawValue:)) }
}

extension StepRow {
    /// Whether `step` itself adds to References or Type, by the model's rule
    /// (``TaskSequenceModel/Step/ownDerivedFacts(catalog:)``); for rows built from whole trees.
    /// An edit of one step passes what the service computed instead.
    static func contributesFacts(_ step: Step) -> Bool {
        !step.ownDerivedFacts().isEmpty
    }
}
