/// The sequence being merged, as nodes that keep a token through moves, so each step's origin
/// is known once the tree is written back.
///
/// Token 0 is the sequence itself; ours' steps are 1…n in document order; steps brought in
/// from theirs get the tokens after.
struct MergeTree {
    private(set) var steps: [Int: Step] = [:]
    private(set) var children: [Int: [Int]] = [0: []]
    private(set) var parent: [Int: Int] = [:]
    private(set) var origins: [Int: MergedStepOrigin] = [:]
    private var nextToken = 1

    /// The tree of `sequence`, and each step's token by path.
    init(_ sequence: TaskSequence, tokens: inout [StepPath: Int]) {
        var byPath: [StepPath: Int] = [:]
        sequence.forEachStep { path, step in
            let token = nextToken
            nextToken += 1
            byPath[path] = token
            let parentToken = byPath[StepPath(Array(path.components.dropLast()))] ?? 0
            steps[token] = step
            children[token] = []
            children[parentToken, default: []].append(token)
            parent[token] = parentToken
            origins[token] = .ours(path)
        }
        tokens = byPath
    }

    func contains(_ token: Int) -> Bool { steps[token] != nil }

    mutating func update(_ token: Int, _ body: (inout Step) -> Void) {
        guard var step = steps[token] else { return }
        body(&step)
        steps[token] = step
    }

    /// Adds `step` (its own child steps are left to later inserts) under `parentToken`, after
    /// `after` or first; returns its token.
    mutating func insert(_ step: Step, origin: MergedStepOrigin, under parentToken: Int, after: Int?) -> Int {
        let token = nextToken
        nextToken += 1
        var bare = step
        bare.steps = []
        steps[token] = bare
        children[token] = []
        origins[token] = origin
        attach(token, under: parentToken, after: after)
        return token
    }

    /// Moves `token` (with what is inside it) under `parentToken`, after `after` or first.
    mutating func move(_ token: Int, under parentToken: Int, after: Int?) {
        guard contains(token), token != parentToken, !isInside(parentToken, token) else { return }
        detach(token)
        attach(token, under: parentToken, after: after)
    }

    /// Removes `token` and every step inside it.
    mutating func remove(_ token: Int) {
        guard contains(token) else { return }
        detach(token)
        var pending = [token]
        while let next = pending.popLast() {
            pending += children[next] ?? []
            steps[next] = nil
            children[next] = nil
            parent[next] = nil
            origins[next] = nil
        }
    }

    /// Whether `token` is `ancestor` or inside it.
    func isInside(_ token: Int, _ ancestor: Int) -> Bool {
        var cursor: Int? = token
        while let current = cursor {
            if current == ancestor { return true }
            cursor = parent[current]
        }
        return false
    }

    /// `base` with its steps replaced by the tree's, and each step's path → origin.
    func sequence(from base: TaskSequence) -> (TaskSequence, [StepPath: MergedStepOrigin]) {
        var origins: [StepPath: MergedStepOrigin] = [:]
        var result = base
        result.steps = (children[0] ?? []).enumerated().compactMap { index, token in
            build(token, at: StepPath(), index: index, origins: &origins)
        }
        return (result, origins)
    }

    private func build(_ token: Int, at parentPath: StepPath, index: Int, origins: inout [StepPath: MergedStepOrigin]) -> Step? {
        guard var step = steps[token] else { return nil }
        let path = parentPath.appending(step.kind, at: index)
        origins[path] = self.origins[token]
        step.steps = (children[token] ?? []).enumerated().compactMap { childIndex, child in
            build(child, at: path, index: childIndex, origins: &origins)
        }
        return step
    }

    private mutating func detach(_ token: Int) {
        guard let parentToken = parent[token] else { return }
        children[parentToken]?.removeAll { $0 == token }
        parent[token] = nil
    }

    private mutating func attach(_ token: Int, under parentToken: Int, after: Int?) {
        var siblings = children[parentToken] ?? []
        let position = after.flatMap { siblings.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
        siblings.insert(token, at: position)
        children[parentToken] = siblings
        parent[token] = parentToken
    }
}
