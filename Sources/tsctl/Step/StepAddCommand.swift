import ArgumentParser
import TaskSequenceSDK

/// `tsctl step add ID CLASS --name NAME`: a new step or group.
struct StepAddCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a step or group to a package's sequence and print its step ID.",
        discussion: """
            Like New-CMTSStep* with Add-CMTaskSequenceStep, and New-CMTaskSequenceGroup. CLASS \
            is `group`, an action class by full name (SMS_TaskSequence_RunCommandLineAction), \
            short name (RunCommandLine, run-command-line) or console name ("Run Command Line"), \
            or one of the aliases restart, set-variable, install-package, apply-os, \
            partition-disk, powershell. The action's settings are given with --set \
            PROPERTY=VALUE by WMI property name (CommandLine, PackageID, VariableName …).

            Examples:
              tsctl step add PS100004 group --name Diagnostics
              tsctl step add PS100004 run-command-line --name "Show IP" --parent 12 \\
                  --set CommandLine="ipconfig /all"
              tsctl step add PS100004 set-variable --name "Name it" \\
                  --set VariableName=OSDComputerName --set VariableValue=PC-001

            Prints the new step's ID; with --json, its step object (see `tsctl step list`).
            """
    )

    @Argument(help: ArgumentHelp("The PackageID.", valueName: "package-id"))
    var packageID: String

    @Argument(help: ArgumentHelp("group, or the action class.", valueName: "class"))
    var className: String

    @Option(name: .customLong("name"), help: ArgumentHelp("The step's name.", valueName: "name"))
    var name: String

    @Option(name: .customLong("parent"), help: ArgumentHelp("Add it inside this group (a step ID); default: the top of the sequence.", valueName: "step-id"))
    var parent: Int64?

    @Option(name: .customLong("index"), help: ArgumentHelp("Its position among the parent's steps, from 0; default: last.", valueName: "n"))
    var index: Int?

    @Option(name: .customLong("description"), help: ArgumentHelp("Its description.", valueName: "text"))
    var description: String = ""

    @Flag(name: .customLong("disabled"), help: "Add it disabled.")
    var disabled = false

    @Flag(name: .customLong("continue-on-error"), help: "Let the sequence go on when it fails.")
    var continueOnError = false

    @Option(name: .customLong("environment"), help: ArgumentHelp("Where an action may run.", valueName: "environment"))
    var environment: StepEnvironment?

    @Option(name: .customLong("timeout"), help: ArgumentHelp("An action's time limit in seconds.", valueName: "seconds"))
    var timeout: UInt32?

    @Option(name: .customLong("set"), help: ArgumentHelp("An action setting by WMI property name (repeatable).", valueName: "property=value"))
    var settings: [Assignment] = []

    @OptionGroup var global: GlobalOptions

    var subject: String { parent.map { "group \($0) of \(packageID)" } ?? "package \(packageID)" }

    var resolvedClass: String? { StepClassNames.resolve(className) }

    func validate() throws {
        guard let resolved = resolvedClass else {
            throw ValidationError("'\(className)' is not a step class; use one of \(StepClassNames.choices).")
        }
        if resolved == StepClassNames.group {
            guard settings.isEmpty, environment == nil, timeout == nil else {
                throw ValidationError("A group has no settings, environment or time-out; --set, --environment and --timeout are for actions.")
            }
        }
    }

    func run(client: ProviderClient, output: Output) throws {
        guard let resolved = resolvedClass else { return }
        let package = client.package(packageID)
        let container: any StepParent = parent.map { package.step($0) } ?? package.sequence
        let step: StepHandle
        if resolved == StepClassNames.group {
            step = try container.addGroup(named: name, description: description, isEnabled: !disabled, continuesOnError: continueOnError, at: index)
        } else {
            var action = StepAction.custom(className: resolved, settings: settings.settings)
            if let environment { action = action.supportedEnvironment(environment) }
            if let timeout { action = action.timeout(seconds: timeout) }
            step = try container.addStep(action, named: name, description: description, isEnabled: !disabled, continuesOnError: continueOnError, at: index)
        }
        if output.json {
            try output.printJSON(try step.info())
        } else {
            StandardOutput.write("\(step.id)\n")
        }
    }
}
