extension ActionCatalog {
    /// The image actions: apply, set up, prepare, capture and upgrade an operating system.
    static let imageActions: [ClassDefinition] = [
        .action(
            "SMS_TaskSequence_ApplyOperatingSystemAction",
            displayName: "Apply Operating System Image",
            // The SDK template has no /runfromnet; RunFromNet is CommandLineArg(10) and current
            // exports end with it.
            commandLine: "OSDApplyOS.exe<?1: /image:%1,%%OSDImageIndex%%><?3: /install:%3,%%OSDInstallEditionIndex%%>"
                + "<?4: \"/config:%4,%%OSDConfigFileName%%\"><?6: /target:%6,%7><?8: /target:%8><?9: /target:%%%9%%>"
                + "<?10: /runfromnet:%10>",
            category: ActionCategory("Images", 1, 5),
            defaultEnvironment: SupportedEnvironment.winPE,
            deploysOperatingSystem: true,
            properties: [
                .string("ImagePackageID").commandLineArgument(1).references(.image).requiredIfNull("InstallPackageID").hiddenInXML(),
                .uint32("ImageIndex").requiredIfNotNull("ImagePackageID").valueRange(1...2_147_483_647).variable("OSDImageIndex"),
                .string("InstallPackageID").commandLineArgument(3).references(.image).requiredIfNull("ImagePackageID").hiddenInXML(),
                .uint32("InstallEditionIndex").requiredIfNotNull("InstallPackageID").defaultValue("0").variable("OSDInstallEditionIndex"),
                .string("ConfigFilePackage").commandLineArgument(4).references(.package).hiddenInXML(),
                .string("ConfigFileName").requiredIfNotNull("ConfigFilePackage").variable("OSDConfigFileName"),
                .uint32("DestinationDisk").commandLineArgument(6).valueRange(0...99),
                .uint32("DestinationPartition").commandLineArgument(7).requiredIfNotNull("DestinationDisk").valueRange(1...99),
                .string("DestinationLogicalDrive").commandLineArgument(8),
                .string("DestinationVariable").commandLineArgument(9).holdingVariableName(),
                .boolean("RunFromNet").defaultValue("false").runFromNet().commandLineArgument(10).hiddenInXML(),
            ]
        ),
        .action(
            "SMS_TaskSequence_ApplyDataImageAction",
            displayName: "Apply Data Image",
            commandLine: "OSDApplyOS.exe /data:%1,%%OSDDataImageIndex%% <?6: /target:%6,%7><?8: /target:%8><?9: /target:%%%9%%>",
            category: ActionCategory("Images", 2, 5),
            defaultEnvironment: SupportedEnvironment.winPE,
            deploysOperatingSystem: true,
            properties: [
                .string("ImagePackageID").notNull().commandLineArgument(1).references(.image).hiddenInXML(),
                .uint32("ImageIndex").notNull().valueRange(1...2_147_483_647).variable("OSDDataImageIndex"),
                .uint32("DestinationDisk").commandLineArgument(6).valueRange(0...99),
                .uint32("DestinationPartition").commandLineArgument(7).requiredIfNotNull("DestinationDisk").valueRange(1...99),
                .string("DestinationLogicalDrive").commandLineArgument(8),
                .string("DestinationVariable").commandLineArgument(9).holdingVariableName(),
                .boolean("WipeDestinationPartition").notNull().defaultValue("true").variable("OSDWipeDestinationPartition"),
            ]
        ),
        .action(
            "SMS_TaskSequence_SetupWindowsAndSMSAction",
            displayName: "Setup Windows and ConfigMgr",
            commandLine: "OSDSetupWindows.exe",
            category: ActionCategory("Images", 3, 5),
            deploysOperatingSystem: true,
            properties: [
                .string("ClientPackageID").notNull().references(.package).variable("_SMSClientPackageID"),
                .string("ClientPreProductionPackageID").references(.package).variable("_SMSClientPreProductionPackageID"),
                .string("ClientInstallProperties").variable("SMSClientInstallProperties"),
            ]
        ),
        .action(
            "SMS_TaskSequence_InstallDeployToolsAction",
            displayName: "Install Deployment Tools",
            commandLine: "osdprepareos.exe /install:%1",
            category: ActionCategory("Images", 5, 5),
            note: "SDK only; the console no longer offers the step",
            properties: [
                .string("SysprepPackageID").notNull().commandLineArgument(1).references(.package),
            ]
        ),
        .action(
            "SMS_TaskSequence_PrepareSMSClientAction",
            displayName: "Prepare ConfigMgr Client for Capture",
            commandLine: "osdpreparesmsclient.exe",
            category: ActionCategory("Images", 6, 5),
            defaultEnvironment: SupportedEnvironment.fullOS,
            properties: []
        ),
        .action(
            "SMS_TaskSequence_PrepareOSAction",
            displayName: "Prepare Windows for Capture",
            // The SDK template stops at /bmsd; current exports add /shutdown.
            commandLine: "osdprepareos.exe /activate:%%OSDKeepActivation%% /bmsd:%%OSDBuildStorageDriverList%% /shutdown:%%OSDShutdownPreparedOs%%",
            category: ActionCategory("Images", 7, 5),
            defaultEnvironment: SupportedEnvironment.fullOS,
            properties: [
                .boolean("BuildStorageDriverList").notNull().defaultValue("false").variable("OSDBuildStorageDriverList"),
                .boolean("KeepActivation").notNull().defaultValue("false").variable("OSDKeepActivation"),
                .boolean("ShutdownPreparedOs").defaultValue("false").variable("OSDShutdownPreparedOs")
                    .source(.corpus, "variable name from the command line real exports write"),
            ]
        ),
        .action(
            "SMS_TaskSequence_CaptureSystemImageAction",
            displayName: "Capture Operating System Image",
            commandLine: "osdcapturesystemimage.exe",
            category: ActionCategory("Images", 8, 5),
            variablePrefix: "OSD",
            defaultEnvironment: SupportedEnvironment.winPE,
            deploysOperatingSystem: true,
            properties: [
                .string("CaptureDestination").notNull().allowedLength(1...255),
                .string("CaptureUsername").variable("OSDCaptureAccount"),
                .string("CapturePassword").variable("OSDCaptureAccountPassword").secret(),
                .string("ImageCreator").allowedLength(0...255),
                .string("ImageDescription").allowedLength(0...255),
                .string("ImageVersion").notNull().allowedLength(0...32),
            ]
        ),
        .action(
            "SMS_TaskSequence_UpgradeOperatingSystemAction",
            displayName: "Upgrade Operating System",
            commandLine: "OSDUpgradeOS.exe ",
            category: nil,
            variablePrefix: "OSDUpgrade",
            defaultEnvironment: SupportedEnvironment.fullOS,
            deploysOperatingSystem: true,
            note: "CommandLine and VariablePrefix not on the SDK page; as real exports write them",
            properties: [
                .string("InstallPackageID").references(.image).requiredIfNull("InstallPath"),
                .string("InstallPath").requiredIfNull("InstallPackageID"),
                .uint32("InstallEditionIndex").defaultValue("1"),
                .string("DriverPackageID").references(.package),
                .string("StagedContent"),
                .string("OsProductKey").quasiSecret(),
                // ValueMap on the SDK page without its values; only Upgrade is documented.
                .string("PreserveSettings").defaultValue("Upgrade"),
                .string("DynamicUpdateSettings").documentedValues(["Disable", "OveridePolicy"]),
                .boolean("IgnoreMessages").defaultValue("false"),
                .boolean("ScanOnly").defaultValue("false"),
                .uint32("SetupTimeout"),
                .string("FeatureUpdateAssignmentId").variable("OSDFeatureUpdateAssignmentID"),
                .string("FeatureUpdateName"),
            ]
        ),
    ]
}
