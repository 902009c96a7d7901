/// Where a variable of a plan's environment comes from.
///
/// The engine's order, lowest precedence first: built-ins, collection variables, the computer's
/// own variables, then what the run sets (the plan's `--var` stands for what is set at the start
/// of the run, Set Task Sequence Variable steps for what is set later).
public enum PlanVariableSource: Sendable, Hashable, CustomStringConvertible {
    /// A built-in the planner can know: package ID and name, advertisement, machine facts …
    case builtIn
    /// A variable of collection `id` (SMS_CollectionSettings).
    case collection(id: String, name: String)
    /// A variable of the computer itself (SMS_MachineSettings).
    case computer(name: String)
    /// Given for the plan (`tsctl plan --var`, the `Variables` option).
    case commandLine
    /// Set while the sequence runs, by the step at `path`.
    case step(path: StepPath, name: String)

    /// The source of kind `kind` (``kind``'s words) with its collection ID, name and step path
    /// as they apply; `nil` for a kind this version does not know or a step source without a path.
    public init?(kind: String, id: String, name: String, path: StepPath?) {
        switch kind {
        case "builtIn": self = .builtIn
        case "collection": self = .collection(id: id, name: name)
        case "computer": self = .computer(name: name)
        case "commandLine": self = .commandLine
        case "step":
            guard let path else { return nil }
            self = .step(path: path, name: name)
        default: return nil
        }
    }

    /// The collection's ID; empty for other sources.
    public var id: String {
        if case .collection(let id, _) = self { return id }
        return ""
    }

    /// The collection's, computer's or step's name; empty for built-ins and the command line.
    public var name: String {
        switch self {
        case .builtIn, .commandLine: ""
        case .collection(_, let name), .computer(let name), .step(_, let name): name
        }
    }

    /// The setting step's path; `nil` for other sources.
    public var path: StepPath? {
        if case .step(let path, _) = self { return path }
        return nil
    }

    /// One word for the kind of source: `builtIn`, `collection`, `computer`, `commandLine`, `step`.
    public var kind: String {
        switch self {
        case .builtIn: "builtIn"
        case .collection: "collection"
        case .computer: "computer"
        case .commandLine: "commandLine"
        case .step: "step"
        }
    }

    /// `built-in`, `collection XYZ00012 'Lab'`, `computer 'PC1'`, `command line`, `step 'Set X'`.
    public var description: String {
        switch self {
        case .builtIn: "built-in"
        case .collection(let id, let name): name.isEmpty ? "collection \(id)" : "collection \(id) '\(name)'"
        case .computer(let name): "computer '\(name)'"
        case .commandLine: "command line"
        case .step(_, let name): "step '\(name)'"
        }
    }
}

/// A task sequence variable as a layer of the environment gives it: the same name, value and
/// masking a collection or computer stores.
public typealias PlanVariable = DeploymentVariable

/// The variables one source gives. A planner takes its layers lowest precedence first: a later
/// layer's value of a name replaces an earlier one's.
public struct PlanVariableLayer: Sendable, Hashable {
    public var source: PlanVariableSource
    public var variables: [PlanVariable]

    public init(source: PlanVariableSource, variables: [PlanVariable]) {
        self.source = source
        self.variables = variables
    }
}
