import ArgumentParser
import TaskSequenceModel
import TaskSequenceSDK

/// `tsctl plan ID`: a dry run — which steps would run on a computer, and why.
struct PlanCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show which steps of a task sequence would run, and why, without running it.",
        discussion: """
            Builds the variables the engine would start with (built-ins, the computer's collections, \
            the computer's own, then --var), and walks the sequence: disabled steps, conditions, groups, \
            Set Task Sequence Variable steps, continue on error and error handlers on \
            _SMSTSLastActionSucceeded. Each step is run, skip or unknown with the reason; an unknown \
            operand names the --fact that would decide it (file:PATH=exists|missing, \
            folder:PATH=exists|missing, registry:KEY=exists|missing, registry:KEY|VALUE=REG_SZ:DATA|missing, \
            software:CODE=installed|missing, software-family:CODE=installed|missing, \
            wmi:NAMESPACE:QUERY=rows|none, expression:TEXT=true|false). Masked values are never shown. \
            With --json: {"Package", "Environment": [{"Name", "Value" (null when masked), "Masked", \
            "Source", "SourceKind", "Overrides"}], "Conflicts": [{"Name", "Winner", "Sources", "Text"}], \
            "Steps": [{"StepID", "Name", "Decision", "Reason", "Path", "Class", "Depth", "IsGroup", \
            "AssumedToFail"}], "Outcome": {"Result", "Step", "Text"}}.
            """
    )

    @Argument(help: ArgumentHelp("The PackageID.", valueName: "package-id"))
    var packageID: String

    @Option(name: .customLong("computer"), help: ArgumentHelp("The computer to plan for, by name.", valueName: "name"))
    var computer: String?

    @Option(name: .customLong("var"), help: ArgumentHelp("A variable as if set when the run starts (repeatable).", valueName: "name=value"))
    var variables: [Assignment] = []

    @Option(name: .customLong("fact"), help: ArgumentHelp("A fact about the machine (repeatable), as the plan's reasons print it.", valueName: "key=value"))
    var facts: [String] = []

    @Option(name: .customLong("fail"), help: ArgumentHelp("Assume this step fails: a StepID, a path such as group[1]/step[2], or a name (repeatable).", valueName: "step"))
    var failing: [String] = []

    @Option(name: .customLong("advertisement"), help: ArgumentHelp("The deployment the run comes from (_SMSTSAdvertID).", valueName: "id"))
    var advertisementID: String?

    @OptionGroup var global: GlobalOptions

    var subject: String { "package \(packageID)" }

    func run(client: ProviderClient, output: Output) throws {
        var factValues: [String: String] = [:]
        for fact in facts {
            do {
                let (key, value) = try PlanFacts.assignment(fact)
                factValues[key] = value
            } catch {
                throw CommandFailure("--fact: \(error.description)")
            }
        }
        let variableValues = Dictionary(variables.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
        let plan = try client.package(packageID).plan(
            computer: computer, variables: variableValues, facts: factValues, failing: failing, advertisementID: advertisementID)
        try output.emit(PlanReport(packageID: packageID, plan: plan)) { PlanRenderer.text(plan, packageID: packageID, computer: computer) }
    }
}
