/// The steps the Create Task Sequence Wizard writes, with the names, descriptions, settings and
/// conditions it gives them ("Create a task sequence to install an OS" and "… to capture an
/// OS", checked against the wizard-made build and capture sequence of the corpus). Built with
/// the action catalog so every setting is one the class has, written as ConfigMgr writes it.
enum WizardSteps {
    typealias C = ConditionClass

    /// Restart in Windows PE, unless already there (`_SMSTSInWinPE` equals false).
    static func restartInWindowsPE() throws(TemplateError) -> Step {
        var step = try make("SMS_TaskSequence_RebootAction", "Restart in Windows PE", settings: [
            "Target": "WinPE",
            "Message": "A new Microsoft Windows operating system is being installed.  The computer must reboot to continue.",
            // As the corpus's wizard-made sequence has it (the class's own default is 0, no message).
            "MessageTimeout": "10",
        ])
        step.condition = Condition(operands: [variable("_SMSTSInWinPE", "equals", "false")])
        return step
    }

    /// Partition Disk 0 - BIOS and Partition Disk 0 - UEFI: the same step for each firmware,
    /// each running only where no client cache, OEM media or hard-link migration needs the
    /// disk kept, and only on its firmware (`_SMSTSBootUEFI`).
    static func partitionDisk() throws(TemplateError) -> [Step] {
        let description = "Actions to partition and format the new machine"
        var bios = try make("SMS_TaskSequence_PartitionDiskAction", "Partition Disk 0 - BIOS", description: description, settings: [
            "DiskIndex": "0", "DiskType": "Basic", "PartitionStyle": "MBR", "Partitions": "1",
            "Partitions0Type": "PRIMARY", "Partitions0FileSystem": "NTFS", "Partitions0Size": "100", "Partitions0SizeUnits": "Percent",
            "Partitions0Bootable": "true", "Partitions0QuickFormat": "true", "Partitions0AssignVolumeLetter": "true",
        ])
        bios.condition = Condition(operands: keepDiskGuards + [variable("_SMSTSBootUEFI", "notEquals", "true")])
        // The UEFI layout New-CMTSStepPartitionDisk documents as the default: EFI, MSR, Windows, Recovery.
        var uefi = try make("SMS_TaskSequence_PartitionDiskAction", "Partition Disk 0 - UEFI", description: description, settings: [
            "DiskIndex": "0", "DiskType": "Basic", "PartitionStyle": "GPT", "GPTBootDisk": "true", "Partitions": "4",
            "Partitions0Type": "EFI", "Partitions0FileSystem": "FAT32", "Partitions0Size": "500", "Partitions0SizeUnits": "MB",
            "Partitions0QuickFormat": "true", "Partitions0AssignVolumeLetter": "false",
            "Partitions1Type": "MSR", "Partitions1Size": "128", "Partitions1SizeUnits": "MB", "Partitions1AssignVolumeLetter": "false",
            "Partitions2Type": "Primary", "Partitions2FileSystem": "NTFS", "Partitions2Size": "99", "Partitions2SizeUnits": "Percent",
            "Partitions2Bootable": "true", "Partitions2QuickFormat": "true", "Partitions2AssignVolumeLetter": "true",
            "Partitions3Type": "Recovery", "Partitions3FileSystem": "NTFS", "Partitions3Size": "100", "Partitions3SizeUnits": "Percent",
            "Partitions3QuickFormat": "true", "Partitions3AssignVolumeLetter": "false",
        ])
        uefi.condition = Condition(operands: keepDiskGuards + [variable("_SMSTSBootUEFI", "equals", "true")])
        return [bios, uefi]
    }

    /// Apply Operating System from an image package, to the next available formatted partition.
    static func applyOperatingSystem(_ image: ImageReference) throws(TemplateError) -> Step {
        try make("SMS_TaskSequence_ApplyOperatingSystemAction", "Apply Operating System",
                 description: "Actions to apply operating system",
                 settings: ["ImagePackageID": image.packageID, "ImageIndex": String(image.index)])
    }

    /// Apply Windows Settings: registration, time zone, product key and administrator account.
    static func applyWindowsSettings(_ parameters: DeploymentParameters) throws(TemplateError) -> Step {
        var settings = [
            "RegisteredUserName": parameters.registeredUser, "RegisteredOrgName": parameters.registeredOrganization,
            "TimeZone": parameters.timeZone,
            "RandomAdminPassword": parameters.administratorPassword == nil ? "true" : "false",
            // The wizard writes the per-server connection floor even when no licensing mode is chosen.
            "ServerLicenseConnectionLimit": "5",
        ]
        if let password = parameters.administratorPassword { settings["AdminPassword"] = password }
        if let key = parameters.productKey { settings["ProductKey"] = key }
        return try make("SMS_TaskSequence_ApplyWindowsSettingsAction", "Apply Windows Settings",
                        description: "Actions to apply Windows settings", settings: settings)
    }

    /// Apply Network Settings: the workgroup, or the domain with its OU and join account
    /// (NetworkJoinType 1 is a workgroup, 0 a domain).
    static func applyNetworkSettings(_ network: NetworkMembership) throws(TemplateError) -> Step {
        var settings: [String: String]
        switch network {
        case .workgroup(let name):
            settings = ["NetworkJoinType": "1", "WorkgroupName": name]
        case .domain(let name, let organizationalUnit, let account, let password):
            settings = ["NetworkJoinType": "0", "DomainName": name, "DomainUsername": account, "DomainPassword": password]
            if let organizationalUnit { settings["DomainOUName"] = organizationalUnit }
        }
        return try make("SMS_TaskSequence_ApplyNetworkSettingsAction", "Apply Network Settings",
                        description: "Actions to configure network settings", settings: settings)
    }

    /// Apply Device Drivers (Auto Apply Drivers, best match), skipped on full media.
    static func applyDeviceDrivers() throws(TemplateError) -> Step {
        var step = try make("SMS_TaskSequence_AutoApplyAction", "Apply Device Drivers", settings: [:])
        step.condition = Condition(operands: [variable("_SMSTSMediaType", "notEquals", "FullMedia")])
        return step
    }

    /// Setup Windows and Configuration Manager with the client package and its properties.
    static func setupWindowsAndConfigMgr(_ parameters: DeploymentParameters) throws(TemplateError) -> Step {
        var settings = ["ClientPackageID": parameters.clientPackage]
        if let properties = parameters.clientProperties { settings["ClientInstallProperties"] = properties }
        return try make("SMS_TaskSequence_SetupWindowsAndSMSAction", "Setup Windows and Configuration Manager",
                        description: "Actions to setup Windows and Configuration Manager client", settings: settings)
    }

    /// Install Updates (Mandatory or All), skipped on full media; none for ``SoftwareUpdateChoice/none``.
    static func installUpdates(_ choice: SoftwareUpdateChoice) throws(TemplateError) -> [Step] {
        let target: String
        switch choice {
        case .none: return []
        case .required: target = "Mandatory"
        case .all: target = "All"
        }
        var step = try make("SMS_TaskSequence_InstallUpdateAction", "Install Updates", settings: ["Target": target])
        step.condition = Condition(operands: [variable("_SMSTSMediaType", "notEquals", "FullMedia")])
        return [step]
    }

    /// One Install Package step per package, in order, continuing on error when asked.
    static func installPackages(_ parameters: DeploymentParameters) throws(TemplateError) -> [Step] {
        var steps: [Step] = []
        for (number, entry) in parameters.installs.enumerated() {
            var step = try make("SMS_TaskSequence_InstallSoftwareAction", "Install Package \(number + 1)",
                                description: "Installs program \(entry.program) of package \(entry.packageID)",
                                settings: ["PackageID": entry.packageID, "ProgramName": entry.program])
            step.continueOnError = parameters.continueOnInstallError
            steps.append(step)
        }
        return steps
    }

    /// Join Workgroup: Sysprep needs a reference machine out of its domain.
    static func joinWorkgroup() throws(TemplateError) -> Step {
        try make("SMS_TaskSequence_JoinDomainWorkgroupAction", "Join Workgroup", settings: ["Type": "1", "WorkgroupName": "WORKGROUP"])
    }

    static func prepareConfigMgrClient() throws(TemplateError) -> Step {
        try make("SMS_TaskSequence_PrepareSMSClientAction", "Prepare Configuration Manager Client", settings: [:])
    }

    /// The Sysprep package older images need, installed before Prepare OS runs Sysprep.
    static func installSysprepPackage(_ packageID: String) throws(TemplateError) -> Step {
        try make("SMS_TaskSequence_InstallDeployToolsAction", "Install Sysprep Package", settings: ["SysprepPackageID": packageID])
    }

    static func prepareOS() throws(TemplateError) -> Step {
        try make("SMS_TaskSequence_PrepareOSAction", "Prepare OS", settings: ["BuildStorageDriverList": "false", "KeepActivation": "false"])
    }

    /// Capture the Reference Machine to the network share, as the capture account.
    static func captureReferenceMachine(_ capture: CaptureSettings) throws(TemplateError) -> Step {
        try make("SMS_TaskSequence_CaptureSystemImageAction", "Capture the Reference Machine", settings: [
            "CaptureDestination": capture.path, "CaptureUsername": capture.account, "CapturePassword": capture.password,
            "ImageCreator": capture.createdBy ?? "", "ImageDescription": capture.description ?? "", "ImageVersion": capture.version ?? "",
        ])
    }

    /// Capture File and Settings, as the install documentation's example names it. It runs in
    /// the old Windows only (its steps run in the full OS; a computer started in Windows PE has
    /// nothing to capture).
    static func captureFilesAndSettings(_ migration: StateMigration) throws(TemplateError) -> Step {
        var steps: [Step] = []
        if migration.windowsSettings {
            steps.append(try make("SMS_TaskSequence_CaptureWindowsSettingsAction", "Capture Windows Settings", settings: [:]))
        }
        if migration.networkSettings {
            steps.append(try make("SMS_TaskSequence_CaptureNetworkSettingsAction", "Capture Network Settings",
                                  settings: ["MigrateNetworkMembership": "true", "MigrateAdapterSettings": "true"]))
        }
        if let package = migration.userStatePackage {
            steps.append(.group(name: "Capture User Files and Settings", steps: [
                try make("SMS_TaskSequence_RequestStateStoreAction", "Request User State Storage", settings: ["RequestType": "capture"]),
                try make("SMS_TaskSequence_CaptureUserStateAction", "Capture User Files and Settings", settings: ["UsmtPackageID": package]),
                try make("SMS_TaskSequence_ReleaseStateStoreAction", "Release User State Storage", settings: [:]),
            ]))
        }
        var group = Step.group(name: "Capture File and Settings", steps: steps)
        group.condition = Condition(operands: [variable("_SMSTSInWinPE", "equals", "false")])
        return group
    }

    /// Restore User Files and Settings, after the client is set up.
    static func restoreUserFilesAndSettings(_ package: String) throws(TemplateError) -> Step {
        .group(name: "Restore User Files and Settings", steps: [
            try make("SMS_TaskSequence_RequestStateStoreAction", "Request User State Storage", settings: ["RequestType": "restore"]),
            try make("SMS_TaskSequence_RestoreUserStateAction", "Restore User Files and Settings", settings: ["UsmtRestorePackageID": package]),
            try make("SMS_TaskSequence_ReleaseStateStoreAction", "Release User State Storage", settings: [:]),
        ])
    }

    // MARK: Building blocks

    /// The guards both partition steps carry: no client cache to keep, not OEM media, no
    /// hard-link state migration on the disk.
    private static var keepDiskGuards: [ConditionOperand] {
        [
            .expression(ConditionExpression(className: C.variable, properties: ["Operator": "notExists", "Variable": "_SMSTSClientCache"])),
            variable("_SMSTSMediaType", "notEquals", "OEMMedia"),
            variable("_OSDMigrateUseHardlinks", "notEquals", "true"),
        ]
    }

    private static func variable(_ name: String, _ comparison: String, _ value: String) -> ConditionOperand {
        .expression(ConditionExpression(className: C.variable, properties: ["Operator": comparison, "Value": value, "Variable": name]))
    }

    private static func make(_ className: String, _ name: String, description: String = "", settings: [String: String]) throws(TemplateError) -> Step {
        do {
            return try ActionCatalog.builtIn.makeStep(ofClass: className, name: name, description: description, settings: settings)
        } catch {
            throw .catalog(error)
        }
    }
}
