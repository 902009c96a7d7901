extension TaskSequence {
    /// The steps `selector` names, in document order: a path as plans print it
    /// (`group[1]/step[2]`), or a name, which selects every step so named (case-insensitive).
    public func stepPaths(matching selector: String) -> [StepPath] {
        var matches: [StepPath] = []
        forEachStep { path, step in
            if path.description == selector || step.name.equalsIgnoringCase(selector) { matches.append(path) }
        }
        return matches
    }
}
