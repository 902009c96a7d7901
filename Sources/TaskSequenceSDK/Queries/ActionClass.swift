/// An action class by its WMI name, with names for the classes real sequences use most.
///
/// ```swift
/// let scripts = try client.actions(ofClass: .runCommandLine, where: .commandLine(contains: "cscript"))
/// ```
public struct ActionClass: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral {
    /// The WMI class name (`SMS_TaskSequence_RunCommandLineAction`).
    public var rawValue: String

    /// A class by WMI name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A class by WMI name, as a literal.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// Run Command Line.
    public static let runCommandLine: ActionClass = "SMS_TaskSequence_RunCommandLineAction"
    /// Run PowerShell Script.
    public static let runPowerShellScript: ActionClass = "SMS_TaskSequence_RunPowerShellScriptAction"
    /// Set Task Sequence Variable.
    public static let setVariable: ActionClass = "SMS_TaskSequence_SetVariableAction"
    /// Restart Computer.
    public static let restartComputer: ActionClass = "SMS_TaskSequence_RebootAction"
    /// Install Application.
    public static let installApplication: ActionClass = "SMS_TaskSequence_InstallApplicationAction"
    /// Install Package.
    public static let installSoftware: ActionClass = "SMS_TaskSequence_InstallSoftwareAction"
    /// Install Software Updates.
    public static let installUpdates: ActionClass = "SMS_TaskSequence_InstallUpdateAction"
    /// Apply Operating System Image.
    public static let applyOperatingSystem: ActionClass = "SMS_TaskSequence_ApplyOperatingSystemAction"
    /// Apply Driver Package.
    public static let applyDriverPackage: ActionClass = "SMS_TaskSequence_ApplyDriverPackageAction"
    /// Format and Partition Disk.
    public static let partitionDisk: ActionClass = "SMS_TaskSequence_PartitionDiskAction"
}
