import TaskSequenceModel

/// One entry of a step's `<defaultVarList>`: an action property value, queryable by property.
public struct StepVariableRow: Sendable, Equatable {
    /// The `stepVariable` table's columns.
    public enum Columns: String, CaseIterable, Sendable {
        case stepID, position, name, property, value, attributes, foreign
    }

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

    /// Decodes a row of `SELECT * FROM stepVariable` (or of a table shaped like it).
    public init(row: SQLRow) throws {
        stepID = try row.decode(Columns.stepID)
        position = try row.decode(Columns.position)
        name = try row.decode(Columns.name)
        property = try row.decode(Columns.property)
        value = try row.decode(Columns.value)
        attributes = try row.decode(Columns.attributes)
        foreign = try row.decode(Columns.foreign)
    }

    public func entry() throws -> VariableListEntry {
        if let foreign {
            return .foreign(try JSONColumn.decode(Markup.self, from: foreign))
        }
        return .variable(Variable(attributes: try JSONColumn.decodeAttributes(attributes), value: value))
    }
}

extension StepVariableRow {
    /// A step's variables in order.
    public static func fetchAll(_ db: StoreDatabase, stepID: Int64) throws -> [StepVariableRow] {
        try db.rows("SELECT * FROM stepVariable WHERE stepID = ? ORDER BY position", [stepID]).map(StepVariableRow.init(row:))
    }

    /// The variables of every step of a package, by step then position.
    public static func fetchAll(_ db: StoreDatabase, packageID: String) throws -> [StepVariableRow] {
        try db.rows("""
            SELECT stepVariable.* FROM stepVariable JOIN step ON step.id = stepVariable.stepID
            WHERE step.packageID = ? ORDER BY stepVariable.stepID, stepVariable.position
            """, [packageID]).map(StepVariableRow.init(row:))
    }

    /// The variables of the steps `stepIDs`, by step then position.
    static func fetchAll(_ db: StoreDatabase, stepIDs: [Int64]) throws -> [StepVariableRow] {
        var rows: [StepVariableRow] = []
        for start in stride(from: 0, to: stepIDs.count, by: 500) {
            let slice = Array(stepIDs[start..<min(start + 500, stepIDs.count)])
            rows += try db.rows("""
                SELECT * FROM stepVariable WHERE stepID IN (\(Array(repeating: "?", count: slice.count).joined(separator: ", ")))
                ORDER BY stepID, position
                """, SQLArguments(binding: slice)).map(StepVariableRow.init(row:))
        }
        return rows.sorted { ($0.stepID, $0.position) < ($1.stepID, $1.position) }
    }

    func insert(_ db: StoreDatabase) throws {
        try Self.insertAll([self], in: db)
    }

    private static let inserter = MultiRowInsert(table: "stepVariable", columns: ["stepID", "position", "name", "property", "value", "attributes", "\"foreign\""])

    /// Inserts `rows` with few statements (a step's variables together).
    static func insertAll(_ rows: [StepVariableRow], in db: StoreDatabase) throws {
        try inserter.run(rows, in: db) { row, values in
            values += [row.stepID.sqlValue, row.position.sqlValue, row.name.sqlValue, row.property.sqlValue, row.value.sqlValue,
                       row.attributes.sqlValue, row.foreign.sqlValue]
        }
    }

    /// Deletes a step's variables.
    static func deleteAll(_ db: StoreDatabase, stepID: Int64) throws {
        try db.run("DELETE FROM stepVariable WHERE stepID = ?", [stepID])
    }
}
