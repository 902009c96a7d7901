/// What a plan says a step will do: the service plans it, the bus `Plan` carries its raw value
/// (`run`, `skip`, `unknown`) and the SDK reads it back.
public enum PlanDecision: String, Sendable, Hashable, CaseIterable, Codable {
    /// It runs.
    case run
    /// It does not run: disabled, its condition is false, its group is skipped, or execution
    /// stopped before it.
    case skip
    /// It may or may not run: something it depends on is unknown (the reason names it).
    case unknown

    init(_ evaluation: Evaluation) {
        switch evaluation {
        case .true: self = .run
        case .false: self = .skip
        case .unknown: self = .unknown
        }
    }
}

/// One step or group of a plan, in document order: what the planner decides, the service
/// sends in `Plan`'s reply and the SDK reads back.
public struct PlannedStep: Sendable, Hashable {
    /// The step's StepID when the plan is of a stored package; `nil` for a sequence planned
    /// without one (the planner itself does not know IDs).
    public var stepID: Int64?
    public var path: StepPath
    public var name: String
    public var className: String
    /// 0 for the sequence's own steps, one more per group around it.
    public var depth: Int
    public var isGroup: Bool
    public var decision: PlanDecision
    /// The operand or rule that decided, as text; masked values never appear in it.
    public var reason: String
    /// Whether the plan assumed this step fails (it was named in `--fail`).
    public var assumedToFail: Bool

    public init(
        stepID: Int64? = nil, path: StepPath, name: String, className: String, depth: Int, isGroup: Bool,
        decision: PlanDecision, reason: String, assumedToFail: Bool
    ) {
        self.stepID = stepID
        self.path = path
        self.name = name
        self.className = className
        self.depth = depth
        self.isGroup = isGroup
        self.decision = decision
        self.reason = reason
        self.assumedToFail = assumedToFail
    }
}

/// How the sequence ends, given the steps assumed to fail.
public enum PlanOutcome: Sendable, Hashable, CustomStringConvertible {
    /// It runs to the end.
    case completes
    /// The failure of the named step ends it.
    case fails(step: String)
    /// It ends early if the named step runs and fails, which is unknown.
    case mayFail(step: String)

    /// The outcome `word` names, with the step it names (empty for `completes`); `nil` for a
    /// word this version does not know.
    public init?(word: String, step: String) {
        switch word {
        case "completes": self = .completes
        case "fails": self = .fails(step: step)
        case "unknown": self = .mayFail(step: step)
        default: return nil
        }
    }

    /// The step whose failure ends the run, or may; `nil` when it completes.
    public var step: String? {
        switch self {
        case .completes: nil
        case .fails(let step), .mayFail(let step): step
        }
    }

    /// `completes`, `fails` or `unknown`.
    public var word: String {
        switch self {
        case .completes: "completes"
        case .fails: "fails"
        case .mayFail: "unknown"
        }
    }

    public var description: String {
        switch self {
        case .completes: "the sequence completes"
        case .fails(let step): "the sequence fails: step '\(step)' failed and no group around it continues on error"
        case .mayFail(let step): "the sequence may fail: if step '\(step)' runs and fails, no group around it continues on error"
        }
    }
}

/// A dry run of a task sequence: the environment it starts with and what every step would do.
public struct TaskSequencePlan: Sendable, Hashable {
    /// The starting variables, by name as first given; each with its winning source.
    public var environment: [ResolvedVariable]
    /// Collections that disagree about a variable.
    public var conflicts: [PlanConflict]
    /// Every step and group, in document order.
    public var steps: [PlannedStep]
    public var outcome: PlanOutcome

    public init(environment: [ResolvedVariable], conflicts: [PlanConflict], steps: [PlannedStep], outcome: PlanOutcome) {
        self.environment = environment
        self.conflicts = conflicts
        self.steps = steps
        self.outcome = outcome
    }
}
