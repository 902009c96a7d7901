internal import TaskSequenceModel

/// What an action step does: its action class and settings, ready for
/// ``StepParent/addStep(_:named:description:isEnabled:continuesOnError:condition:at:)``.
///
/// Typed builders cover the common actions; ``custom(className:settings:)`` covers every other
/// class of the catalog (``actionClassNames``) with settings by WMI property name
/// (``settingNames(of:)``). Modifiers set what every action has:
///
/// ```swift
/// let step = StepAction.runCommandLine("powershell.exe -File Collect.ps1", packageID: "PS100010")
///     .supportedEnvironment(.fullOS)
///     .timeout(seconds: 900)
/// ```
public struct StepAction: Sendable, Hashable {
    /// The action class, e.g. `SMS_TaskSequence_RunCommandLineAction`.
    public var className: String
    /// The action's own properties by WMI name (`CommandLine`, `PackageID` …).
    public var settings: [String: PropertyValue]
    /// Step properties set by modifiers (`SupportedEnvironment`, `Timeout`).
    var stepProperties: [String: PropertyValue] = [:]

    /// An action of any class with settings by WMI property name.
    public init(className: String, settings: [String: PropertyValue] = [:]) {
        self.className = className
        self.settings = settings
    }

    // MARK: Modifiers

    /// Where the step may run: Windows PE, the full operating system, or both.
    public func supportedEnvironment(_ environment: StepEnvironment) -> StepAction {
        var copy = self
        copy.stepProperties["SupportedEnvironment"] = .string(environment.rawValue)
        return copy
    }

    /// How long the step may run before the task sequence stops it, in seconds (0: no limit).
    public func timeout(seconds: UInt32) -> StepAction {
        var copy = self
        copy.stepProperties["Timeout"] = .int(Int64(seconds))
        return copy
    }

    /// One more setting by WMI property name.
    public func setting(_ name: String, _ value: PropertyValue) -> StepAction {
        var copy = self
        copy.settings[name] = value
        return copy
    }

    // MARK: Builders

    /// Any action class, with settings by WMI property name.
    public static func custom(className: String, settings: [String: PropertyValue] = [:]) -> StepAction {
        StepAction(className: className, settings: settings)
    }

    /// **Run Command Line** (`SMS_TaskSequence_RunCommandLineAction`).
    ///
    /// - Parameters:
    ///   - commandLine: the command (1–32,000 characters).
    ///   - workingDirectory: where it starts.
    ///   - packageID: a package whose content it runs from.
    ///   - successCodes: exit codes that count as success (default `0 3010`).
    ///   - outputVariable: a task sequence variable that receives the output.
    ///   - disableWow64Redirection: run 64-bit executables from 32-bit paths.
    public static func runCommandLine(
        _ commandLine: String, workingDirectory: String? = nil, packageID: String? = nil, successCodes: [Int]? = nil,
        outputVariable: String? = nil, disableWow64Redirection: Bool = false
    ) -> StepAction {
        var settings: [String: PropertyValue] = ["CommandLine": .string(commandLine)]
        if let workingDirectory { settings["WorkingDirectory"] = .string(workingDirectory) }
        if let packageID { settings["PackageID"] = .string(packageID) }
        if let successCodes { settings["SuccessCodes"] = .string(successCodes.map(String.init).joined(separator: " ")) }
        if let outputVariable { settings["OutputVariableName"] = .string(outputVariable) }
        if disableWow64Redirection { settings["DisableWow64Redirection"] = .bool(true) }
        return StepAction(className: StepActionClass.runCommandLine, settings: settings)
    }

    /// **Run PowerShell Script** (`SMS_TaskSequence_RunPowerShellScriptAction`) from a script in
    /// a package.
    ///
    /// - Parameters:
    ///   - scriptName: the script file in the package's content (`Collect.ps1`).
    ///   - packageID: the package holding it.
    ///   - parameters: what the script is passed.
    ///   - executionPolicy: PowerShell's execution policy for the run (default `Bypass`, as
    ///     most real sequences set it; the class default is `Restricted`).
    ///   - outputVariable: a task sequence variable that receives the output.
    ///   - workingDirectory: where it starts.
    ///   - successCodes: exit codes that count as success (default `0 3010`).
    public static func runPowerShellScript(
        _ scriptName: String, packageID: String, parameters: String = "", executionPolicy: PowerShellExecutionPolicy = .bypass,
        outputVariable: String? = nil, workingDirectory: String? = nil, successCodes: [Int]? = nil
    ) -> StepAction {
        var settings: [String: PropertyValue] = [
            "ScriptName": .string(scriptName), "PackageID": .string(packageID), "Parameters": .string(parameters),
            "ExecutionPolicy": .string(executionPolicy.rawValue),
        ]
        PowerShellExecutionPolicy.addCommon(to: &settings, outputVariable: outputVariable, workingDirectory: workingDirectory, successCodes: successCodes)
        return StepAction(className: StepActionClass.runPowerShellScript, settings: settings)
    }

    /// **Run PowerShell Script** with the script written into the step (`SourceScript`), as the
    /// console's "Enter a PowerShell script" option stores it.
    public static func runPowerShellScript(
        source: String, parameters: String = "", executionPolicy: PowerShellExecutionPolicy = .bypass,
        outputVariable: String? = nil, workingDirectory: String? = nil, successCodes: [Int]? = nil
    ) -> StepAction {
        var settings: [String: PropertyValue] = [
            "SourceScript": .string(source), "Parameters": .string(parameters), "ExecutionPolicy": .string(executionPolicy.rawValue),
        ]
        PowerShellExecutionPolicy.addCommon(to: &settings, outputVariable: outputVariable, workingDirectory: workingDirectory, successCodes: successCodes)
        return StepAction(className: StepActionClass.runPowerShellScript, settings: settings)
    }

    /// **Set Task Sequence Variable** (`SMS_TaskSequence_SetVariableAction`).
    ///
    /// - Parameter hidden: "Do not display this value": the value is kept as a secret and
    ///   blanked in exports and reads.
    public static func setVariable(_ name: String, to value: String, hidden: Bool = false) -> StepAction {
        var settings: [String: PropertyValue] = ["VariableName": .string(name)]
        if hidden {
            settings["VariableValue"] = .string("")
            settings["DoNotShowVariableValue"] = .bool(true)
            settings["HiddenVariableValue"] = .string(value)
        } else {
            settings["VariableValue"] = .string(value)
        }
        return StepAction(className: StepActionClass.setVariable, settings: settings)
    }

    /// **Install Package** (`SMS_TaskSequence_InstallSoftwareAction`): one program of one
    /// package.
    public static func installPackage(_ packageID: String, program: String) -> StepAction {
        StepAction(className: StepActionClass.installSoftware, settings: ["PackageID": .string(packageID), "ProgramName": .string(program)])
    }

    /// **Install Package** for the list of packages that variables `<base>001`, `<base>002` …
    /// name at run time.
    public static func installPackages(listedIn baseVariableName: String, continueOnError: Bool = false) -> StepAction {
        StepAction(
            className: StepActionClass.installSoftware,
            settings: ["BaseVariableName": .string(baseVariableName), "ContinueOnInstallError": .bool(continueOnError)])
    }

    /// **Restart Computer** (`SMS_TaskSequence_RebootAction`).
    ///
    /// - Parameters:
    ///   - target: what to start after the restart.
    ///   - message: shown to the user before the restart.
    ///   - messageTimeout: seconds the message shows (0: none).
    public static func restartComputer(into target: RestartTarget = .installedOperatingSystem, message: String? = nil, messageTimeout: UInt32? = nil) -> StepAction {
        var settings: [String: PropertyValue] = ["Target": .string(target.rawValue)]
        if let message { settings["Message"] = .string(message) }
        if let messageTimeout { settings["MessageTimeout"] = .int(Int64(messageTimeout)) }
        return StepAction(className: StepActionClass.reboot, settings: settings)
    }

    /// **Apply Operating System Image** (`SMS_TaskSequence_ApplyOperatingSystemAction`) from an
    /// operating system image package.
    ///
    /// - Parameters:
    ///   - imagePackageID: the image package.
    ///   - imageIndex: which image of the WIM (from 1).
    ///   - destination: where it goes.
    ///   - unattendFile: a package and file name of an answer file.
    public static func applyOperatingSystem(
        imagePackageID: String, imageIndex: UInt32 = 1, destination: OSDestination = .nextAvailablePartition,
        unattendFile: (packageID: String, fileName: String)? = nil
    ) -> StepAction {
        var settings: [String: PropertyValue] = ["ImagePackageID": .string(imagePackageID), "ImageIndex": .int(Int64(imageIndex))]
        destination.apply(to: &settings)
        if let unattendFile {
            settings["ConfigFilePackage"] = .string(unattendFile.packageID)
            settings["ConfigFileName"] = .string(unattendFile.fileName)
        }
        return StepAction(className: StepActionClass.applyOperatingSystem, settings: settings)
    }

    /// **Apply Operating System Image** from an original installation source (an upgrade
    /// package), installing edition `editionIndex`.
    public static func applyOperatingSystem(
        installPackageID: String, editionIndex: UInt32 = 0, destination: OSDestination = .nextAvailablePartition
    ) -> StepAction {
        var settings: [String: PropertyValue] = ["InstallPackageID": .string(installPackageID), "InstallEditionIndex": .int(Int64(editionIndex))]
        destination.apply(to: &settings)
        return StepAction(className: StepActionClass.applyOperatingSystem, settings: settings)
    }

    /// **Format and Partition Disk** (`SMS_TaskSequence_PartitionDiskAction`).
    ///
    /// ```swift
    /// .formatAndPartitionDisk(disk: 0, style: .gpt, partitions: [
    ///     DiskPartition(name: "EFI", type: .efi, fileSystem: .fat32, size: .megabytes(500)),
    ///     DiskPartition(name: "MSR", type: .msr, size: .megabytes(128)),
    ///     DiskPartition(name: "Windows", size: .percent(100), variable: "OSDisk"),
    /// ])
    /// ```
    public static func formatAndPartitionDisk(disk: UInt32 = 0, style: PartitionStyle = .gpt, partitions: [DiskPartition]) -> StepAction {
        var settings: [String: PropertyValue] = [
            "DiskIndex": .int(Int64(disk)), "PartitionStyle": .string(style.rawValue), "Partitions": .int(Int64(partitions.count)),
        ]
        for (index, partition) in partitions.enumerated() {
            for (member, value) in partition.settings { settings["Partitions\(index)\(member)"] = value }
        }
        return StepAction(className: StepActionClass.partitionDisk, settings: settings)
    }

    // MARK: Catalog

    /// Every concrete action class the provider knows, in catalog order.
    public static var actionClassNames: [String] {
        ActionCatalog.builtIn.actionClasses.filter { !$0.isAbstract }.map(\.name)
    }

    /// The console's name of an action class (`Run Command Line`), or `nil` for one it does not know.
    public static func displayName(of className: String) -> String? {
        ActionCatalog.builtIn[className]?.displayName
    }

    /// The settings an action class takes, by WMI property name, inherited ones first; what
    /// ``custom(className:settings:)`` and ``StepHandle/setSettings(_:)`` accept.
    public static func settingNames(of className: String) -> [String] {
        ActionCatalog.builtIn.settingNames(of: className)
    }
}

/// The action classes of the typed builders.
enum StepActionClass {
    static let runCommandLine = "SMS_TaskSequence_RunCommandLineAction"
    static let runPowerShellScript = "SMS_TaskSequence_RunPowerShellScriptAction"
    static let setVariable = "SMS_TaskSequence_SetVariableAction"
    static let setDynamicVariables = "SMS_TaskSequence_SetDynamicVariablesAction"
    static let installSoftware = "SMS_TaskSequence_InstallSoftwareAction"
    static let reboot = "SMS_TaskSequence_RebootAction"
    static let applyOperatingSystem = "SMS_TaskSequence_ApplyOperatingSystemAction"
    static let partitionDisk = "SMS_TaskSequence_PartitionDiskAction"
}

/// Where a step may run (`SupportedEnvironment`).
public enum StepEnvironment: String, Sendable, Hashable, CaseIterable, Codable {
    /// Only in Windows PE.
    case winPE = "WinPE"
    /// Only in the full operating system.
    case fullOS = "FullOS"
    /// In both (the default of most actions).
    case winPEAndFullOS = "WinPEandFullOS"
}

/// PowerShell's execution policy for Run PowerShell Script (`ExecutionPolicy`, the class's
/// ValueMap).
public enum PowerShellExecutionPolicy: String, Sendable, Hashable, CaseIterable, Codable {
    /// Only signed scripts, none run (the class default).
    case restricted = "Restricted"
    /// Only scripts signed by a trusted publisher.
    case allSigned = "AllSigned"
    /// Downloaded scripts must be signed.
    case remoteSigned = "RemoteSigned"
    /// Everything runs, with a warning for downloaded scripts.
    case unrestricted = "Unrestricted"
    /// Nothing is blocked.
    case bypass = "Bypass"
    /// The policy in force on the machine.
    case undefined = "Undefined"

    static func addCommon(to settings: inout [String: PropertyValue], outputVariable: String?, workingDirectory: String?, successCodes: [Int]?) {
        if let outputVariable { settings["OutputVariableName"] = .string(outputVariable) }
        if let workingDirectory { settings["WorkingDirectory"] = .string(workingDirectory) }
        if let successCodes { settings["SuccessCodes"] = .string(successCodes.map(String.init).joined(separator: " ")) }
    }
}

/// What Restart Computer starts afterwards (`Target`).
public enum RestartTarget: String, Sendable, Hashable, CaseIterable {
    /// The installed operating system (`HD`).
    case installedOperatingSystem = "HD"
    /// The boot image (`WinPE`).
    case bootImage = "WinPE"
}

/// Where Apply Operating System puts the image.
public enum OSDestination: Sendable, Hashable {
    /// The next partition no earlier step used (no destination settings).
    case nextAvailablePartition
    /// A disk and partition by number.
    case partition(disk: UInt32, partition: UInt32)
    /// A drive letter (`C:`).
    case logicalDrive(String)
    /// The drive a task sequence variable names at run time (`OSDisk`).
    case variable(String)

    func apply(to settings: inout [String: PropertyValue]) {
        switch self {
        case .nextAvailablePartition: break
        case .partition(let disk, let partition):
            settings["DestinationDisk"] = .int(Int64(disk))
            settings["DestinationPartition"] = .int(Int64(partition))
        case .logicalDrive(let drive): settings["DestinationLogicalDrive"] = .string(drive)
        case .variable(let name): settings["DestinationVariable"] = .string(name)
        }
    }
}

/// The partition table Format and Partition Disk writes.
public enum PartitionStyle: String, Sendable, Hashable, CaseIterable {
    /// GUID partition table (UEFI).
    case gpt = "GPT"
    /// Master boot record (BIOS).
    case mbr = "MBR"
}

/// One partition of ``StepAction/formatAndPartitionDisk(disk:style:partitions:)``
/// (`SMS_TaskSequence_PartitionSettings`).
public struct DiskPartition: Sendable, Hashable {
    /// The kind of partition.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A primary partition.
        case primary = "Primary"
        /// An extended partition (MBR).
        case extended = "Extended"
        /// A logical drive in the extended partition (MBR).
        case logical = "Logical"
        /// A hidden partition.
        case hidden = "Hidden"
        /// The EFI system partition (GPT).
        case efi = "EFI"
        /// The Microsoft reserved partition (GPT).
        case msr = "MSR"
        /// A recovery partition.
        case recovery = "Recovery"
    }

    /// The file system to format with.
    public enum FileSystem: String, Sendable, Hashable, CaseIterable {
        /// NTFS.
        case ntfs = "NTFS"
        /// FAT32.
        case fat32 = "FAT32"
    }

    /// How large the partition is.
    public enum Size: Sendable, Hashable {
        /// Megabytes.
        case megabytes(UInt32)
        /// Gigabytes.
        case gigabytes(UInt32)
        /// A percentage of the space that is left.
        case percent(UInt32)
    }

    /// The volume name.
    public var name: String
    /// The kind.
    public var kind: Kind
    /// The file system; `nil` leaves it unformatted.
    public var fileSystem: FileSystem?
    /// The size.
    public var size: Size
    /// Whether to format quickly.
    public var quickFormat: Bool
    /// Whether the partition is the boot partition.
    public var bootable: Bool
    /// A task sequence variable that receives the drive letter, e.g. `OSDisk`.
    public var variable: String?

    /// A partition; by default a primary NTFS partition, quick-formatted.
    public init(
        name: String, type kind: Kind = .primary, fileSystem: FileSystem? = .ntfs, size: Size,
        quickFormat: Bool = true, bootable: Bool = false, variable: String? = nil
    ) {
        self.name = name
        self.kind = kind
        self.fileSystem = fileSystem
        self.size = size
        self.quickFormat = quickFormat
        self.bootable = bootable
        self.variable = variable
    }

    var settings: [String: PropertyValue] {
        var settings: [String: PropertyValue] = [
            "VolumeName": .string(name), "Type": .string(kind.rawValue), "QuickFormat": .bool(quickFormat), "Bootable": .bool(bootable),
        ]
        if let fileSystem { settings["FileSystem"] = .string(fileSystem.rawValue) }
        switch size {
        case .megabytes(let value): settings["Size"] = .int(Int64(value)); settings["SizeUnits"] = "MB"
        case .gigabytes(let value): settings["Size"] = .int(Int64(value)); settings["SizeUnits"] = "GB"
        case .percent(let value): settings["Size"] = .int(Int64(value)); settings["SizeUnits"] = "Percent"
        }
        if let variable { settings["VolumeLetterVariable"] = .string(variable) }
        return settings
    }
}
