/// Which paired steps moved: to another parent, or out of their order among the siblings that
/// stayed with them. Shifts caused by steps added or removed around a step are not moves.
enum MoveDetection {
    /// The new paths of the steps that moved, given the pairing new path → old path.
    static func movedSteps(old: FlatSteps, new: FlatSteps, pairs: [StepPath: StepPath]) -> Set<StepPath> {
        var moved: Set<StepPath> = []
        // Paired children of each new container whose old parent is that container's pair, in order.
        var stayed: [StepPath: [(newPath: StepPath, oldIndex: Int)]] = [:]
        for entry in new.entries {
            guard let oldPath = pairs[entry.path] else { continue }
            let expectedOldParent: StepPath? = entry.parent.components.isEmpty ? StepPath() : pairs[entry.parent]
            let actualOldParent = StepPath(Array(oldPath.components.dropLast()))
            if expectedOldParent != actualOldParent {
                moved.insert(entry.path)
            } else {
                stayed[entry.parent, default: []].append((entry.path, oldPath.components.last?.index ?? 0))
            }
        }
        for siblings in stayed.values where siblings.count > 1 {
            let kept = longestIncreasingRun(siblings.map(\.oldIndex))
            for (offset, sibling) in siblings.enumerated() where !kept.contains(offset) {
                moved.insert(sibling.newPath)
            }
        }
        return moved
    }

    /// Offsets into `values` of a longest strictly increasing subsequence (patience sorting);
    /// the steps outside it are the fewest that must have moved.
    static func longestIncreasingRun(_ values: [Int]) -> Set<Int> {
        var tails: [Int] = []          // offsets of the smallest tail of each run length
        var previous = [Int](repeating: -1, count: values.count)
        for (offset, value) in values.enumerated() {
            var low = 0
            var high = tails.count
            while low < high {
                let middle = (low + high) / 2
                if values[tails[middle]] < value { low = middle + 1 } else { high = middle }
            }
            if low > 0 { previous[offset] = tails[low - 1] }
            if low == tails.count { tails.append(offset) } else { tails[low] = offset }
        }
        var result: Set<Int> = []
        var cursor = tails.last ?? -1
        while cursor >= 0 {
            result.insert(cursor)
            cursor = previous[cursor]
        }
        return result
    }
}
