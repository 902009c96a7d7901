// The requests on `step`. Inserts and fetches by key run by the thousand in an import and on
// every edit: each statement's text is fixed, so the connection prepares it once.
extension StepRow {
    private static let ownColumns = Columns.allCases.dropFirst().map(\.rawValue)
    private static let insertSQL = """
        INSERT INTO step (\(ownColumns.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: ownColumns.count).joined(separator: ", ")))
        """
    private static let insertWithIDSQL = """
        INSERT INTO step (id, \(ownColumns.joined(separator: ", "))) VALUES (?, \(Array(repeating: "?", count: ownColumns.count).joined(separator: ", ")))
        """
    private static let updateSQL = "UPDATE step SET \(ownColumns.map { "\($0) = ?" }.joined(separator: ", ")) WHERE id = ?"

    // MARK: Reading

    public static func fetchOne(_ db: StoreDatabase, id: Int64) throws -> StepRow? {
        try db.row("SELECT * FROM step WHERE id = ?", [id]).map(StepRow.init(row:))
    }

    public static func exists(_ db: StoreDatabase, id: Int64) throws -> Bool {
        try db.exists("SELECT 1 FROM step WHERE id = ?", [id])
    }

    /// Every step of a package, ordered by parent and position (siblings in order).
    public static func fetchAll(_ db: StoreDatabase, packageID: String) throws -> [StepRow] {
        try db.rows("SELECT * FROM step WHERE packageID = ? ORDER BY parentID, position", [packageID]).map(StepRow.init(row:))
    }

    /// The step `id` and every step below it, ordered by parent and position.
    static func subtree(_ db: StoreDatabase, of id: Int64) throws -> [StepRow] {
        try db.rows("""
            WITH RECURSIVE subtree(id) AS (SELECT CAST(? AS BIGINT) UNION ALL SELECT s.id FROM step s JOIN subtree ON s.parentID = subtree.id)
            SELECT step.* FROM step JOIN subtree ON step.id = subtree.id ORDER BY step.parentID, step.position
            """, [id]).map(StepRow.init(row:))
    }

    /// Whether any step of the subtree at `id` adds to References or Type.
    static func subtreeContributesFacts(_ db: StoreDatabase, of id: Int64) throws -> Bool {
        try db.exists("""
            WITH RECURSIVE subtree(id) AS (SELECT CAST(? AS BIGINT) UNION ALL SELECT s.id FROM step s JOIN subtree ON s.parentID = subtree.id)
            SELECT 1 FROM step JOIN subtree ON step.id = subtree.id WHERE step.contributesFacts <> 0 LIMIT 1
            """, [id])
    }

    /// Whether `candidate` is `stepID` or one of the groups holding it.
    static func isAncestorOrSelf(_ db: StoreDatabase, _ candidate: Int64, of stepID: Int64) throws -> Bool {
        try db.exists("""
            WITH RECURSIVE ancestors(id, parentID) AS (
                SELECT id, parentID FROM step WHERE id = ?
                UNION ALL SELECT s.id, s.parentID FROM step s JOIN ancestors a ON s.id = a.parentID)
            SELECT 1 FROM ancestors WHERE id = ? LIMIT 1
            """, [stepID, candidate])
    }

    /// The IDs of the steps directly inside `parentID` (`nil`: the top of the sequence), in order.
    static func childIDs(_ db: StoreDatabase, packageID: String, parentID: Int64?) throws -> [Int64] {
        if let parentID {
            return try db.values(Int64.self, "SELECT id FROM step WHERE packageID = ? AND parentID = ? ORDER BY position", [packageID, parentID])
        }
        return try db.values(Int64.self, "SELECT id FROM step WHERE packageID = ? AND parentID IS NULL ORDER BY position", [packageID])
    }

    /// How many steps are directly inside `parentID`, counting no further than `limit` (nil:
    /// all). Counted in the container index, no row read; the limit keeps it from walking every
    /// sibling of a large container when only "at least N" matters.
    static func childCount(_ db: StoreDatabase, packageID: String, parentID: Int64?, limit: Int?) throws -> Int {
        var arguments: SQLArguments = [packageID]
        if let parentID { arguments.append(parentID) }
        var children = "SELECT 1 FROM step WHERE packageID = ? AND \(parentID == nil ? "parentID IS NULL" : "parentID = ?")"
        if let limit {
            children += " LIMIT ?"
            arguments.append(limit)
        }
        return try db.value(Int.self, "SELECT COUNT(*) FROM (\(children)) AS children", arguments) ?? 0
    }

    /// The positions of the children at `slot - 1` and `slot` inside `parentID` (either `nil` past
    /// an end): all an insert needs to place a step between them, whatever the number of siblings.
    static func neighbourPositions(_ db: StoreDatabase, packageID: String, parentID: Int64?, slot: Int) throws -> (before: Int64?, after: Int64?) {
        var arguments: SQLArguments = [packageID]
        if let parentID { arguments.append(parentID) }
        arguments.append(slot > 0 ? 2 : 1)
        arguments.append(max(slot - 1, 0))
        let positions = try db.values(Int64.self, """
            SELECT position FROM step WHERE packageID = ? AND \(parentID == nil ? "parentID IS NULL" : "parentID = ?")
            ORDER BY position LIMIT ? OFFSET ?
            """, arguments)
        if slot > 0 {
            return (positions.first, positions.count > 1 ? positions[1] : nil)
        }
        return (nil, positions.first)
    }

    /// The position of the last child of `parentID`, if it has any.
    static func lastPosition(_ db: StoreDatabase, packageID: String, parentID: Int64?) throws -> Int64? {
        if let parentID {
            return try db.value(Int64.self, "SELECT MAX(position) FROM step WHERE packageID = ? AND parentID = ?", [packageID, parentID])
        }
        return try db.value(Int64.self, "SELECT MAX(position) FROM step WHERE packageID = ? AND parentID IS NULL", [packageID])
    }

    /// How many siblings come before the step.
    static func countBefore(_ db: StoreDatabase, _ row: StepRow) throws -> Int {
        if let parentID = row.parentID {
            return try db.value(Int.self, "SELECT COUNT(*) FROM step WHERE packageID = ? AND parentID = ? AND position < ?",
                                [row.packageID, parentID, row.position]) ?? 0
        }
        return try db.value(Int.self, "SELECT COUNT(*) FROM step WHERE packageID = ? AND parentID IS NULL AND position < ?",
                            [row.packageID, row.position]) ?? 0
    }

    // MARK: Writing

    /// Stores the row as a new step and sets `id`; an `id` already set is kept (a step given back
    /// its former ID).
    mutating func insert(_ db: StoreDatabase) throws {
        if let id {
            try db.run(Self.insertWithIDSQL, SQLArguments([id.sqlValue] + valuesWithoutID))
        } else {
            id = try db.insertReturningID(Self.insertSQL, SQLArguments(valuesWithoutID))
        }
    }

    private static let inserter = MultiRowInsert(table: "step", columns: Columns.allCases.map(\.rawValue))

    /// Inserts rows that have their IDs already (``PendingRows`` reserves them), parents first.
    static func insertAll(_ rows: [StepRow], in db: StoreDatabase) throws {
        try inserter.run(rows, in: db) { row, values in
            values.append(row.id.sqlValue)
            values += row.valuesWithoutID
        }
    }

    /// Writes every column of the stored step with this row's `id`.
    func update(_ db: StoreDatabase) throws {
        guard let id else { throw StoreError.corrupt("a step row without ID cannot be updated") }
        guard try db.run(Self.updateSQL, SQLArguments(valuesWithoutID + [id.sqlValue])) == 1 else { throw StoreError.stepNotFound(id) }
    }

    static func setLayout(_ db: StoreDatabase, id: Int64, layout: String) throws {
        try db.run("UPDATE step SET layout = ? WHERE id = ?", [layout, id])
    }

    static func setPosition(_ db: StoreDatabase, id: Int64, position: Int64) throws {
        try db.run("UPDATE step SET position = ? WHERE id = ?", [position, id])
    }

    /// Deletes the steps; everything inside them goes with them.
    static func delete(_ db: StoreDatabase, ids: [Int64]) throws {
        // In slices: engines bound how many arguments one statement takes.
        for start in stride(from: 0, to: ids.count, by: 500) {
            let slice = Array(ids[start..<min(start + 500, ids.count)])
            try db.run("DELETE FROM step WHERE id IN (\(Array(repeating: "?", count: slice.count).joined(separator: ", ")))", SQLArguments(binding: slice))
        }
    }

    /// Deletes every step of the package.
    static func deleteAll(_ db: StoreDatabase, packageID: String) throws {
        try db.run("DELETE FROM step WHERE packageID = ?", [packageID])
    }
}

extension StepRow {
    /// Every step and group of a package, in ID order.
    public static func allIDs(_ db: StoreDatabase, packageID: String) throws -> [Int64] {
        try db.values(Int64.self, "SELECT id FROM step WHERE packageID = ? ORDER BY id", [packageID])
    }
}

extension StepRow {
    /// How many steps the store holds, in every package.
    public static func countAll(_ db: StoreDatabase) throws -> Int {
        try db.value(Int.self, "SELECT COUNT(*) FROM step") ?? 0
    }
}
