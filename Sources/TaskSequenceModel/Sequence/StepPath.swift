/// Where a step sits in a sequence: its position among the steps of each container on the way
/// down from the sequence.
///
/// Indices count steps only (other children such as `<globalVarList>` or comments do not count)
/// and are zero-based, like ``StepContainer/insertStep(_:at:)``. The text form is one-based, as
/// in XPath, and names each step's element: `group[2]/step[3]` is the third step inside the
/// sequence's second step, which is a group.
public struct StepPath: Sendable, Hashable, CustomStringConvertible {
    /// One level of a path.
    public struct Component: Sendable, Hashable {
        /// The element the step is written as.
        public var kind: StepKind
        /// Zero-based position among the container's steps.
        public var index: Int

        public init(kind: StepKind, index: Int) {
            self.kind = kind
            self.index = index
        }
    }

    public var components: [Component]

    public init(_ components: [Component] = []) {
        self.components = components
    }

    /// The zero-based positions, outermost first.
    public var indices: [Int] { components.map(\.index) }

    /// The path of the step at `index` (zero-based) inside the step this path names.
    public func appending(_ kind: StepKind, at index: Int) -> StepPath {
        StepPath(components + [Component(kind: kind, index: index)])
    }

    /// `group[2]/step[3]` (one-based); empty for the sequence itself.
    public var description: String {
        components.map { "\($0.kind.rawValue)[\($0.index + 1)]" }.joined(separator: "/")
    }
}

extension StepContainer {
    /// The step at zero-based `indices` (outermost first), if there is one.
    public func step(at indices: [Int]) -> Step? {
        guard let first = indices.first else { return nil }
        let steps = self.steps
        guard steps.indices.contains(first) else { return nil }
        let rest = indices.dropFirst()
        return rest.isEmpty ? steps[first] : steps[first].step(at: Array(rest))
    }

    /// Calls `body` for every step below this container, depth first in document order, with the
    /// step's path relative to this container.
    public func forEachStep(_ body: (StepPath, Step) throws -> Void) rethrows {
        try forEachStep(under: StepPath(), body)
    }

    /// Lets `body` change every step below this container, depth first in document order. A step's
    /// children are visited after `body` has seen the step itself; non-step children of every
    /// container stay where they are.
    public mutating func updateEachStep(_ body: (StepPath, inout Step) throws -> Void) rethrows {
        try updateEachStep(under: StepPath(), body)
    }

    /// ``forEachStep(_:)`` without making each step's path (an array per step): `body` gets the
    /// step's depth, 1 for this container's own steps. For walks that do not report places.
    func forEachStepWithDepth(_ body: (Int, Step) throws -> Void) rethrows {
        try forEachStep(atDepth: 1, body)
    }

    private func forEachStep(atDepth depth: Int, _ body: (Int, Step) throws -> Void) rethrows {
        for case .step(let step) in children {
            try body(depth, step)
            try step.forEachStep(atDepth: depth + 1, body)
        }
    }

    private func forEachStep(under parent: StepPath, _ body: (StepPath, Step) throws -> Void) rethrows {
        // Straight over the children: `steps` would build an array of them per container.
        var index = 0
        for case .step(let step) in children {
            let path = parent.appending(step.kind, at: index)
            index += 1
            try body(path, step)
            try step.forEachStep(under: path, body)
        }
    }

    private mutating func updateEachStep(under parent: StepPath, _ body: (StepPath, inout Step) throws -> Void) rethrows {
        var steps = self.steps
        guard !steps.isEmpty else { return }
        for index in steps.indices {
            let path = parent.appending(steps[index].kind, at: index)
            try body(path, &steps[index])
            try steps[index].updateEachStep(under: path, body)
        }
        self.steps = steps
    }
}
