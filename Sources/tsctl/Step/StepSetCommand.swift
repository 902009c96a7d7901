import ArgumentParser
import TaskSequenceSDK

/// `tsctl step set ID STEP`: change a step's properties and settings.
struct StepSetCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Change a step's name, description, options and action settings.",
        discussion: """
            Like Set-CMTaskSequenceGroup and Set-CMTSStep*. --set PROPERTY=VALUE changes action \
            settings (all at once, or none); --unset PROPERTY removes one. A blank value for a \
            secret keeps the stored secret. Use `tsctl step enable|disable` to switch a step on \
            or off.
            """
    )

    @Argument(help: ArgumentHelp("The PackageID.", valueName: "package-id"))
    var packageID: String

    @Argument(help: ArgumentHelp("The step ID.", valueName: "step-id"))
    var stepID: Int64

    @Option(name: .customLong("name"), help: ArgumentHelp("A new name.", valueName: "name"))
    var name: String?

    @Option(name: .customLong("description"), help: ArgumentHelp("A new description.", valueName: "text"))
    var description: String?

    @Option(name: .customLong("continue-on-error"), help: ArgumentHelp("Whether the sequence goes on when the step fails.", valueName: "true|false"))
    var continueOnError: Switch?

    @Option(name: .customLong("environment"), help: ArgumentHelp("Where an action may run.", valueName: "environment"))
    var environment: StepEnvironment?

    @Option(name: .customLong("timeout"), help: ArgumentHelp("An action's time limit in seconds (0: none).", valueName: "seconds"))
    var timeout: UInt32?

    @Option(name: .customLong("set"), help: ArgumentHelp("Change an action setting (repeatable).", valueName: "property=value"))
    var settings: [Assignment] = []

    @Option(name: .customLong("unset"), help: ArgumentHelp("Remove an action setting (repeatable).", valueName: "property"))
    var unset: [String] = []

    @OptionGroup var global: GlobalOptions

    var subject: String { "step \(stepID) of \(packageID)" }

    func validate() throws {
        let changes: [Bool] = [name != nil, description != nil, continueOnError != nil, environment != nil, timeout != nil, !settings.isEmpty, !unset.isEmpty]
        guard changes.contains(true) else {
            throw ValidationError("Nothing to change: give --name, --description, --continue-on-error, --environment, --timeout, --set or --unset.")
        }
    }

    func run(client: ProviderClient, output: Output) throws {
        let step = client.package(packageID).step(stepID)
        if let name { try step.set(.name, to: .string(name)) }
        if let description { try step.set(.description, to: .string(description)) }
        if let continueOnError { try step.set(.continueOnError, to: .bool(continueOnError.value)) }
        if let environment { try step.set(.supportedEnvironment, to: .string(environment.rawValue)) }
        if let timeout { try step.set(.timeout, to: .int(Int64(timeout))) }
        if !settings.isEmpty { try step.setSettings(settings.settings) }
        if !unset.isEmpty { try step.removeSettings(unset) }
    }
}
