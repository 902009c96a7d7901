/// The new rows of a tree write — steps and condition operands — collected while the tree is
/// walked and written as a few multi-row statements per table instead of a statement per row.
///
/// Children need their parent's ID: IDs are reserved for a group of new rows at once when the
/// group is written (``StoreDatabase/reserveIDs(_:in:)``), and until then a new row names a new
/// parent by its place here (a ``Reference``). Rows are written in groups of
/// ``MultiRowInsert/maxRows`` as the walk goes, so a sequence of 50,000 steps never holds more
/// than one group of rows beside its model; parents come first, so the IDs rise in document
/// order as they did when every row was inserted alone.
struct PendingRows {
    /// The parent of a new step or operand, or the step of a new operand.
    enum Reference {
        /// A stored row (`nil`: the top of the sequence, or of the condition).
        case stored(Int64?)
        /// A row of this write, by the place ``addStep(_:parent:)`` or ``addOperand(_:step:parent:)`` returned.
        case new(Int)

        /// The stored row's ID; `nil` for the top, or for a row of this write.
        var storedID: Int64? { if case .stored(let id) = self { id } else { nil } }
        /// The place of a row of this write; `nil` for a stored row.
        var place: Int? { if case .new(let place) = self { place } else { nil } }
    }

    /// The IDs the new rows got, by the places the add functions returned.
    struct Written {
        var stepIDs: [Int64] = []
        var operandIDs: [Int64] = []
    }

    private let db: StoreDatabase
    /// The rows written so far.
    private var written = Written()
    /// Rows added and not written yet, with the places of their new parents (and steps).
    private var steps: [StepRow] = []
    private var stepParents: [Int?] = []
    private var operands: [ConditionOperandRow] = []
    private var operandSteps: [Int?] = []
    private var operandParents: [Int?] = []

    /// An empty buffer for a write in the transaction of `db`.
    init(in db: StoreDatabase) {
        self.db = db
    }

    /// Adds a step row (its `id` and `parentID` are set when it is written); returns its place.
    mutating func addStep(_ row: StepRow, parent: Reference) throws -> Int {
        if steps.count == MultiRowInsert.maxRows { try writeAdded() }
        var row = row
        row.parentID = parent.storedID
        stepParents.append(parent.place)
        steps.append(row)
        return written.stepIDs.count + steps.count - 1
    }

    /// Adds an operand row of `step`'s condition inside operator `parent`; returns its place.
    mutating func addOperand(_ row: ConditionOperandRow, step: Reference, parent: Reference) throws -> Int {
        if operands.count == MultiRowInsert.maxRows { try writeAdded() }
        var row = row
        if let stepID = step.storedID { row.stepID = stepID }
        operandSteps.append(step.place)
        row.parentID = parent.storedID
        operandParents.append(parent.place)
        operands.append(row)
        return written.operandIDs.count + operands.count - 1
    }

    /// Writes the rows not written yet and returns the IDs of all.
    mutating func finish() throws -> Written {
        try writeAdded()
        return written
    }

    /// Writes the rows added since the last time: steps first, since operands name them.
    private mutating func writeAdded() throws {
        let stepIDs = try db.reserveIDs(steps.count, in: .step)
        written.stepIDs += stepIDs
        for index in steps.indices {
            steps[index].id = stepIDs[index]
            if let parent = stepParents[index] { steps[index].parentID = written.stepIDs[parent] }
        }
        try StepRow.insertAll(steps, in: db)
        steps.removeAll(keepingCapacity: true)
        stepParents.removeAll(keepingCapacity: true)

        let operandIDs = try db.reserveIDs(operands.count, in: .conditionOperand)
        written.operandIDs += operandIDs
        for index in operands.indices {
            operands[index].id = operandIDs[index]
            if let step = operandSteps[index] { operands[index].stepID = written.stepIDs[step] }
            if let parent = operandParents[index] { operands[index].parentID = written.operandIDs[parent] }
        }
        try ConditionOperandRow.insertAll(operands, in: db)
        operands.removeAll(keepingCapacity: true)
        operandSteps.removeAll(keepingCapacity: true)
        operandParents.removeAll(keepingCapacity: true)
    }

    /// Runs `body` with an empty buffer and writes what it added once it returns.
    static func writing(in db: StoreDatabase, _ body: (inout PendingRows) throws -> Void) throws -> Written {
        var pending = PendingRows(in: db)
        try body(&pending)
        return try pending.finish()
    }
}
