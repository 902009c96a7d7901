import TaskSequenceModel
import TaskSequenceSDK

/// Step classes as people type them: `run-command-line`, `RunCommandLine`, `Run Command Line`,
/// `SMS_TaskSequence_RunCommandLineAction`, or a short alias (`restart`, `apply-os`).
enum StepClassNames {
    static let group = ClassName.group

    static let aliases: [String: String] = [
        "group": group,
        "restart": "SMS_TaskSequence_RebootAction",
        "reboot": "SMS_TaskSequence_RebootAction",
        "setvariable": "SMS_TaskSequence_SetVariableAction",
        "installpackage": "SMS_TaskSequence_InstallSoftwareAction",
        "applyos": "SMS_TaskSequence_ApplyOperatingSystemAction",
        "partitiondisk": "SMS_TaskSequence_PartitionDiskAction",
        "formatandpartitiondisk": "SMS_TaskSequence_PartitionDiskAction",
        "powershell": "SMS_TaskSequence_RunPowerShellScriptAction",
    ]

    /// The class `text` names, or `nil`.
    static func resolve(_ text: String) -> String? {
        let key = normalized(text)
        if let alias = aliases[key] { return alias }
        for name in StepAction.actionClassNames {
            let short = shortName(name)
            let display = StepAction.displayName(of: name) ?? ""
            if [normalized(name), normalized(short), normalized(short + "Action"), normalized(display)].contains(key) { return name }
        }
        return nil
    }

    /// `SMS_TaskSequence_RunCommandLineAction` → `RunCommandLine`.
    static func shortName(_ className: String) -> String {
        var name = className
        if name.hasPrefix("SMS_TaskSequence_") { name.removeFirst("SMS_TaskSequence_".count) }
        if name.hasSuffix("Action"), name != "Action" { name.removeLast("Action".count) }
        return name
    }

    /// What a listing shows for a class: the console's name, else the short name.
    static func label(_ className: String) -> String {
        if className == group { return "Group" }
        return StepAction.displayName(of: className) ?? shortName(className)
    }

    /// A list of what `step add` accepts, for help and errors.
    static var choices: String {
        "group, " + StepAction.actionClassNames.map { shortName($0) }.joined(separator: ", ")
    }

    private static func normalized(_ text: String) -> String {
        String(text.lowercased().filter { $0.isLetter || $0.isNumber })
    }
}
