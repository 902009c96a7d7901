/// How far apart two variable names are, for suggesting the name a typo meant.
enum NameDistance {
    /// Edits (insert, delete, substitute, swap two neighbours) between `a` and `b`, compared
    /// lowercased; stops counting past `limit` and returns `limit + 1`.
    static func distance(_ a: String, _ b: String, limit: Int) -> Int {
        let x = Array(a.lowercased()), y = Array(b.lowercased())
        if abs(x.count - y.count) > limit { return limit + 1 }
        if x.isEmpty || y.isEmpty { return max(x.count, y.count) }
        var before = [Int](repeating: 0, count: y.count + 1)
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    value = min(value, before[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return limit + 1 }
            (before, previous, current) = (previous, current, before)
        }
        return previous[y.count]
    }

    /// The typo allowance for a name: one edit up to 7 characters, two from 8 on; none under 4.
    static func allowance(for name: String) -> Int {
        switch name.count {
        case ..<4: 0
        case ..<8: 1
        default: 2
        }
    }

    /// The known name `name` most likely misspells, if one is within the allowance. Names that
    /// differ only in their digits (`DRIVERS01`, `DRIVERS02`) are numbered siblings, not typos.
    static func nearest(to name: String, among candidates: [String]) -> String? {
        let limit = allowance(for: name)
        guard limit > 0 else { return nil }
        let letters = name.lowercased().filter { !$0.isNumber }
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            guard candidate.lowercased().filter({ !$0.isNumber }) != letters else { continue }
            let distance = distance(name, candidate, limit: limit)
            if distance <= limit, distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        return best?.name
    }
}
