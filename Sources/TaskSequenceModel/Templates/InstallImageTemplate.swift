/// The answers of "Install an existing image package".
public struct InstallImageParameters: Sendable, Hashable {
    public var deployment: DeploymentParameters
    /// The wizard's "Partition and format the target computer" box: writes the BIOS and UEFI
    /// partition steps.
    public var partitionDisk: Bool
    /// The State Migration page: what to carry from the computer's old Windows to the new one.
    public var stateMigration: StateMigration

    public init(deployment: DeploymentParameters, partitionDisk: Bool = true, stateMigration: StateMigration = StateMigration()) {
        self.deployment = deployment
        self.partitionDisk = partitionDisk
        self.stateMigration = stateMigration
    }

    var parameterValues: [String: TemplateValue] {
        typealias P = TemplateParameterName
        var values = deployment.parameterValues
        values[P.partitionDisk] = .text(partitionDisk ? "true" : "false")
        if let package = stateMigration.userStatePackage {
            values[P.captureUserSettings] = .text("true")
            values[P.usmtPackage] = .text(package)
        }
        if stateMigration.networkSettings { values[P.captureNetworkSettings] = .text("true") }
        if stateMigration.windowsSettings { values[P.captureWindowsSettings] = .text("true") }
        return values
    }
}

/// The State Migration page of "Install an existing image package".
public struct StateMigration: Sendable, Hashable {
    /// The USMT package that captures and restores user files and settings; `nil` to migrate none.
    public var userStatePackage: String?
    /// Capture the domain or workgroup membership and the network adapter settings.
    public var networkSettings: Bool
    /// Capture the computer name, registered user and organization, and the time zone.
    public var windowsSettings: Bool

    public init(userStatePackage: String? = nil, networkSettings: Bool = false, windowsSettings: Bool = false) {
        self.userStatePackage = userStatePackage
        self.networkSettings = networkSettings
        self.windowsSettings = windowsSettings
    }

    /// Whether anything is captured (the Capture File and Settings group is written).
    public var capturesAnything: Bool { userStatePackage != nil || networkSettings || windowsSettings }

    static let parameters: [TemplateParameter] = [
        TemplateParameter(TemplateParameterName.captureUserSettings, .boolean, defaultValue: "false",
                          summary: "capture the user state with USMT before the new OS goes on, and restore it after; needs UsmtPackage"),
        TemplateParameter(TemplateParameterName.usmtPackage, .packageID, summary: "the User State Migration Tool package; only with CaptureUserSettings"),
        TemplateParameter(TemplateParameterName.captureNetworkSettings, .boolean, defaultValue: "false",
                          summary: "capture the domain or workgroup membership and the network adapter settings"),
        TemplateParameter(TemplateParameterName.captureWindowsSettings, .boolean, defaultValue: "false",
                          summary: "capture the computer name, registered user and organization, and the time zone"),
    ]

    init(_ arguments: TemplateArguments) throws(TemplateError) {
        typealias P = TemplateParameterName
        let package = arguments.text(P.usmtPackage)
        if arguments.flag(P.captureUserSettings), package == nil {
            throw .missingParameter(name: P.usmtPackage, reason: "capturing user settings needs the User State Migration Tool package")
        }
        if !arguments.flag(P.captureUserSettings), package != nil {
            throw .dependentParameter(name: P.usmtPackage, requires: P.captureUserSettings, reason: "the USMT package is only used to capture user settings")
        }
        self.init(userStatePackage: package, networkSettings: arguments.flag(P.captureNetworkSettings),
                  windowsSettings: arguments.flag(P.captureWindowsSettings))
    }
}

/// "Install an existing image package" (New-CMTaskSequence -InstallOperatingSystemImage):
///
/// - Capture File and Settings (when the State Migration page captures anything): Capture
///   Windows Settings, Capture Network Settings, and the Capture User Files and Settings group
///   (Request User State Storage, Capture User Files and Settings, Release User State Storage)
/// - Install Operating System: Restart in Windows PE, Partition Disk 0 - BIOS, Partition Disk 0
///   - UEFI (when partitioning), Apply Operating System, Apply Windows Settings, Apply Network
///   Settings, Apply Device Drivers
/// - Setup Operating System: Setup Windows and Configuration Manager, Install Updates (unless
///   none), Install Package 1…n
/// - Restore User Files and Settings (when user settings were captured): Request User State
///   Storage, Restore User Files and Settings, Release User State Storage
///
/// BitLocker and application (SMS_Application) pages are not offered.
public enum InstallImageTemplate {
    public static let name = "install-image"

    static let template = SequenceTemplate(
        name: name, title: "Install an existing image package",
        summary: "Deploys an OS image package to a computer: partitions and formats the disk, applies the image and its Windows and network settings, installs the Configuration Manager client, software updates and packages.",
        parameters: DeploymentParameters.parameters + [
            TemplateParameter(TemplateParameterName.partitionDisk, .boolean, defaultValue: "true",
                              summary: "whether to partition and format disk 0 before applying the image"),
        ] + StateMigration.parameters
    ) { arguments throws(TemplateError) in
        try sequence(for: InstallImageParameters(deployment: DeploymentParameters(arguments),
                                                 partitionDisk: arguments.flag(TemplateParameterName.partitionDisk),
                                                 stateMigration: StateMigration(arguments)))
    }

    /// The sequence the wizard writes for `parameters`.
    public static func sequence(for parameters: InstallImageParameters) throws(TemplateError) -> TaskSequence {
        let deployment = parameters.deployment
        var install = [try WizardSteps.restartInWindowsPE()]
        if parameters.partitionDisk { install += try WizardSteps.partitionDisk() }
        install += [
            try WizardSteps.applyOperatingSystem(deployment.image),
            try WizardSteps.applyWindowsSettings(deployment),
            try WizardSteps.applyNetworkSettings(deployment.network),
            try WizardSteps.applyDeviceDrivers(),
        ]
        let setup = [try WizardSteps.setupWindowsAndConfigMgr(deployment)]
            + (try WizardSteps.installUpdates(deployment.updates))
            + (try WizardSteps.installPackages(deployment))
        let migration = parameters.stateMigration
        var groups: [Step] = []
        if migration.capturesAnything { groups.append(try WizardSteps.captureFilesAndSettings(migration)) }
        groups += [.group(name: "Install Operating System", steps: install), .group(name: "Setup Operating System", steps: setup)]
        if let package = migration.userStatePackage { groups.append(try WizardSteps.restoreUserFilesAndSettings(package)) }
        return TaskSequence(schemaVersion: "3.10", steps: groups)
    }
}
