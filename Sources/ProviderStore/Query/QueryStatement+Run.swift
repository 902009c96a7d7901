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
        let found = QuerySQL(.inIDs(ids))
        let sql: QuerySQL = switch self {
        case .stepSettings:
            """
            SELECT stepID, property, value FROM stepVariable
            WHERE "foreign" IS NULL AND stepID \(found) ORDER BY stepID, position
            """
        case .expressionProperties:
            """
            SELECT operandID, name, value FROM conditionProperty cp
            WHERE operandID \(found) ORDER BY operandID, \(QuerySQL(.insertionOrder(alias: "cp")))
            """
        }
        let statement = sql.render(db.dialect)
        var result: [Int64: [(name: String, value: String)]] = [:]
        try db.forEachRow(statement.sql, statement.arguments) { row in
            result[try row.decode(at: 0, as: Int64.self), default: []].append((try row.decode(at: 1), try row.decode(at: 2)))
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
