import TaskSequenceModel

/// What writing a whole sequence over the stored one did to its steps, by step ID.
public struct StepChanges: Sendable, Equatable {
    /// Steps that were not there before (new IDs, or IDs given back by a rollback).
    public var created: [Int64] = []
    /// Steps kept whose own content, parent or place changed.
    public var modified: [Int64] = []
    /// Steps that are gone, those inside deleted groups included.
    public var deleted: [Int64] = []
    /// The class of every step above (of the deleted as they were).
    public var classNames: [Int64: String] = [:]
    /// Whether the `<sequence>` element's attributes or non-step children changed.
    public var sequenceElementChanged = false
    /// Whether anything at all was written.
    public var isEmpty: Bool { created.isEmpty && modified.isEmpty && deleted.isEmpty && !sequenceElementChanged }

    public init() {}
}

extension SequenceTree {
    /// The package as its rows are now, IDs included.
    public static func image(packageID: String, in db: StoreDatabase) throws -> PackageImage {
        let (package, rows, variables, operands) = try storedRows(packageID: packageID, in: db)
        return PackageImage(
            properties: try package.properties(), sequenceAttributes: package.sequenceAttributes, layout: package.layout,
            steps: rows, variables: variables, operands: operands
        )
    }

    /// Writes `sequence` over the package's stored one, changing only what differs: the step at
    /// each path in `ids` keeps (or gets back) that ID; steps without one get new IDs; stored
    /// steps whose IDs are not used are deleted. A kept step whose content is unchanged and
    /// that keeps its place is not written at all, so its revision entry does not change either.
    public static func apply(_ sequence: TaskSequence, ids: [StepPath: Int64], packageID: String, in db: StoreDatabase) throws -> StepChanges {
        let before = try image(packageID: packageID, in: db)
        var rowsByID: [Int64: StepRow] = [:]
        for row in before.steps { if let id = row.id { rowsByID[id] = row } }
        let oldSequence = try before.sequence()
        var oldConditions: [Int64: [ConditionOperand]] = [:]
        for (path, id) in before.stepIDs() {
            if let step = oldSequence.step(at: path.indices) { oldConditions[id] = StepContent(children: step.children).condition }
        }

        try StepChangeTracking.willChange(packageID: packageID, in: db)
        var changes = StepChanges()
        var used = Set<Int64>()
        var pending = PendingRows(in: db)
        func write(_ steps: [Step], under parentID: Int64?, at path: StepPath) throws {
            let wanted = steps.enumerated().map { ids[path.appending($0.element.kind, at: $0.offset)] }
            let previous = wanted.map { id -> Int64? in
                guard let id, let row = rowsByID[id], row.parentID == parentID, !used.contains(id) else { return nil }
                return row.position
            }
            let positions = keptPositions(previous)
            for (index, step) in steps.enumerated() {
                let own = path.appending(step.kind, at: index)
                let content = StepContent(children: step.children)
                var row = try StepRow(step: step, packageID: packageID, parentID: parentID, position: positions[index], layout: content.layout,
                                      variables: content.variables, contributesFacts: StepRow.contributesFacts(step))
                let id: Int64
                if let kept = wanted[index], !used.contains(kept), let old = rowsByID[kept] {
                    id = kept
                    row.id = kept
                    // The row holds the step's variables too.
                    let sameRow = row == old
                    let sameCondition = oldConditions[kept] == content.condition
                    if !sameRow { try row.update(db) }
                    if !sameCondition {
                        try ConditionOperandRow.deleteAll(db, stepID: kept)
                        try ConditionTree.insertOperands(content.condition, step: .stored(kept), parent: .stored(nil), pending: &pending)
                    }
                    if !(sameRow && sameCondition) { changes.modified.append(kept) }
                } else {
                    if let given = wanted[index], !used.contains(given), try !StepRow.exists(db, id: given) { row.id = given }
                    try row.insert(db)
                    guard let inserted = row.id else { throw StoreError.corrupt("inserted step has no ID") }
                    id = inserted
                    try ConditionTree.insertOperands(content.condition, step: .stored(id), parent: .stored(nil), pending: &pending)
                    changes.created.append(id)
                }
                used.insert(id)
                changes.classNames[id] = row.className
                try write(content.childSteps, under: id, at: own)
            }
        }
        try write(StepContent(children: sequence.children).childSteps, under: nil, at: StepPath())
        _ = try pending.finish()

        let gone = before.steps.compactMap(\.id).filter { !used.contains($0) }
        changes.deleted = gone
        for id in gone { changes.classNames[id] = rowsByID[id]?.className }
        if !gone.isEmpty {
            // Kept steps were moved out of deleted groups above, so the cascade takes only the gone.
            try StepRow.delete(db, ids: gone)
        }
        try StepChangeTracking.touched(changes.created + changes.modified + changes.deleted, in: db)
        let attributes = try JSONColumn.encode(sequence.attributes)
        let layout = try JSONColumn.encode(StepContent(children: sequence.children).layout)
        if before.sequenceAttributes != attributes || before.layout != layout {
            try PackageRow.setSequenceElement(db, packageID: packageID, attributes: attributes, layout: layout)
            changes.sequenceElementChanged = true
        }
        return changes
    }

    /// Positions for a container's children in their new order: a child that stays in the
    /// container keeps its position when the longest run of such positions in increasing order
    /// includes it; the others get positions between their neighbours (renumbering all of them
    /// only when there is no room).
    static func keptPositions(_ previous: [Int64?]) -> [Int64] {
        let candidates = previous.enumerated().compactMap { entry in entry.element.map { (entry.offset, $0) } }
        // Longest strictly increasing subsequence of the old positions (patience sorting).
        var tails: [Int] = [], parent = [Int](repeating: -1, count: candidates.count)
        for (index, candidate) in candidates.enumerated() {
            var low = 0, high = tails.count
            while low < high {
                let middle = (low + high) / 2
                if candidates[tails[middle]].1 < candidate.1 { low = middle + 1 } else { high = middle }
            }
            if low > 0 { parent[index] = tails[low - 1] }
            if low == tails.count { tails.append(index) } else { tails[low] = index }
        }
        var kept: [Int: Int64] = [:]
        var cursor = tails.last ?? -1
        while cursor >= 0 {
            kept[candidates[cursor].0] = candidates[cursor].1
            cursor = parent[cursor]
        }
        var result = [Int64](repeating: 0, count: previous.count)
        var index = 0
        var last: Int64 = 0
        while index < previous.count {
            if let position = kept[index] {
                result[index] = position
                last = position
                index += 1
                continue
            }
            // A run of children without a kept position, up to the next kept one.
            var end = index
            while end < previous.count, kept[end] == nil { end += 1 }
            let count = Int64(end - index)
            let limit = end < previous.count ? kept[end] : nil
            let step: Int64 = limit.map { ($0 - last) / (count + 1) } ?? positionGap
            guard step > 0 else { return previous.indices.map { Int64($0 + 1) * positionGap } }
            for offset in 0..<Int(count) { result[index + offset] = last + step * Int64(offset + 1) }
            last = result[end - 1]
            index = end
        }
        return result
    }
}
