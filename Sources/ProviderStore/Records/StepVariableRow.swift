import GRDB
import TaskSequenceModel

/// One entry of a step's `<defaultVarList>`: an action property value, queryable by property.
public struct StepVariableRow: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "stepVariable"

    public var stepID: Int64
    public var position: Int64
    public var name: String
    public var property: String
    public var value: String
    /// JSON `AttributeList`.
    public var attributes: String
    /// JSON `Markup` for an entry that is not a `<variable>`.
    public var foreign: String?

    init(stepID: Int64, position: Int64, entry: VariableListEntry) throws {
        self.stepID = stepID
        self.position = position
        switch entry {
        case .variable(let variable):
            name = variable.name
            property = variable.property
            value = variable.value
            attributes = try JSONColumn.encode(variable.attributes)
            foreign = nil
        case .foreign(let markup):
            name = ""
            property = ""
            value = ""
            attributes = "[]"
            foreign = try JSONColumn.encode(markup)
        }
    }

    public func entry() throws -> VariableListEntry {
        if let foreign {
            return .foreign(try JSONColumn.decode(Markup.self, from: foreign))
        }
        return .variable(Variable(attributes: try JSONColumn.decode(AttributeList.self, from: attributes), value: value))
    }
}
