/// Pairs the steps of two versions of a sequence, so a diff, a merge or a whole-sequence write
/// can tell which step became which.
public enum StepMatching {
    /// Pairs steps of `new` with steps of `old`: first by identity (equal keys), then — for steps
    /// left over — by class and name within the same parent pair, then by class and name where
    /// exactly one step on each side has them (a step moved to another group), then by class and
    /// position (within 16 steps) with similar settings within the same parent pair (a renamed
    /// step). Each old step is used at most once. Returns new path → old path.
    public static func match(old: TaskSequence, new: TaskSequence,
                             oldIdentity: (StepPath) -> StepIdentity?,
                             newIdentity: (StepPath) -> StepIdentity?) -> [StepPath: StepPath] {
        var matcher = Matcher(old: FlatSteps(old), new: FlatSteps(new))
        matcher.matchByIdentity(oldIdentity: oldIdentity, newIdentity: newIdentity)
        matcher.matchByHeuristics()
        return matcher.result
    }
}

/// The state of one matching: which new steps are paired, which old steps are taken.
private struct Matcher {
    let old: FlatSteps
    let new: FlatSteps
    /// New entry index → old entry index.
    var pairs: [Int: Int] = [:]
    var usedOld: Set<Int> = []

    init(old: FlatSteps, new: FlatSteps) {
        self.old = old
        self.new = new
    }

    var result: [StepPath: StepPath] {
        var result: [StepPath: StepPath] = [:]
        for (newIndex, oldIndex) in pairs { result[new.entries[newIndex].path] = old.entries[oldIndex].path }
        return result
    }

    mutating func pair(_ newIndex: Int, _ oldIndex: Int) {
        pairs[newIndex] = oldIndex
        usedOld.insert(oldIndex)
    }

    mutating func matchByIdentity(oldIdentity: (StepPath) -> StepIdentity?, newIdentity: (StepPath) -> StepIdentity?) {
        var oldByKey: [String: [Int]] = [:]
        for (index, entry) in old.entries.enumerated() {
            if let identity = oldIdentity(entry.path) { oldByKey[identity.key, default: []].append(index) }
        }
        for (index, entry) in new.entries.enumerated() {
            guard let identity = newIdentity(entry.path), var candidates = oldByKey[identity.key] else { continue }
            // Two copies of one step in `new`: the first takes the original, the others are new.
            candidates.removeAll { usedOld.contains($0) }
            oldByKey[identity.key] = candidates
            guard let oldIndex = candidates.first else { continue }
            pair(index, oldIndex)
        }
    }

    /// The old path the new parent `parent` is paired with; the sequence maps to itself.
    func oldParent(ofNewParent parent: StepPath) -> StepPath? {
        if parent.components.isEmpty { return parent }
        guard let newIndex = new.indexByPath[parent], let oldIndex = pairs[newIndex] else { return nil }
        return old.entries[oldIndex].path
    }

    /// Repeats the heuristic passes until none pairs anything more: a group paired late (renamed)
    /// lets its children be paired by name in the next round.
    mutating func matchByHeuristics() {
        while true {
            let before = pairs.count
            matchByName()
            matchUniqueNames()
            matchByPositionAndSettings()
            if pairs.count == before { return }
        }
    }

    private func unpairedNew() -> [Int] {
        new.entries.indices.filter { pairs[$0] == nil }
    }

    /// How many same-named candidates, nearest first, are compared by settings.
    static let namesakesCompared = 32

    /// Class and name within the same parent pair; the most alike in settings wins, then the
    /// nearest by position.
    private mutating func matchByName() {
        var buckets: [NameKey: [Int]] = [:]
        for (index, entry) in old.entries.enumerated() where !usedOld.contains(index) {
            buckets[NameKey(parent: entry.parent, classKey: entry.classKey, name: entry.step.name), default: []].append(index)
        }
        for newIndex in unpairedNew() {
            let entry = new.entries[newIndex]
            guard let parent = oldParent(ofNewParent: entry.parent) else { continue }
            let key = NameKey(parent: parent, classKey: entry.classKey, name: entry.step.name)
            guard let candidates = buckets[key]?.filter({ !usedOld.contains($0) }), !candidates.isEmpty else { continue }
            let position = entry.path.components.last?.index ?? 0
            // Same-named steps (three "Install Package" steps) are told apart by their settings;
            // only the nearest few are compared, so thousands of alike names stay cheap.
            let nearest = candidates.sorted { distance(old.entries[$0], position) < distance(old.entries[$1], position) }
                .prefix(Self.namesakesCompared)
            let best = nearest.max { a, b in
                (StepSimilarity.score(old.entries[a].step, entry.step), -distance(old.entries[a], position))
                    < (StepSimilarity.score(old.entries[b].step, entry.step), -distance(old.entries[b], position))
            }
            if let best { pair(newIndex, best) }
        }
    }

    /// Class and name that exactly one unpaired step on each side has, wherever it stands.
    private mutating func matchUniqueNames() {
        var oldByName: [NameKey: [Int]] = [:]
        for (index, entry) in old.entries.enumerated() where !usedOld.contains(index) && !entry.step.name.isEmpty {
            oldByName[NameKey(parent: StepPath(), classKey: entry.classKey, name: entry.step.name), default: []].append(index)
        }
        var newByName: [NameKey: [Int]] = [:]
        for newIndex in unpairedNew() where !new.entries[newIndex].step.name.isEmpty {
            let entry = new.entries[newIndex]
            newByName[NameKey(parent: StepPath(), classKey: entry.classKey, name: entry.step.name), default: []].append(newIndex)
        }
        for (key, newIndices) in newByName {
            guard newIndices.count == 1, let oldIndices = oldByName[key], oldIndices.count == 1,
                  let newIndex = newIndices.first, let oldIndex = oldIndices.first else { continue }
            pair(newIndex, oldIndex)
        }
    }

    /// How far (in steps) from its old position a renamed step is looked for.
    static let positionWindow = 16

    /// Same class in the same parent pair, at most ``positionWindow`` steps away, with settings
    /// (or, for groups, children) at least half alike; the most alike wins, then the nearest.
    private mutating func matchByPositionAndSettings() {
        var byParentAndClass: [NameKey: [Int]] = [:]
        for (index, entry) in old.entries.enumerated() where !usedOld.contains(index) {
            byParentAndClass[NameKey(parent: entry.parent, classKey: entry.classKey, name: ""), default: []].append(index)
        }
        for newIndex in unpairedNew() {
            let entry = new.entries[newIndex]
            guard let parent = oldParent(ofNewParent: entry.parent),
                  let candidates = byParentAndClass[NameKey(parent: parent, classKey: entry.classKey, name: "")] else { continue }
            let position = entry.path.components.last?.index ?? 0
            var best: (index: Int, score: Double, distance: Int)?
            for oldIndex in candidates where !usedOld.contains(oldIndex) {
                let candidate = old.entries[oldIndex]
                let gap = distance(candidate, position)
                // A renamed step stays near its place; the bound keeps a sequence of thousands
                // of unrelated steps from comparing every pair.
                guard gap <= Self.positionWindow else { continue }
                let score = StepSimilarity.score(candidate.step, entry.step)
                guard score >= 0.5 else { continue }
                if let current = best, (current.score, -current.distance) >= (score, -gap) { continue }
                best = (oldIndex, score, gap)
            }
            if let best { pair(newIndex, best.index) }
        }
    }

    private func distance(_ entry: FlatSteps.Entry, _ position: Int) -> Int {
        abs((entry.path.components.last?.index ?? 0) - position)
    }
}

/// A bucket key: parent, lowercased class and name.
private struct NameKey: Hashable {
    var parent: StepPath
    var classKey: String
    var name: String
}
