/// The answers of "Install an existing image package".
public struct InstallImageParameters: Sendable, Hashable {
    public var deployment: DeploymentParameters
    /// The wizard's "Partition and format the target computer" box: writes the BIOS and UEFI
    /// partition steps.
    public var partitionDisk: Bool

    public init(deployment: DeploymentParameters, partitionDisk: Bool = true) {
        self.deployment = deployment
        self.partitionDisk = partitionDisk
    }

    var parameterValues: [String: TemplateValue] {
        var values = deployment.parameterValues
        values[TemplateParameterName.partitionDisk] = .text(partitionDisk ? "true" : "false")
        return values
    }
}

/// "Install an existing image package" (New-CMTaskSequence -InstallOperatingSystemImage):
///
/// - Install Operating System: Restart in Windows PE, Partition Disk 0 - BIOS, Partition Disk 0
///   - UEFI (when partitioning), Apply Operating System, Apply Windows Settings, Apply Network
///   Settings, Apply Device Drivers
/// - Setup Operating System: Setup Windows and Configuration Manager, Install Updates (unless
///   none), Install Package 1…n
///
/// State migration, BitLocker and application (SMS_Application) pages are not offered.
public enum InstallImageTemplate {
    public static let name = "install-image"

    static let template = SequenceTemplate(
        name: name, title: "Install an existing image package",
        summary: "Deploys an OS image package to a computer: partitions and formats the disk, applies the image and its Windows and network settings, installs the Configuration Manager client, software updates and packages.",
        parameters: DeploymentParameters.parameters + [
            TemplateParameter(TemplateParameterName.partitionDisk, .boolean, defaultValue: "true",
                              summary: "whether to partition and format disk 0 before applying the image"),
        ]
    ) { arguments throws(TemplateError) in
        try sequence(for: InstallImageParameters(deployment: DeploymentParameters(arguments),
                                                 partitionDisk: arguments.flag(TemplateParameterName.partitionDisk)))
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
        return TaskSequence(schemaVersion: "3.10", steps: [
            .group(name: "Install Operating System", steps: install),
            .group(name: "Setup Operating System", steps: setup),
        ])
    }
}
