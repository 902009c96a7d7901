import TaskSequenceModel

/// What a dry run of a package is asked for.
public struct PlanRequest: Sendable, Hashable {
    /// The computer (SMS_R_System Name) to plan for; `nil` plans with built-ins and
    /// ``variables`` alone.
    public var computer: String?
    /// The advertisement the run would come from; it becomes `_SMSTSAdvertID`.
    public var advertisementID: String?
    /// Variables as if set when the run starts (`--var`), winning over every other layer.
    public var variables: [PlanVariable]
    /// Facts about the machine, by key (see ``PlanFactKind``).
    public var facts: [String: String]
    /// Steps to assume fail: StepIDs in decimal, paths as plans print them, or names.
    public var failing: [String]

    public init(
        computer: String? = nil, advertisementID: String? = nil, variables: [PlanVariable] = [],
        facts: [String: String] = [:], failing: [String] = []
    ) {
        self.computer = computer
        self.advertisementID = advertisementID
        self.variables = variables
        self.facts = facts
        self.failing = failing
    }
}

/// A dry run of a stored package: the model's plan, each planned step with its StepID. The
/// service's own result; ProviderDBus sends it as the reply a client reads its plan from.
public struct StoredPackagePlan: Sendable, Hashable {
    public var plan: TaskSequencePlan

    /// The plan with each step's StepID looked up by its path (0 for a path without one).
    public init(plan: TaskSequencePlan, stepIDs: [StepPath: Int64]) {
        var plan = plan
        for index in plan.steps.indices { plan.steps[index].stepID = stepIDs[plan.steps[index].path] ?? 0 }
        self.plan = plan
    }

    /// The StepID of each of ``TaskSequencePlan/steps``, in the same order.
    public var stepIDs: [Int64] { plan.steps.map { $0.stepID ?? 0 } }
}

/// The variable layers a computer brings to a plan (see
/// ``ProviderService/planLayers(forComputer:packageID:caller:in:)``).
struct ComputerPlanLayers: Sendable {
    /// Built-ins the computer decides: `_SMSTSMachineName`, `_SMSTSMacAddresses`, `_SMSTSUUID`.
    var builtIns: [PlanVariable] = []
    /// Its collections' variables, one layer each, lowest precedence first.
    var collections: [PlanVariableLayer] = []
    /// Its own variables (SMS_MachineSettings).
    var computer: PlanVariableLayer?
    /// The first advertisement of the package that reaches the computer, when the request
    /// names none.
    var advertisementID: String?
}
