/// How alike two steps of the same class are, from 0 to 1.
enum StepSimilarity {
    /// Actions: the share of settings (property and value) and condition they have in common.
    /// Groups: the share of child step names in common (two empty groups are alike).
    static func score(_ a: Step, _ b: Step) -> Double {
        if a.isGroup || b.isGroup {
            return jaccard(Set(a.steps.map(\.name)), Set(b.steps.map(\.name)))
        }
        var left = Set((a.variables?.variables ?? []).map { $0.property.lowercased() + "=" + $0.value })
        var right = Set((b.variables?.variables ?? []).map { $0.property.lowercased() + "=" + $0.value })
        if let condition = a.condition { left.insert("condition=" + condition.text) }
        if let condition = b.condition { right.insert("condition=" + condition.text) }
        if let action = a.actionCommandLine { left.insert("action=" + action) }
        if let action = b.actionCommandLine { right.insert("action=" + action) }
        return jaccard(left, right)
    }

    private static func jaccard(_ a: Set<String>, _ b: Set<String>) -> Double {
        let union = a.union(b).count
        return union == 0 ? 1 : Double(a.intersection(b).count) / Double(union)
    }
}
