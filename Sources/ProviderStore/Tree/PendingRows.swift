/// Leaf rows of a tree write — condition properties — held back until the write's operands
/// are in, so the table gets a few multi-row statements for the whole write instead of a few
/// for every expression. Nothing refers to these rows by ID, which is what lets them wait;
/// steps and operands are written at once because their children need their IDs. (A step's
/// variables are part of its row.)
struct PendingRows {
    private var conditionProperties: [ConditionPropertyRow] = []

    mutating func add(_ rows: [ConditionPropertyRow]) { conditionProperties += rows }

    /// Writes what was held back. Call it inside the same transaction, after the rows it refers to.
    mutating func flush(in db: StoreDatabase) throws {
        try ConditionPropertyRow.insertAll(conditionProperties, in: db)
        conditionProperties.removeAll()
    }

    /// Runs `body` with a buffer and writes what it held back once it returns.
    static func writing<T>(in db: StoreDatabase, _ body: (inout PendingRows) throws -> T) throws -> T {
        var pending = PendingRows()
        let result = try body(&pending)
        try pending.flush(in: db)
        return result
    }
}
