/// A sequence's steps in document order, with their parents, for matching.
struct FlatSteps {
    struct Entry {
        var path: StepPath
        var step: Step
        /// The path of the containing step; the empty path for the sequence itself.
        var parent: StepPath
        var classKey: String
    }

    var entries: [Entry] = []
    var indexByPath: [StepPath: Int] = [:]
    /// Entry indices of each container's steps in order; the sequence's under the empty path.
    var childrenByParent: [StepPath: [Int]] = [:]

    init(_ sequence: TaskSequence) {
        sequence.forEachStep { path, step in
            let parent = StepPath(Array(path.components.dropLast()))
            indexByPath[path] = entries.count
            childrenByParent[parent, default: []].append(entries.count)
            entries.append(Entry(path: path, step: step, parent: parent, classKey: step.className.lowercased()))
        }
    }
}
