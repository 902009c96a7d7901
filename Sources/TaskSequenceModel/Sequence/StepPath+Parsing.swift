extension StepPath {
    /// The path ``description`` writes (`group[2]/step[3]`, one-based; empty for the sequence
    /// itself), read back — as a client reads the paths a provider reports. `nil` for text
    /// that is not such a path.
    public init?(parsing text: String) {
        guard !text.isEmpty else {
            self.init()
            return
        }
        var components: [Component] = []
        for part in text.split(separator: "/", omittingEmptySubsequences: false) {
            guard part.hasSuffix("]"), let open = part.firstIndex(of: "["),
                  let kind = StepKind(rawValue: String(part[..<open])),
                  let number = Int(part[part.index(after: open)..<part.index(before: part.endIndex)]), number >= 1 else { return nil }
            components.append(Component(kind: kind, index: number - 1))
        }
        self.init(components)
    }
}
