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
