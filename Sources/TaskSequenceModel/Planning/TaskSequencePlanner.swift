/// Plans a task sequence without running it: which steps would run on a machine, and why.
///
/// The planner resolves the variable layers (lowest precedence first, the later layer winning
/// each name), then walks the sequence as the engine does:
/// - a disabled step is skipped; a skipped group skips everything in it;
/// - a condition is evaluated three-valued (``Evaluation``): an operand nobody can know (a file,
///   registry value, WMI query, an engine variable such as `_SMSTSInWinPE`) is unknown, and the
///   reason names the `--fact` or `--var` that would decide it;
/// - a Set Task Sequence Variable step that runs changes the variables later steps see; one
///   whose decision is unknown leaves the variable unknown unless both outcomes agree;
/// - Set Dynamic Variables leaves the variables its rules name unknown (which rule matches is the
///   machine's), and a step's `OutputVariableName` is unknown after it runs;
/// - a step that runs sets `_SMSTSLastActionSucceeded` and `_SMSTSLastActionName`; skipped steps
///   leave them as they were;
/// - a step assumed to fail sets `_SMSTSLastActionSucceeded` to false; with Continue on error
///   execution goes on, otherwise its group fails, and so on up to the first group that
///   continues on error (execution resumes after it) or the sequence, which then fails and
///   reaches no further step.
///
/// Masked values take part in evaluation but appear in no output.
///
/// Not modelled: variables a script sets through `Microsoft.SMS.TSEnvironment`, and what a Run
/// Task Sequence step's child sequence does (the step is planned as one action).
public struct TaskSequencePlanner: Sendable {
    public var layers: [PlanVariableLayer]
    public var facts: PlanFacts
    /// The steps to assume fail when they run.
    public var failing: Set<StepPath>

    public init(layers: [PlanVariableLayer] = [], facts: PlanFacts = PlanFacts(), failing: Set<StepPath> = []) {
        self.layers = layers
        self.facts = facts
        self.failing = failing
    }

    public func plan(_ sequence: TaskSequence) -> TaskSequencePlan {
        let (variables, conflicts) = layers.resolved()
        var walk = PlanWalk(environment: PlanEnvironment(variables), facts: facts, failing: failing)
        let failure = walk.walk(sequence.steps, parent: StepPath(), depth: 0, reach: .reached)
        let outcome: PlanOutcome = switch failure.value {
        case .true: .fails(step: failure.step)
        case .unknown: .mayFail(step: failure.step)
        case .false: .completes
        }
        return TaskSequencePlan(environment: variables, conflicts: conflicts, steps: walk.steps, outcome: outcome)
    }
}

/// Whether execution gets to a step at all, and if not certainly, why.
private struct Reach {
    var value: Evaluation
    var reason: String

    static let reached = Reach(value: .true, reason: "")
}

/// A failure leaving a step or group: certain, possible (unknown) or none (false).
private struct Failure {
    var value: Evaluation
    var step: String

    static let none = Failure(value: .false, step: "")
}

/// One walk of a sequence, step by step in document order.
private struct PlanWalk {
    var environment: PlanEnvironment
    let facts: PlanFacts
    let failing: Set<StepPath>
    var steps: [PlannedStep] = []

    mutating func walk(_ children: [Step], parent: StepPath, depth: Int, reach initial: Reach) -> Failure {
        var reach = initial
        var failure = Failure.none
        for (index, step) in children.enumerated() {
            let stepFailure = visit(step, path: parent.appending(step.kind, at: index), depth: depth, reach: reach)
            switch stepFailure.value {
            case .false:
                continue
            case .true:
                reach = Reach(value: .false, reason: "not reached: step '\(stepFailure.step)' failed")
            case .unknown:
                if reach.value == .true { reach = Reach(value: .unknown, reason: "not reached if step '\(stepFailure.step)' runs and fails") }
            }
            // The first failure names the cause; a certain one outranks a possible one.
            if failure.value != .true, stepFailure.value == .true || failure.value == .false { failure.step = stepFailure.step }
            failure.value = Evaluation.any([failure.value, stepFailure.value])
        }
        return failure
    }

    private mutating func visit(_ step: Step, path: StepPath, depth: Int, reach: Reach) -> Failure {
        let index = steps.count
        steps.append(PlannedStep(
            path: path, name: step.name, className: step.className, depth: depth, isGroup: step.isGroup,
            decision: .skip, reason: "", assumedToFail: failing.contains(path)))
        if reach.value == .false {
            steps[index].reason = reach.reason
            if step.isGroup { _ = walk(step.steps, parent: path, depth: depth + 1, reach: reach) }
            return .none
        }
        if !step.isEnabled {
            steps[index].reason = "disabled"
            if step.isGroup { _ = walk(step.steps, parent: path, depth: depth + 1, reach: skipped(step)) }
            return .none
        }
        let condition = step.condition.map { PlanConditionEvaluator(environment: environment, facts: facts).evaluate($0) }
        let decision = Evaluation.all([reach.value, condition?.value ?? .true])
        steps[index].decision = PlanDecision(decision)
        steps[index].reason = Self.reason(decision: decision, condition: condition, reach: reach)
        if step.isGroup {
            return visitGroup(step, path: path, depth: depth, decision: decision, index: index)
        }
        guard decision != .false else { return .none }
        return visitAction(step, path: path, decision: decision, index: index)
    }

    private static func reason(decision: Evaluation, condition: PlanConditionEvaluator.Outcome?, reach: Reach) -> String {
        // A condition with no operands is true, as an empty AND is.
        let deciding = condition.map { $0.deciding.isEmpty ? "no operands" : $0.deciding.joined(separator: "; ") } ?? ""
        switch decision {
        case .true:
            return condition == nil ? "no condition" : "condition true: \(deciding)"
        case .false:
            return "condition false: \(deciding)"
        case .unknown:
            var parts: [String] = []
            if condition?.value == .unknown { parts.append("unknown: \(deciding)") }
            if reach.value == .unknown { parts.append(reach.reason) }
            return parts.joined(separator: "; ")
        }
    }

    private func skipped(_ group: Step) -> Reach {
        Reach(value: .false, reason: "parent group '\(group.name)' skipped")
    }

    private mutating func visitGroup(_ group: Step, path: StepPath, depth: Int, decision: Evaluation, index: Int) -> Failure {
        let inside: Reach = switch decision {
        case .false: skipped(group)
        case .true: .reached
        case .unknown: Reach(value: .unknown, reason: "parent group '\(group.name)' may not run")
        }
        let failure = walk(group.steps, parent: path, depth: depth + 1, reach: inside)
        guard failure.value != .false else { return .none }
        if group.continueOnError {
            steps[index].reason += "; a failure inside (step '\(failure.step)') continues after the group (continue on error)"
            return .none
        }
        return failure
    }

    private mutating func visitAction(_ step: Step, path: StepPath, decision: Evaluation, index: Int) -> Failure {
        let source = PlanVariableSource.step(path: path, name: step.name)
        var after = environment
        let fails = failing.contains(path)
        if fails {
            after.set(PlanVariableName.lastActionSucceeded, to: "false", source: source, isMasked: false)
            steps[index].reason += step.continueOnError
                ? "; assumed to fail (--fail); continue on error: execution goes on"
                : "; assumed to fail (--fail): its group stops"
        } else {
            if let effect = applyEffects(of: step, source: source, to: &after) { steps[index].reason += "; " + effect }
            after.set(PlanVariableName.lastActionSucceeded, to: "true", source: source, isMasked: false)
        }
        after.set(PlanVariableName.lastActionName, to: step.name, source: source, isMasked: false)
        environment = decision == .true
            ? after
            : environment.merging(ifRan: after, reason: "set by step '\(step.name)' only if it runs, which is unknown")
        return fails && !step.continueOnError ? Failure(value: decision, step: step.name) : .none
    }

    /// The variables a step that runs (and succeeds) sets; returns what it did, for the reason.
    private func applyEffects(of step: Step, source: PlanVariableSource, to after: inout PlanEnvironment) -> String? {
        var notes: [String] = []
        if step.className.equalsIgnoringCase(PlanStepClass.setVariable) {
            notes.append(setVariable(step, source: source, in: &after))
        }
        if step.className.equalsIgnoringCase(PlanStepClass.setDynamicVariables) {
            let names = RuleVariableSecrets.variableNames(in: step.setting("Rules") ?? "")
            for name in names {
                after.markUnknown(name, reason: "\(name) is set by step '\(step.name)' if one of its rules matches, which a plan cannot know")
            }
            if !names.isEmpty { notes.append("may set " + names.joined(separator: ", ") + " (rules: unknown)") }
        }
        if let output = step.setting("OutputVariableName").map({ String($0.trimmingSpaces) }), !output.isEmpty {
            after.markUnknown(output, reason: "\(output) is set from the output of step '\(step.name)', which a plan cannot know")
            notes.append("sets \(output) from its output (unknown)")
        }
        return notes.isEmpty ? nil : notes.joined(separator: "; ")
    }

    /// Set Task Sequence Variable: VariableName gets VariableValue with `%Name%` expanded (or
    /// HiddenVariableValue, masked, with "Do not display this value").
    private func setVariable(_ step: Step, source: PlanVariableSource, in after: inout PlanEnvironment) -> String {
        let name = String((step.setting("VariableName") ?? "").trimmingSpaces)
        guard !name.isEmpty else { return "sets nothing: VariableName is empty" }
        guard !name.hasPrefix("_") else { return "cannot set \(name): read-only variables are the engine's" }
        let hidden = (step.setting("DoNotShowVariableValue") ?? "").equalsIgnoringCase("true")
        let hiddenValue = step.setting("HiddenVariableValue") ?? ""
        let raw = hidden && !hiddenValue.isEmpty ? hiddenValue : step.setting("VariableValue") ?? ""
        if let unknown = environment.unknownReference(in: [raw]) {
            after.markUnknown(name, reason: "\(name) is set by step '\(step.name)' from %\(unknown.name)%: \(unknown.reason)")
            return "sets \(name) (unknown: uses %\(unknown.name)%)"
        }
        let masked = hidden || environment.maskedReference(in: [raw]) != nil
        let value = environment.values.expanding(raw)
        after.set(name, to: value, source: source, isMasked: masked)
        if value.isEmpty { return "removes \(name)" }
        return "sets \(name) = " + (masked ? PlanText.masked : "\"\(value)\"")
    }
}

/// Step classes the planner gives meaning to.
enum PlanStepClass {
    static let setVariable = "SMS_TaskSequence_SetVariableAction"
    static let setDynamicVariables = "SMS_TaskSequence_SetDynamicVariablesAction"
}
