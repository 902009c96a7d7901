import TaskSequenceModel

/// Reads and writes a step's condition as operand rows. Every function runs inside the
/// caller's transaction.
public enum ConditionTree {
    /// The step's condition, or `nil` when it has none.
    public static func load(stepID: Int64, in db: StoreDatabase) throws -> Condition? {
        guard let row = try StepRow.fetchOne(db, id: stepID) else { throw StoreError.stepNotFound(stepID) }
        return try load(row, in: db)
    }

    /// The condition of the step `row`, or `nil` when it has none.
    public static func load(_ row: StepRow, in db: StoreDatabase) throws -> Condition? {
        guard let stepID = row.id, let attributes = try row.conditionAttributes() else { return nil }
        let operands = try ConditionOperandRow.fetchAll(db, stepID: stepID)
        let assembler = try TreeAssembler(steps: [], variables: [], operands: operands)
        return Condition(attributes: attributes, operands: try assembler.operands(stepID: stepID, parentID: nil))
    }

    /// The conditions of `steps` (rows of package `packageID`), with each condition's operand
    /// rows ordered by parent and position, read with one query for the whole package.
    public static func loadAll(of steps: [StepRow], packageID: String, in db: StoreDatabase) throws -> [Int64: (condition: Condition, operands: [ConditionOperandRow])] {
        let rows = try ConditionOperandRow.fetchAll(db, packageID: packageID)
        let byStep = Dictionary(grouping: rows, by: \.stepID)
        var conditions: [Int64: (condition: Condition, operands: [ConditionOperandRow])] = [:]
        for step in steps where step.hasCondition {
            guard let id = step.id, let attributes = try step.conditionAttributes() else { continue }
            let operands = byStep[id] ?? []
            let assembler = try TreeAssembler(steps: [], variables: [], operands: operands)
            conditions[id] = (Condition(attributes: attributes, operands: try assembler.operands(stepID: id, parentID: nil)), operands)
        }
        return conditions
    }

    /// Replaces the step's condition; `nil` removes it.
    public static func replace(stepID: Int64, with condition: Condition?, in db: StoreDatabase) throws {
        guard let row = try StepRow.fetchOne(db, id: stepID) else { throw StoreError.stepNotFound(stepID) }
        try replace(row, with: condition, in: db)
    }

    /// Replaces the condition of the step `row` (as just read); `nil` removes it.
    public static func replace(_ row: StepRow, with condition: Condition?, in db: StoreDatabase) throws {
        guard let stepID = row.id else { throw StoreError.corrupt("a step row without ID has no condition") }
        var row = row
        try StepChangeTracking.willChange(packageID: row.packageID, in: db)
        try ConditionOperandRow.deleteAll(db, stepID: stepID)
        var layout = try row.layoutEntries()
        let index = layout.firstIndex { if case .condition = $0.node { true } else { false } }
        switch (index, condition) {
        case (let index?, let condition?): layout[index].node = .condition(condition.attributes)
        case (let index?, nil): layout.remove(at: index)
        case (nil, let condition?):
            // ConfigMgr writes a group's condition first, a step's after its variables.
            let entry = LayoutEntry(anchor: 0, node: .condition(condition.attributes))
            if row.kind == .group { layout.insert(entry, at: 0) } else { layout.append(entry) }
        case (nil, nil): break
        }
        row.layout = try JSONColumn.encode(layout)
        row.hasCondition = condition != nil
        try row.update(db)
        _ = try PendingRows.writing(in: db) { pending in
            try insertOperands(condition?.operands ?? [], step: .stored(stepID), parent: .stored(nil), pending: &pending)
        }
        try StepChangeTracking.touched([stepID], in: db)
    }

    /// Adds `operand` to the step's condition (creating the condition when there is none), inside
    /// operator `parentID` or at the top when `nil`, before the operand now at `index`.
    /// Returns the new operand's ID.
    @discardableResult
    public static func insert(_ operand: ConditionOperand, stepID: Int64, parentID: Int64?, at index: Int? = nil, in db: StoreDatabase) throws -> Int64 {
        guard let step = try StepRow.fetchOne(db, id: stepID) else { throw StoreError.stepNotFound(stepID) }
        try StepChangeTracking.willChange(packageID: step.packageID, in: db)
        if try step.conditionAttributes() == nil {
            try replace(step, with: Condition(), in: db)
        }
        if let parentID {
            guard let parent = try ConditionOperandRow.fetchOne(db, id: parentID), parent.stepID == stepID else {
                throw StoreError.operandNotFound(parentID)
            }
            guard parent.kind.operatorKind != nil else { throw StoreError.notAContainer("condition operand \(parentID) (an expression)") }
        }
        let siblings = try ConditionOperandRow.children(db, stepID: stepID, parentID: parentID)
        let slot = min(max(index ?? siblings.count, 0), siblings.count)
        // Conditions are small: renumbering the siblings keeps positions dense and simple.
        for (offset, sibling) in siblings.enumerated() {
            let position = Int64(offset < slot ? offset : offset + 1)
            guard sibling.position != position, let id = sibling.id else { continue }
            try ConditionOperandRow.setPosition(db, id: id, position: position)
        }
        var root = 0
        let written = try PendingRows.writing(in: db) { pending in
            root = try insertOperand(operand, step: .stored(stepID), parent: .stored(parentID), position: Int64(slot), pending: &pending)
        }
        let id = written.operandIDs[root]
        try StepChangeTracking.touched([stepID], in: db)
        return id
    }

    /// Deletes an operand and, for an operator, everything inside it.
    public static func delete(operandID: Int64, stepID: Int64, in db: StoreDatabase) throws {
        guard let row = try ConditionOperandRow.fetchOne(db, id: operandID), row.stepID == stepID else {
            throw StoreError.operandNotFound(operandID)
        }
        try StepChangeTracking.willChange(stepID: stepID, in: db)
        try ConditionOperandRow.delete(db, id: operandID)
        try StepChangeTracking.touched([stepID], in: db)
    }

    /// Replaces an operand's attributes (an operator's OperatorType) and, for an expression,
    /// its properties.
    public static func update(operandID: Int64, stepID: Int64, attributes: AttributeList, entries: [VariableListEntry]?, in db: StoreDatabase) throws {
        guard var row = try ConditionOperandRow.fetchOne(db, id: operandID), row.stepID == stepID else {
            throw StoreError.operandNotFound(operandID)
        }
        try StepChangeTracking.willChange(stepID: stepID, in: db)
        row.attributes = try JSONColumn.encode(attributes)
        if row.kind == .expression, let entries {
            row.className = attributes["type"] ?? row.className
            row.content = try JSONColumn.encode(entries)
        } else if let kind = row.kind.operatorKind {
            row.className = kind.className
        }
        try row.update(db)
        try StepChangeTracking.touched([stepID], in: db)
    }

    /// The operand rows of a step's condition directly inside `parentID`, in order.
    public static func operandRows(stepID: Int64, parentID: Int64?, in db: StoreDatabase) throws -> [ConditionOperandRow] {
        try ConditionOperandRow.children(db, stepID: stepID, parentID: parentID)
    }

    // MARK: Internals

    /// Adds the rows of `operands` (with everything inside them) of `step`'s condition inside
    /// operator `parent` to `pending`, for the caller to write.
    static func insertOperands(_ operands: [ConditionOperand], step: PendingRows.Reference, parent: PendingRows.Reference,
                               pending: inout PendingRows) throws {
        for (index, operand) in operands.enumerated() {
            try insertOperand(operand, step: step, parent: parent, position: Int64(index), pending: &pending)
        }
    }

    /// Adds the rows of `operand` (with everything inside it); returns its place in `pending`.
    @discardableResult
    private static func insertOperand(_ operand: ConditionOperand, step: PendingRows.Reference, parent: PendingRows.Reference, position: Int64,
                                      pending: inout PendingRows) throws -> Int {
        let row = try ConditionOperandRow(operand: operand, stepID: 0, parentID: nil, position: position)
        let place = try pending.addOperand(row, step: step, parent: parent)
        if case .operator(let op) = operand {
            try insertOperands(op.operands, step: step, parent: .new(place), pending: &pending)
        }
        return place
    }
}
