/// A task sequence: the `<sequence>` document that SMS_TaskSequencePackage.Sequence holds.
public struct TaskSequence: Sendable, Hashable, Codable, StepContainer {
    /// The `<sequence>` element's attributes in order (`version`; MDT adds `name`, `description`).
    public var attributes: AttributeList
    public var children: [SequenceNode]

    public init(attributes: AttributeList = ["version": "3.10"], children: [SequenceNode] = []) {
        self.attributes = attributes
        self.children = children
    }

    /// An empty sequence of the given schema version.
    public init(schemaVersion: String, steps: [Step] = []) {
        self.init(attributes: ["version": schemaVersion], children: steps.map(SequenceNode.step))
    }

    /// SMS_TaskSequence.SchemaVersion, written as `version` (`3.00` for MDT and 2007, `3.10` today).
    public var schemaVersion: String {
        get { attributes["version"] ?? "3.00" }
        set { attributes["version"] = newValue }
    }

    /// MDT's `<globalVarList>`, if present.
    public var globalVariables: VariableList? {
        for case .variables(let list) in children where list.kind == .globals { return list }
        return nil
    }

    /// ConfigMgr's `<referenceList>`, if present.
    public var referenceList: ReferenceList? {
        for case .references(let list) in children { return list }
        return nil
    }
}
