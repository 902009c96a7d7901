import TaskSequenceModel

/// Reads and writes a package's sequence as rows: one per step (its variables in it) and one per
/// condition operand. Every function runs inside the caller's transaction.
public enum SequenceTree {
    /// Gap between neighbouring positions, so an insert rarely renumbers its siblings.
    static let positionGap: Int64 = 1 << 16

    // MARK: Whole sequences

    /// Replaces the package's sequence with `sequence`. The package row must exist.
    public static func replace(packageID: String, with sequence: TaskSequence, in db: StoreDatabase) throws {
        try StepChangeTracking.willChange(packageID: packageID, in: db)
        try StepChangeTracking.touchedAll(packageID: packageID, in: db)
        try StepRow.deleteAll(db, packageID: packageID)
        let content = StepContent(children: sequence.children)
        try PackageRow.setSequenceElement(db, packageID: packageID, attributes: try JSONColumn.encode(sequence.attributes),
                                          layout: try JSONColumn.encode(content.layout))
        _ = try PendingRows.writing(in: db) { pending in
            for (index, step) in content.childSteps.enumerated() {
                try insertSubtree(step, packageID: packageID, parent: .stored(nil), position: Int64(index + 1) * positionGap, pending: &pending)
            }
        }
        try StepChangeTracking.touchedAll(packageID: packageID, in: db)
    }

    /// Stores a new package holding `sequence`: the package row, written once with the
    /// `<sequence>` element's attributes and layout, then every step. Nothing is noted for
    /// history: the package's first revision is a snapshot of all of it. Returns the package
    /// row as stored.
    @discardableResult
    public static func insert(_ package: PackageRow, with sequence: TaskSequence, in db: StoreDatabase) throws -> PackageRow {
        var package = package
        let content = StepContent(children: sequence.children)
        package.sequenceAttributes = try JSONColumn.encode(sequence.attributes)
        package.layout = try JSONColumn.encode(content.layout)
        try package.insert(db)
        _ = try PendingRows.writing(in: db) { pending in
            for (index, step) in content.childSteps.enumerated() {
                try insertSubtree(step, packageID: package.packageID, parent: .stored(nil), position: Int64(index + 1) * positionGap, pending: &pending)
            }
        }
        return package
    }

    /// The package's whole sequence.
    public static func load(packageID: String, in db: StoreDatabase) throws -> TaskSequence {
        let (package, rows, variables, operands) = try storedRows(packageID: packageID, in: db)
        let assembler = try TreeAssembler(steps: rows, variables: variables, operands: operands)
        let topLevel = try assembler.steps(inside: nil)
        let layout = try package.layoutEntries()
        return TaskSequence(
            attributes: try package.sequenceAttributeList(),
            children: StepContent.children(layout: layout, actionText: nil, variables: [], condition: [], childSteps: topLevel)
        )
    }

    /// The package row and every step, setting and operand row of its sequence, in tree order.
    static func storedRows(packageID: String, in db: StoreDatabase) throws
        -> (package: PackageRow, steps: [StepRow], variables: [StepVariableRow], operands: [ConditionOperandRow]) {
        guard let package = try PackageRow.fetchOne(db, packageID: packageID) else { throw StoreError.packageNotFound(packageID) }
        let rows = try StepRow.fetchAll(db, packageID: packageID)
        let variables = try StepVariableRow.rows(of: rows)
        let operands = try ConditionOperandRow.fetchAll(db, packageID: packageID)
        return (package, rows, variables, operands)
    }

    // MARK: Single steps

    /// One step with everything below it.
    public static func loadStep(id: Int64, in db: StoreDatabase) throws -> Step {
        let rows = try StepRow.subtree(db, of: id)
        guard let root = rows.first(where: { $0.id == id }) else { throw StoreError.stepNotFound(id) }
        let ids = rows.compactMap(\.id)
        let variables = try StepVariableRow.rows(of: rows)
        let operands = try ConditionOperandRow.fetchAll(db, stepIDs: ids)
        let assembler = try TreeAssembler(steps: rows, variables: variables, operands: operands)
        return try assembler.step(root)
    }

    /// Inserts `step` (with its children) into `parentID` (`nil`: the top of the sequence) before
    /// the step now at `index`; `nil` or an out-of-range index appends. Returns the new step's ID.
    @discardableResult
    public static func insert(_ step: Step, packageID: String, parentID: Int64?, at index: Int?, in db: StoreDatabase) throws -> Int64 {
        try requireContainer(packageID: packageID, parentID: parentID, in: db)
        try StepChangeTracking.willChange(packageID: packageID, in: db)
        let place = try place(before: index, packageID: packageID, parentID: parentID, in: db)
        if let slot = place.slot {
            try updateLayout(packageID: packageID, containerID: parentID, in: db) { $0.stepInserted(at: slot) }
        }
        var root = 0
        let written = try PendingRows.writing(in: db) { pending in
            root = try insertSubtree(step, packageID: packageID, parent: .stored(parentID), position: place.position, pending: &pending)
        }
        let id = written.stepIDs[root]
        try StepChangeTracking.touchedSubtree(of: id, in: db)
        return id
    }

    /// Moves a step into `parentID` before the step now at `index` there; its ID is kept.
    public static func move(stepID: Int64, toParent parentID: Int64?, at index: Int?, in db: StoreDatabase) throws {
        guard var row = try StepRow.fetchOne(db, id: stepID) else { throw StoreError.stepNotFound(stepID) }
        try requireContainer(packageID: row.packageID, parentID: parentID, in: db)
        if let parentID, try isStep(stepID, ancestorOrSelfOf: parentID, in: db) {
            throw StoreError.wouldCreateCycle(step: stepID, parent: parentID)
        }
        try StepChangeTracking.willChange(packageID: row.packageID, in: db)
        try detach(row, in: db)
        // The step still holds its old position: a move within its container counts it among
        // the children `index` is taken from.
        let place = try place(before: index, packageID: row.packageID, parentID: parentID, in: db)
        row.position = place.position
        row.parentID = parentID
        if let slot = place.slot {
            try updateLayout(packageID: row.packageID, containerID: parentID, in: db) { $0.stepInserted(at: slot) }
        }
        try row.update(db)
        try StepChangeTracking.touched([stepID], in: db)
    }

    /// Deletes a step and everything below it.
    public static func delete(stepID: Int64, in db: StoreDatabase) throws {
        guard let row = try StepRow.fetchOne(db, id: stepID) else { throw StoreError.stepNotFound(stepID) }
        try StepChangeTracking.willChange(packageID: row.packageID, in: db)
        try detach(row, in: db)
        try StepChangeTracking.touchedSubtree(of: stepID, in: db)
        try StepRow.delete(db, ids: [stepID])
    }

    /// A step's own content as one read of its row and variables saw it: what an edit of the
    /// step starts from and hands back to ``update(_:to:contributesFacts:in:)``.
    public struct ShallowStep: Sendable {
        public var row: StepRow
        /// Attributes, action text and variables; no children, no condition.
        public var step: Step
    }

    /// One step without its child steps: attributes, action and variables (no condition).
    public static func loadShallowStep(id: Int64, in db: StoreDatabase) throws -> Step {
        try loadShallow(id: id, in: db).step
    }

    /// ``loadShallowStep(id:in:)`` with the row it was read from.
    public static func loadShallow(id: Int64, in db: StoreDatabase) throws -> ShallowStep {
        guard let row = try StepRow.fetchOne(db, id: id) else { throw StoreError.stepNotFound(id) }
        return try loadShallow(row, in: db)
    }

    /// The shallow step of a row already read.
    public static func loadShallow(_ row: StepRow, in db: StoreDatabase) throws -> ShallowStep {
        guard row.id != nil else { throw StoreError.corrupt("step row without ID") }
        var step = Step(kind: row.kind, attributes: try row.attributeList())
        step.actionCommandLine = row.actionText
        if try row.hasVariableList() {
            step.variables = VariableList(entries: try row.variableRows().map { try $0.entry() })
        }
        return ShallowStep(row: row, step: step)
    }

    /// Writes an edit of a step's own content: its attributes, and — when they changed — its
    /// `<defaultVarList>` (`nil` removes it) and `<action>` text. `contributesFacts` is whether the
    /// edited step adds to References or Type, as the caller computed it. The row is written once.
    public static func update(_ shallow: ShallowStep, to step: Step, contributesFacts: Bool, in db: StoreDatabase) throws {
        guard let stepID = shallow.row.id else { throw StoreError.corrupt("step row without ID") }
        var row = shallow.row
        if step.attributes != shallow.step.attributes { try row.setAttributes(step.attributes) }
        let settingsChanged = step.variables != shallow.step.variables || step.actionCommandLine != shallow.step.actionCommandLine
        if settingsChanged {
            var variables = step.variables
            if let existing = shallow.step.variables, var updated = variables {
                updated.attributes = existing.attributes
                variables = updated
            }
            try setSettings(variables, actionText: step.actionCommandLine, row: &row)
            row.variables = try StepVariableRow.document(variables?.entries ?? [])
        }
        row.contributesFacts = contributesFacts
        guard row != shallow.row else { return }
        try StepChangeTracking.willChange(packageID: row.packageID, in: db)
        try row.update(db)
        try StepChangeTracking.touched([stepID], in: db)
    }

    /// Replaces the step's attributes (Name, Description, flags, runIn, timeout …).
    public static func setAttributes(_ attributes: AttributeList, stepID: Int64, in db: StoreDatabase) throws {
        let shallow = try loadShallow(id: stepID, in: db)
        var step = shallow.step
        step.attributes = attributes
        try update(shallow, to: step, contributesFacts: StepRow.contributesFacts(step), in: db)
    }

    /// Replaces the step's `<defaultVarList>` entries and its `<action>` text (the command line
    /// depends on the settings). `nil` removes the element.
    public static func setSettings(_ variables: VariableList?, actionText: String?, stepID: Int64, in db: StoreDatabase) throws {
        let shallow = try loadShallow(id: stepID, in: db)
        var step = shallow.step
        step.variables = variables
        step.actionCommandLine = actionText
        try update(shallow, to: step, contributesFacts: StepRow.contributesFacts(step), in: db)
    }

    /// The row's layout and action text for new settings.
    private static func setSettings(_ variables: VariableList?, actionText: String?, row: inout StepRow) throws {
        var layout = try row.layoutEntries()
        let variablesIndex = layout.firstIndex { if case .variables = $0.node { true } else { false } }
        let actionIndex = layout.firstIndex { if case .action = $0.node { true } else { false } }
        switch (variablesIndex, variables) {
        case (let index?, let list?): layout[index].node = .variables(list.attributes)
        case (let index?, nil): layout.remove(at: index)
        case (nil, let list?):
            let after = actionIndex.map { $0 + 1 } ?? layout.endIndex
            layout.insert(LayoutEntry(anchor: 0, node: .variables(list.attributes)), at: after)
        case (nil, nil): break
        }
        if actionText != nil, actionIndex == nil {
            layout.insert(LayoutEntry(anchor: 0, node: .action([:])), at: 0)
        } else if actionText == nil, let actionIndex {
            layout.remove(at: actionIndex)
        }
        row.actionText = actionText
        row.layout = try JSONColumn.encode(layout)
    }

    /// Whether any step of the subtree at `stepID` adds to References or Type.
    public static func subtreeContributesFacts(stepID: Int64, in db: StoreDatabase) throws -> Bool {
        try StepRow.subtreeContributesFacts(db, of: stepID)
    }

    /// The IDs of the steps directly inside `parentID` (`nil`: the top of the sequence), in order.
    public static func childStepIDs(packageID: String, parentID: Int64?, in db: StoreDatabase) throws -> [Int64] {
        try StepRow.childIDs(db, packageID: packageID, parentID: parentID)
    }

    /// How many steps are directly inside `parentID` (`nil`: the top of the sequence), counted as
    /// far as checking `index` against them needs (an `index` argument of an insert or a move:
    /// −1…count, −1 appending): for `index` ≥ 0, the count when it is at most `index`, else
    /// `index + 1`; for `nil` and −1 (appends, which need no count) 0; for any other
    /// `index` the count. A check of a small index then costs the same in a container of 20
    /// steps and of 2,000, and one out of range still names the exact count.
    public static func childCount(packageID: String, parentID: Int64?, checking index: Int?, in db: StoreDatabase) throws -> Int {
        let limit: Int?
        switch index {
        case nil, -1: limit = 0
        case let index? where index >= 0: limit = index + 1
        default: limit = nil
        }
        if limit == 0 { return 0 }
        return try StepRow.childCount(db, packageID: packageID, parentID: parentID, limit: limit)
    }

    /// The index of a step among its siblings.
    public static func index(of row: StepRow, in db: StoreDatabase) throws -> Int {
        try StepRow.countBefore(db, row)
    }

    // MARK: Internals

    /// Adds the rows of `step` and everything below it to `pending`, for the caller to write;
    /// returns the step's place there.
    @discardableResult
    static func insertSubtree(_ step: Step, packageID: String, parent: PendingRows.Reference, position: Int64, pending: inout PendingRows) throws -> Int {
        let content = StepContent(children: step.children)
        let row = try StepRow(step: step, packageID: packageID, parentID: nil, position: position, layout: content.layout,
                              variables: content.variables, contributesFacts: StepRow.contributesFacts(step))
        let place = try pending.addStep(row, parent: parent)
        try ConditionTree.insertOperands(content.condition, step: .new(place), parent: .stored(nil), pending: &pending)
        for (index, child) in content.childSteps.enumerated() {
            try insertSubtree(child, packageID: packageID, parent: .new(place), position: Int64(index + 1) * positionGap, pending: &pending)
        }
        return place
    }

    private static func requireContainer(packageID: String, parentID: Int64?, in db: StoreDatabase) throws {
        guard let parentID else {
            guard try PackageRow.exists(db, packageID: packageID) else { throw StoreError.packageNotFound(packageID) }
            return
        }
        guard let parent = try StepRow.fetchOne(db, id: parentID), parent.packageID == packageID else {
            throw StoreError.stepNotFound(parentID)
        }
        guard parent.kind == .group else { throw StoreError.notAContainer("step \(parentID) (\(parent.className))") }
    }

    private static func isStep(_ candidate: Int64, ancestorOrSelfOf stepID: Int64, in db: StoreDatabase) throws -> Bool {
        try StepRow.isAncestorOrSelf(db, candidate, of: stepID)
    }

    /// Takes a step out of its container's order (before a delete or a move).
    private static func detach(_ row: StepRow, in db: StoreDatabase) throws {
        let slot = try index(of: row, in: db)
        try updateLayout(packageID: row.packageID, containerID: row.parentID, in: db) { $0.stepRemoved(at: slot) }
    }

    /// Where a step put before the child now at `index` goes (`nil`, or an index past the last
    /// child, appends; a negative one puts it first): its position between its neighbours, and
    /// its slot among the children — `nil` when it goes last, which moves no layout entry. Only
    /// the neighbours are read, so a step is placed at the same cost in a container of 20 steps
    /// and of 2,000; the siblings are renumbered when there is no room left between them.
    private static func place(before index: Int?, packageID: String, parentID: Int64?, in db: StoreDatabase) throws -> (position: Int64, slot: Int?) {
        if let index {
            let slot = max(index, 0)
            switch try StepRow.neighbourPositions(db, packageID: packageID, parentID: parentID, slot: slot) {
            case (nil, let after?):
                return (after - positionGap, slot)
            case (let before?, let after?):
                if after - before > 1 { return (before + (after - before) / 2, slot) }
                try renumber(packageID: packageID, parentID: parentID, in: db)
                return try place(before: index, packageID: packageID, parentID: parentID, in: db)
            case (_, nil):
                break // At or past the end: appended.
            }
        }
        let last = try StepRow.lastPosition(db, packageID: packageID, parentID: parentID)
        return (last.map { $0 + positionGap } ?? positionGap, nil)
    }

    private static func renumber(packageID: String, parentID: Int64?, in db: StoreDatabase) throws {
        let ids = try childStepIDs(packageID: packageID, parentID: parentID, in: db)
        for (index, id) in ids.enumerated() {
            try StepRow.setPosition(db, id: id, position: Int64(index + 1) * positionGap)
        }
        try StepChangeTracking.touched(ids, in: db)
    }

    /// Changes the layout of a container: the package row for the top level, else the group.
    private static func updateLayout(packageID: String, containerID: Int64?, in db: StoreDatabase, _ change: (inout [LayoutEntry]) -> Void) throws {
        if let containerID {
            guard let row = try StepRow.fetchOne(db, id: containerID) else { throw StoreError.stepNotFound(containerID) }
            let before = try row.layoutEntries()
            var layout = before
            change(&layout)
            guard layout != before else { return }
            try StepRow.setLayout(db, id: containerID, layout: try JSONColumn.encode(layout))
            try StepChangeTracking.touched([containerID], in: db)
        } else {
            guard let package = try PackageRow.fetchOne(db, packageID: packageID) else { throw StoreError.packageNotFound(packageID) }
            let before = try package.layoutEntries()
            var layout = before
            change(&layout)
            guard layout != before else { return }
            try PackageRow.setLayout(db, packageID: packageID, layout: try JSONColumn.encode(layout))
        }
    }
}
