/// Applies to one sequence ("ours", the one merged into) what changed in another ("theirs")
/// since their common ancestor ("base"), step by step.
///
/// Steps are paired base → ours and base → theirs by ``StepMatching``. For each step theirs
/// changed, the change is carried over: a field (name, flag, setting, condition) theirs changed
/// and ours did not takes theirs' value; a step theirs moved and ours did not goes where theirs
/// put it (after the same preceding sibling); a step theirs added is added there; a step theirs
/// removed and ours did not change is removed. What both sides changed differently is a
/// ``MergeConflict``; ``Policy`` says who wins, or that nothing is decided.
public struct ThreeWayMerge: Sendable {
    /// Who wins a conflict.
    public enum Policy: String, Sendable, Hashable, Codable, CaseIterable {
        /// Nobody: a merge with conflicts has no ``MergeResult/merged`` sequence to write.
        case none
        /// The sequence merged into keeps its version.
        case ours
        /// The version merged from wins.
        case theirs
    }

    public let base: ComparedSequence
    public let ours: ComparedSequence
    public let theirs: ComparedSequence
    public let policy: Policy
    public let catalog: ActionCatalog

    public init(
        base: ComparedSequence, ours: ComparedSequence, theirs: ComparedSequence,
        policy: Policy = .none, catalog: ActionCatalog = .builtIn
    ) {
        self.base = base
        self.ours = ours
        self.theirs = theirs
        self.policy = policy
        self.catalog = catalog
    }

    public func run() -> MergeResult {
        var run = MergeRun(merge: self)
        run.applyFieldChanges()
        run.applyStructure()
        run.applyRemovals()
        return run.result()
    }
}

/// The state of one merge run.
private struct MergeRun {
    let merge: ThreeWayMerge
    let baseSteps: FlatSteps
    let oursSteps: FlatSteps
    let theirsSteps: FlatSteps
    /// Base path → ours path, and → theirs path.
    let baseToOurs: [StepPath: StepPath]
    let baseToTheirs: [StepPath: StepPath]
    /// Ours path → base path, theirs path → base path.
    let oursToBase: [StepPath: StepPath]
    let theirsToBase: [StepPath: StepPath]
    let movedInOurs: Set<StepPath>
    let movedInTheirs: Set<StepPath>
    var tree: MergeTree
    /// Ours path → token.
    let oursTokens: [StepPath: Int]
    /// Theirs path → token of its counterpart in the tree.
    var theirsTokens: [StepPath: Int] = [:]
    var conflicts: [MergeConflict] = []

    init(merge: ThreeWayMerge) {
        self.merge = merge
        baseSteps = FlatSteps(merge.base.sequence)
        oursSteps = FlatSteps(merge.ours.sequence)
        theirsSteps = FlatSteps(merge.theirs.sequence)
        oursToBase = StepMatching.match(old: merge.base, new: merge.ours)
        theirsToBase = StepMatching.match(old: merge.base, new: merge.theirs)
        // The matcher uses each base step once, so these inversions lose nothing.
        baseToOurs = Dictionary(oursToBase.map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first })
        baseToTheirs = Dictionary(theirsToBase.map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first })
        movedInOurs = MoveDetection.movedSteps(old: baseSteps, new: oursSteps, pairs: oursToBase)
        movedInTheirs = MoveDetection.movedSteps(old: baseSteps, new: theirsSteps, pairs: theirsToBase)
        var tokens: [StepPath: Int] = [:]
        tree = MergeTree(merge.ours.sequence, tokens: &tokens)
        oursTokens = tokens
    }

    private func step(_ path: StepPath, in steps: FlatSteps) -> Step? {
        steps.indexByPath[path].map { steps.entries[$0].step }
    }

    /// Whether the conflict's policy lets theirs' version in.
    private var theirsWins: Bool { merge.policy == .theirs }

    private mutating func conflict(
        at oursPath: StepPath?, theirsPath: StepPath?, property: String,
        base: String?, ours: String?, theirs: String?, isSecret: Bool = false
    ) {
        let (path, step, stepID): (StepPath?, Step?, String?) = if let oursPath {
            (oursPath, self.step(oursPath, in: oursSteps), merge.ours.stepIDs[oursPath])
        } else if let theirsPath {
            (theirsPath, self.step(theirsPath, in: theirsSteps), merge.theirs.stepIDs[theirsPath])
        } else {
            (nil, nil, nil)
        }
        conflicts.append(MergeConflict(
            stepID: stepID, name: step?.name ?? "", path: path?.description ?? "", property: property,
            base: isSecret ? nil : base, ours: isSecret ? nil : ours, theirs: isSecret ? nil : theirs,
            isSecret: isSecret, resolution: merge.policy == .none ? nil : merge.policy
        ))
    }

    // MARK: Fields

    mutating func applyFieldChanges() {
        for baseEntry in baseSteps.entries {
            guard let oursPath = baseToOurs[baseEntry.path], let theirsPath = baseToTheirs[baseEntry.path],
                  let oursStep = step(oursPath, in: oursSteps), let theirsStep = step(theirsPath, in: theirsSteps),
                  let token = oursTokens[oursPath] else { continue }
            let base = StepField.fields(of: baseEntry.step)
            let ours = StepField.fields(of: oursStep)
            let theirs = StepField.fields(of: theirsStep)
            let theirsChangedSettings = theirs.keys.contains { if case .setting = $0 { base[$0] != theirs[$0] } else { false } }
                || base.keys.contains { if case .setting = $0 { theirs[$0] == nil } else { false } }
            for field in Set(base.keys).union(theirs.keys).sorted() where theirs[field] != base[field] {
                if ours[field] == base[field] || (ours[field] != theirs[field] && theirsWins) {
                    if ours[field] != base[field] { recordFieldConflict(field, oursPath, theirsPath, base, ours, theirs, theirsStep) }
                    tree.update(token) { field.apply(theirs[field], to: &$0) }
                } else if ours[field] != theirs[field] {
                    // `<action>` follows the settings; their conflict is the one a person decides.
                    if field == .action && theirsChangedSettings && merge.policy == .none { continue }
                    recordFieldConflict(field, oursPath, theirsPath, base, ours, theirs, theirsStep)
                }
            }
        }
    }

    private mutating func recordFieldConflict(
        _ field: StepField, _ oursPath: StepPath, _ theirsPath: StepPath,
        _ base: [StepField: StepFieldValue], _ ours: [StepField: StepFieldValue], _ theirs: [StepField: StepFieldValue],
        _ theirsStep: Step
    ) {
        var isSecret = false
        if case .variable(let variable)? = theirs[field] ?? ours[field] ?? base[field] {
            isSecret = theirsStep.secrecy(of: variable, catalog: merge.catalog, secretNames: merge.catalog.secretVariableNames) != .none
        }
        conflict(
            at: oursPath, theirsPath: theirsPath, property: field.displayName(old: ours[field], new: theirs[field]),
            base: base[field]?.shown, ours: ours[field]?.shown, theirs: theirs[field]?.shown, isSecret: isSecret
        )
    }

    // MARK: Structure

    /// Walks theirs in document order, so a step's parent and preceding siblings are placed
    /// before it: moves what theirs moved, adds what theirs added.
    mutating func applyStructure() {
        for entry in theirsSteps.entries {
            if let basePath = theirsToBase[entry.path] {
                applyMatched(entry, basePath: basePath)
            } else {
                applyAdded(entry)
            }
        }
    }

    private mutating func applyMatched(_ entry: FlatSteps.Entry, basePath: StepPath) {
        guard let oursPath = baseToOurs[basePath], let token = oursTokens[oursPath] else {
            // Ours removed it: a conflict only if theirs changed the step itself.
            guard let baseStep = step(basePath, in: baseSteps),
                  StepField.fields(of: baseStep) != StepField.fields(of: entry.step) else { return }
            conflict(at: nil, theirsPath: entry.path, property: "Step", base: "present", ours: "removed", theirs: "changed")
            if theirsWins { insertFromTheirs(entry) }
            return
        }
        theirsTokens[entry.path] = token
        guard movedInTheirs.contains(entry.path) else { return }
        if movedInOurs.contains(oursPath) {
            let oursPlace = place(of: oursPath, in: oursSteps, toBase: oursToBase)
            let theirsPlace = place(of: entry.path, in: theirsSteps, toBase: theirsToBase)
            guard oursPlace != theirsPlace else { return }
            conflict(at: oursPath, theirsPath: entry.path, property: "Position",
                     base: basePath.description, ours: oursPath.description, theirs: entry.path.description)
            guard theirsWins else { return }
        }
        let (parentToken, after) = destination(of: entry)
        tree.move(token, under: parentToken, after: after)
    }

    private mutating func applyAdded(_ entry: FlatSteps.Entry) {
        let parentKnown = entry.parent.components.isEmpty || theirsTokens[entry.parent] != nil
        if !parentKnown {
            // Its parent is new in theirs and was not brought in, or ours removed it.
            guard theirsToBase[entry.parent] != nil else { return }
            conflict(at: nil, theirsPath: entry.path, property: "Step", base: nil, ours: "parent removed", theirs: "added")
            guard theirsWins else { return }
        }
        insertFromTheirs(entry)
    }

    private mutating func insertFromTheirs(_ entry: FlatSteps.Entry) {
        let (parentToken, after) = destination(of: entry)
        theirsTokens[entry.path] = tree.insert(entry.step, origin: .theirs(entry.path), under: parentToken, after: after)
    }

    /// Where theirs' step goes in the tree: under the counterpart of its parent (the sequence
    /// when there is none), after the counterpart of its nearest preceding sibling there.
    private func destination(of entry: FlatSteps.Entry) -> (parent: Int, after: Int?) {
        var parentPath = entry.parent
        var parentToken = 0
        while !parentPath.components.isEmpty {
            if let token = theirsTokens[parentPath], tree.contains(token) { parentToken = token; break }
            parentPath = StepPath(Array(parentPath.components.dropLast()))
        }
        guard let index = entry.path.components.last?.index, parentPath == entry.parent else { return (parentToken, nil) }
        let siblings = theirsSteps.childrenByParent[entry.parent] ?? []
        for siblingIndex in siblings.prefix(index).reversed() {
            guard let token = theirsTokens[theirsSteps.entries[siblingIndex].path], tree.parent[token] == parentToken else { continue }
            return (parentToken, token)
        }
        return (parentToken, nil)
    }

    /// A step's place as base paths: its parent's and its preceding sibling's.
    private func place(of path: StepPath, in steps: FlatSteps, toBase: [StepPath: StepPath]) -> [StepPath?] {
        let parent = StepPath(Array(path.components.dropLast()))
        let index = path.components.last?.index ?? 0
        let previous = steps.entries.last { $0.parent == parent && ($0.path.components.last?.index ?? 0) < index && toBase[$0.path] != nil }
        return [parent.components.isEmpty ? StepPath() : toBase[parent], previous.flatMap { toBase[$0.path] }]
    }

    // MARK: Removals

    /// Removes what theirs removed, unless ours changed it (or added steps inside it).
    mutating func applyRemovals() {
        for baseEntry in baseSteps.entries where baseToTheirs[baseEntry.path] == nil {
            guard let oursPath = baseToOurs[baseEntry.path], let token = oursTokens[oursPath], tree.contains(token),
                  let oursStep = step(oursPath, in: oursSteps) else { continue }
            if StepField.fields(of: oursStep) != StepField.fields(of: baseEntry.step) || addedInside(oursPath) {
                conflict(at: oursPath, theirsPath: nil, property: "Step", base: "present", ours: "changed", theirs: "removed")
                guard theirsWins else { continue }
            }
            tree.remove(token)
        }
    }

    /// Whether ours added a step anywhere inside the step at `oursPath`.
    private func addedInside(_ oursPath: StepPath) -> Bool {
        oursSteps.entries.contains { entry in
            entry.path.components.count > oursPath.components.count
                && Array(entry.path.components.prefix(oursPath.components.count)) == oursPath.components
                && oursToBase[entry.path] == nil
        }
    }

    // MARK: Result

    func result() -> MergeResult {
        let (proposed, origins) = tree.sequence(from: merge.ours.sequence)
        // Ours' steps keep their identity in the result, so the diff pairs them exactly.
        var oursIdentities: [StepPath: StepIdentity] = [:]
        for entry in oursSteps.entries { oursIdentities[entry.path] = StepIdentity("ours:" + entry.path.description) }
        var mergedIdentities: [StepPath: StepIdentity] = [:]
        var mergedStepIDs: [StepPath: String] = [:]
        for (path, origin) in origins {
            guard case .ours(let oursPath) = origin else { continue }
            mergedIdentities[path] = StepIdentity("ours:" + oursPath.description)
            mergedStepIDs[path] = merge.ours.stepIDs[oursPath]
        }
        let applied = SequenceDiff(
            old: ComparedSequence(sequence: merge.ours.sequence, identities: oursIdentities, stepIDs: merge.ours.stepIDs),
            new: ComparedSequence(sequence: proposed, identities: mergedIdentities, stepIDs: mergedStepIDs),
            catalog: merge.catalog
        )
        let unresolved = conflicts.contains { $0.resolution == nil }
        return MergeResult(
            merged: unresolved ? nil : proposed, proposed: proposed, applied: applied,
            conflicts: conflicts, origins: origins
        )
    }
}
