/// The new rows of a tree write — steps and condition operands — collected
/// while the tree is walked and written once it is known, as a few multi-row statements per
/// table instead of a statement per row.
///
/// Children need their parent's ID: IDs for all new steps and operands are reserved at once
/// when the rows are written (``StoreDatabase/reserveIDs(_:in:)``), and until then a new row
/// names a new parent by its place here (a ``Reference``). Rows go in parent-first order, so the
/// IDs rise in document order as they did when every row was inserted alone.
struct PendingRows {
    /// The parent of a new step or operand, or the step of a new operand.
    enum Reference {
        /// A stored row (`nil`: the top of the sequence, or of the condition).
        case stored(Int64?)
        /// A row of this write, by the place ``addStep(_:parent:)`` or ``addOperand(_:step:parent:)`` returned.
        case new(Int)

        /// The stored row's ID; `nil` for the top, or for a row of this write until it is written.
        var storedID: Int64? { if case .stored(let id) = self { id } else { nil } }
        /// The place of a row of this write; `nil` for a stored row.
        var place: Int? { if case .new(let place) = self { place } else { nil } }
    }

    /// The IDs the new rows got, by the places the add functions returned.
    struct Written {
        var stepIDs: [Int64] = []
        var operandIDs: [Int64] = []
    }

    private var steps: [StepRow] = []
    private var stepParents: [Int?] = []
    private var operands: [ConditionOperandRow] = []
    private var operandSteps: [Int?] = []
    private var operandParents: [Int?] = []

    /// Adds a step row (its `id`, `parentID` are set when written); returns its place.
    mutating func addStep(_ row: StepRow, parent: Reference) -> Int {
        var row = row
        row.parentID = parent.storedID
        stepParents.append(parent.place)
        steps.append(row)
        return steps.count - 1
    }

    /// Adds an operand row of `step`'s condition inside operator `parent`; returns its place.
    mutating func addOperand(_ row: ConditionOperandRow, step: Reference, parent: Reference) -> Int {
        var row = row
        if let stepID = step.storedID { row.stepID = stepID }
        operandSteps.append(step.place)
        row.parentID = parent.storedID
        operandParents.append(parent.place)
        operands.append(row)
        return operands.count - 1
    }

    /// Writes every row added, parents first, and empties the buffer. Call it inside the
    /// transaction the rows belong to.
    mutating func flush(in db: StoreDatabase) throws -> Written {
        var written = Written()
        written.stepIDs = try db.reserveIDs(steps.count, in: .step)
        for index in steps.indices {
            steps[index].id = written.stepIDs[index]
            if let parent = stepParents[index] { steps[index].parentID = written.stepIDs[parent] }
        }
        try StepRow.insertAll(steps, in: db)
        written.operandIDs = try db.reserveIDs(operands.count, in: .conditionOperand)
        for index in operands.indices {
            operands[index].id = written.operandIDs[index]
            if let step = operandSteps[index] { operands[index].stepID = written.stepIDs[step] }
            if let parent = operandParents[index] { operands[index].parentID = written.operandIDs[parent] }
        }
        try ConditionOperandRow.insertAll(operands, in: db)
        self = PendingRows()
        return written
    }

    /// Runs `body` with an empty buffer and writes what it added once it returns.
    static func writing(in db: StoreDatabase, _ body: (inout PendingRows) throws -> Void) throws -> Written {
        var pending = PendingRows()
        try body(&pending)
        return try pending.flush(in: db)
    }
}
