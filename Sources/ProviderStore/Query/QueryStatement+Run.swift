import TaskSequenceModel

extension StoreDatabase {
    /// Runs `statement` and calls `body` with each row, in order.
    public func forEachRow(_ statement: QueryStatement, _ body: (SQLRow) throws -> Void) throws {
        let rendered = statement.sql.render(dialect)
        try forEachRow(rendered.sql, rendered.arguments, body)
    }

    /// The first column of every row `statement` finds (NULLs skipped).
    public func values<Value: SQLValueConvertible>(_ type: Value.Type, _ statement: QueryStatement) throws -> [Value] {
        let rendered = statement.sql.render(dialect)
        return try values(type, rendered.sql, rendered.arguments)
    }

    /// The first column of the first row `statement` finds.
    public func value<Value: SQLValueConvertible>(_ type: Value.Type, _ statement: QueryStatement) throws -> Value? {
        let rendered = statement.sql.render(dialect)
        return try value(type, rendered.sql, rendered.arguments)
    }
}

extension QuerySource.Details {
    /// The settings or expression properties of the steps or operands `ids`, by ID, each in
    /// document order.
    public func fetch(ids: [Int64], in db: StoreDatabase) throws -> [Int64: [(name: String, value: String)]] {
        guard !ids.isEmpty else { return [:] }
        var result: [Int64: [(name: String, value: String)]] = [:]
        switch self {
        case .stepSettings:
            let statement = QuerySQL("SELECT id, variables FROM step WHERE id \(QuerySQL(.inIDs(ids)))").render(db.dialect)
            try db.forEachRow(statement.sql, statement.arguments) { row in
                let id = try row.decode(at: 0, as: Int64.self)
                for variable in try StepVariableRow.rows(stepID: id, document: try row.decode(at: 1)) where variable.foreign == nil {
                    result[id, default: []].append((variable.property, variable.value))
                }
            }
        case .expressionProperties:
            let statement = QuerySQL("SELECT id, content FROM conditionOperand WHERE id \(QuerySQL(.inIDs(ids)))").render(db.dialect)
            try db.forEachRow(statement.sql, statement.arguments) { row in
                let id = try row.decode(at: 0, as: Int64.self)
                for case .variable(let variable) in try JSONColumn.decode([VariableListEntry].self, from: try row.decode(at: 1)) {
                    result[id, default: []].append((variable.name, variable.value))
                }
            }
        }
        return result
    }
}

extension AttributeList {
    /// The attributes a JSON `AttributeList` column holds (`[[name, value], …]`), as a query
    /// result row carries it; `nil` for NULL or text that is not such a list.
    public init?(storedJSON value: SQLValue) {
        guard case .text(let json) = value, let decoded = try? JSONColumn.decode(AttributeList.self, from: json) else { return nil }
        self = decoded
    }
}
