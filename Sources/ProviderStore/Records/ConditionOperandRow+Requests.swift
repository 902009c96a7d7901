// The requests on `conditionOperand`.
extension ConditionOperandRow {
    public static func fetchOne(_ db: StoreDatabase, id: Int64) throws -> ConditionOperandRow? {
        try db.row("SELECT * FROM conditionOperand WHERE id = ?", [id]).map(ConditionOperandRow.init(row:))
    }

    /// The operands of a step's condition, ordered by parent and position.
    static func fetchAll(_ db: StoreDatabase, stepID: Int64) throws -> [ConditionOperandRow] {
        try db.rows("SELECT * FROM conditionOperand WHERE stepID = ? ORDER BY parentID, position", [stepID]).map(ConditionOperandRow.init(row:))
    }

    /// The operands of every condition of a package, by step, parent and position.
    static func fetchAll(_ db: StoreDatabase, packageID: String) throws -> [ConditionOperandRow] {
        try db.rows("""
            SELECT conditionOperand.* FROM conditionOperand JOIN step ON step.id = conditionOperand.stepID
            WHERE step.packageID = ? ORDER BY conditionOperand.stepID, conditionOperand.parentID, conditionOperand.position
            """, [packageID]).map(ConditionOperandRow.init(row:))
    }

    /// The operands of the conditions of steps `stepIDs`, by step, parent and position.
    static func fetchAll(_ db: StoreDatabase, stepIDs: [Int64]) throws -> [ConditionOperandRow] {
        var rows: [ConditionOperandRow] = []
        for start in stride(from: 0, to: stepIDs.count, by: 500) {
            let slice = Array(stepIDs[start..<min(start + 500, stepIDs.count)])
            rows += try db.rows("""
                SELECT * FROM conditionOperand WHERE stepID IN (\(Array(repeating: "?", count: slice.count).joined(separator: ", ")))
                """, SQLArguments(binding: slice)).map(ConditionOperandRow.init(row:))
        }
        // Parents before children as SQL orders NULL first on SQLite; the same on every engine.
        return rows.sorted { ($0.stepID, $0.parentID ?? Int64.min, $0.position) < ($1.stepID, $1.parentID ?? Int64.min, $1.position) }
    }

    /// The operands directly inside `parentID` (`nil`: the condition itself), in order.
    static func children(_ db: StoreDatabase, stepID: Int64, parentID: Int64?) throws -> [ConditionOperandRow] {
        let rows = if let parentID {
            try db.rows("SELECT * FROM conditionOperand WHERE stepID = ? AND parentID = ? ORDER BY position", [stepID, parentID])
        } else {
            try db.rows("SELECT * FROM conditionOperand WHERE stepID = ? AND parentID IS NULL ORDER BY position", [stepID])
        }
        return try rows.map(ConditionOperandRow.init(row:))
    }

    /// Every operand of a step's condition but verbatim markup, at any depth, in ID order.
    public static func ids(_ db: StoreDatabase, stepID: Int64) throws -> [Int64] {
        try db.values(Int64.self, "SELECT id FROM conditionOperand WHERE stepID = ? AND kind <> ? ORDER BY id", [stepID, OperandKind.foreign])
    }

    private static let inserter = MultiRowInsert(table: "conditionOperand", columns: Columns.allCases.map(\.rawValue))

    /// Inserts rows that have their IDs already (``PendingRows`` reserves them), parents first.
    static func insertAll(_ rows: [ConditionOperandRow], in db: StoreDatabase) throws {
        try inserter.run(rows, in: db) { row, values in
            values += [row.id.sqlValue, row.stepID.sqlValue, row.parentID.sqlValue, row.position.sqlValue, row.kind.sqlValue,
                       row.className.sqlValue, row.attributes.sqlValue, row.content.sqlValue]
        }
    }

    func update(_ db: StoreDatabase) throws {
        guard let id else { throw StoreError.corrupt("an operand row without ID cannot be updated") }
        guard try db.run("""
            UPDATE conditionOperand SET stepID = ?, parentID = ?, position = ?, kind = ?, className = ?, attributes = ?, content = ? WHERE id = ?
            """, [stepID, parentID, position, kind, className, attributes, content, id]) == 1 else { throw StoreError.operandNotFound(id) }
    }

    static func setPosition(_ db: StoreDatabase, id: Int64, position: Int64) throws {
        try db.run("UPDATE conditionOperand SET position = ? WHERE id = ?", [position, id])
    }

    /// Deletes an operand and, for an operator, everything inside it.
    static func delete(_ db: StoreDatabase, id: Int64) throws {
        try db.run("DELETE FROM conditionOperand WHERE id = ?", [id])
    }

    /// Deletes a step's whole condition.
    static func deleteAll(_ db: StoreDatabase, stepID: Int64) throws {
        try db.run("DELETE FROM conditionOperand WHERE stepID = ?", [stepID])
    }
}
