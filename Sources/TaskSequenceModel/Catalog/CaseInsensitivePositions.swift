/// Positions by name without regard to case, as the catalog looks class, property and
/// variable names up: an ASCII name through ``CaseFoldedIndex`` (no hashing, no lowercasing),
/// any other by the name as spelt and then by its Unicode lowercasing.
struct CaseInsensitivePositions: Sendable {
    private let folded: CaseFoldedIndex
    /// The names as spelt, each giving the position its lowercased twin gives.
    private let exact: [String: Int]
    private let lowercased: [String: Int]

    /// `lowercased` holds the positions by lowercased name as the caller settled duplicates;
    /// `names` are the same names as spelt, in order, the first of those equal without regard to
    /// case being the one `lowercased` keeps.
    init(lowercased: [String: Int], names: [(name: String, position: Int)]) {
        var exact: [String: Int] = [:]
        for (name, _) in names where exact[name] == nil {
            exact[name] = lowercased[name.lowercased()]
        }
        self.folded = CaseFoldedIndex(names)
        self.exact = exact
        self.lowercased = lowercased
    }

    /// The position of the name equal to `name` without regard to case.
    func position(of name: String) -> Int? {
        switch folded.probe(name) {
        case .found(let position): position
        case .absent: nil
        case .undecided: exact[name] ?? lowercased[name.lowercased()]
        }
    }
}
