extension ActionCatalog {
    /// Run Command Line, Run PowerShell Script, Connect To Network Folder, Join Domain or
    /// Workgroup, Restart Computer, Set Task Sequence Variable, Set Dynamic Variables, Run Task
    /// Sequence, Download Package Content and Check Readiness.
    static let generalActions: [ClassDefinition] = [
        .action(
            "SMS_TaskSequence_RunCommandLineAction",
            displayName: "Run Command Line",
            commandLine: "smsswd.exe /run:%1 %2",
            category: ActionCategory("General", 1, 1),
            properties: [
                .string("CommandLine").notNull().commandLineArgument(2).allowedLength(1...32000).hiddenInXML(),
                .string("PackageID").commandLineArgument(1).references(.package).hiddenInXML(),
                // The console says 127; the class says 255.
                .string("WorkingDirectory").allowedLength(0...255),
                .string("SuccessCodes").successCodes().notNull().defaultValue("0 3010").hiddenInXML(),
                .boolean("DisableWow64Redirection").notNull().defaultValue("false").variable("SMSTSDisableWow64Redirection"),
                .boolean("RunAsUser").defaultValue("false").variable("_SMSTSRunCommandLineAsUser").requiresR2(),
                .string("UserName").variable("SMSTSRunCommandLineUserName"),
                .string("UserPassword").variable("SMSTSRunCommandLineUserPassword").secret(),
                .string("OutputVariableName").variable("SMSTSRunCommandLineOutputVariableName").holdingVariableName(),
                // No default: ConfigMgr's own exports do not write it.
                .boolean("LoadProfile")
                    .source(.corpus, "\"Load the user's profile\"; MDT templates write it, the SDK page does not list it"),
            ]
        ),
        .action(
            "SMS_TaskSequence_RunPowerShellScriptAction",
            displayName: "Run PowerShell Script",
            commandLine: "OSDRunPowerShellScript.exe",
            category: nil,
            variablePrefix: "OSDRunPowerShellScript",
            note: "No CommandLine or VariablePrefix qualifier on the SDK page; both as real exports write them",
            properties: [
                .string("PackageID").requiredIfNull("SourceScript").references(.package),
                .string("ScriptName").requiredIfNull("SourceScript"),
                // Exports carry the inline script base64-encoded (UTF-16 with BOM).
                .string("SourceScript").requiredIfNull("PackageID"),
                .string("Parameters").notNull(),
                .string("ExecutionPolicy")
                    .valueMap(["Restricted", "AllSigned", "RemoteSigned", "Unrestricted", "Bypass", "Undefined"])
                    .notNullToInstance()
                    .defaultValue("Restricted"),
                .string("OutputVariableName").holdingVariableName(),
                .boolean("RunAsUser").defaultValue("false").variable("_SMSTSRunPowerShellAsUser").requiresR2(),
                .string("UserName").variable("SMSTSRunPowerShellUserName"),
                .string("UserPassword").variable("SMSTSRunPowerShellUserPassword").secret(),
                .string("SuccessCodes").successCodes().notNull().defaultValue("0 3010").hiddenInXML(),
                .string("WorkingDirectory").allowedLength(0...255).variable("SMSTSRunPowerShellWorkingDirectory")
                    .source(.corpus, "variable name as real exports write it"),
            ]
        ),
        .action(
            "SMS_TaskSequence_ConnectNetworkFolderAction",
            displayName: "Connect To Network Folder",
            commandLine: "smsnetuse.exe %SMSConnectNetworkFolderPath%",
            category: ActionCategory("General", 5, 1),
            variablePrefix: "SMSConnectNetworkFolder",
            properties: [
                .string("Path").notNull(),
                .string("DriveLetter"),
                .string("Username").notNull().variable("SMSConnectNetworkFolderAccount"),
                .string("Password").notNull().variable("SMSConnectNetworkFolderPassword").secret(),
            ]
        ),
        .action(
            "SMS_TaskSequence_JoinDomainWorkgroupAction",
            displayName: "Join Domain or Workgroup",
            commandLine: "osdjoin.exe /type:%%OSDJoinType%%",
            category: ActionCategory("General", 4, 1),
            variablePrefix: "OSDJoin",
            defaultEnvironment: SupportedEnvironment.fullOS,
            properties: [
                .uint32("Type").notNull().variable("OSDJoinType").documentedValues(["0", "1"]),
                .string("DomainName").allowedLength(1...255),
                .string("DomainOUName").allowedLength(0...32767),
                .string("DomainUsername").variable("OSDJoinAccount"),
                .string("DomainPassword").variable("OSDJoinPassword").secret(),
                .string("WorkgroupName").allowedLength(1...32),
                .boolean("SkipReboot"),
            ]
        ),
        .action(
            "SMS_TaskSequence_RebootAction",
            displayName: "Restart Computer",
            commandLine: "smsboot.exe /target:%1",
            category: ActionCategory("General", 6, 1),
            variablePrefix: "SMSReboot",
            // Real exports whose only Windows PE step is "restart in Windows PE" have Type 2.
            windowsPESetting: SettingMatch(property: "Target", value: "WinPE"),
            properties: [
                .string("Target").notNull().commandLineArgument(1).documentedValues(["HD", "WinPE"]).hiddenInXML(),
                .string("Message").allowedLength(0...512),
                // Seconds; 0 shows no message.
                .uint32("MessageTimeout").defaultValue("0").variable("SMSRebootTimeout"),
            ]
        ),
        .action(
            "SMS_TaskSequence_SetVariableAction",
            displayName: "Set Task Sequence Variable",
            // The SDK gives `tsenv.exe "%1=%2"`; current exports add the "Do not display this
            // value" switch.
            commandLine: "tsenv.exe \"%1=%2\" /hiddenflag:%3",
            category: ActionCategory("General", 7, 1),
            properties: [
                .string("VariableName").notNull().commandLineArgument(1).allowedLength(1...256)
                    .holdingVariableName().hiddenInXML(),
                .string("VariableValue").notNull().commandLineArgument(2).allowedLength(0...4001)
                    .holdingVariableValue().hiddenInXML(),
                .boolean("DoNotShowVariableValue").defaultValue("false").commandLineArgument(3).hiddenInXML(),
                // With "Do not display this value" the value moves here; exports of such steps
                // carry no value at all, so it is treated as a secret.
                .string("HiddenVariableValue").allowedLength(0...4001).holdingVariableValue().secret()
                    .source(.inferred, "Secret inferred: exported steps with DoNotShowVariableValue carry no value"),
            ]
        ),
        .action(
            "SMS_TaskSequence_SetDynamicVariablesAction",
            displayName: "Set Dynamic Variables",
            commandLine: "OSDSetDynamicVariables.exe",
            category: nil,
            variablePrefix: "OSDSetDynamicVariables",
            provenance: .corpus,
            note: "No SDK page; definition as real exports write the step",
            properties: [
                // Rule XML: <Rules><Rule><condition>…</condition><Variables><Variable Name=…
                // IsSecret="true|false">value</Variable>…; secret values are blanked on export.
                .string("Rules").secrecy(.secretRuleVariables)
                    .source(.corpus, "rules as escaped XML; IsSecret variables are empty in exports"),
            ]
        ),
        .action(
            StepClass.subTaskSequence,
            displayName: "Run Task Sequence",
            commandLine: "SubTasksequence.exe",
            category: nil,
            variablePrefix: "OSDSubTasksequence",
            provenance: .corpus,
            note: "No SDK page; written as <subtasksequence>, definition as real exports write it",
            properties: [
                .string("TsPackageID").variable("OSDSubTasksequencePackageID").references(.taskSequence)
                    .source(.corpus, "child task sequence PackageID; the referenceList names it with program \"*\""),
                .string("TsName").source(.corpus, "child task sequence name"),
                .string("TsReferencePackages").source(.corpus, "packages the child references"),
                .string("TsReferenceApplications").source(.corpus, "applications the child references"),
            ]
        ),
        .action(
            "SMS_TaskSequence_DownloadPackageContentAction",
            displayName: "Download Package Content",
            commandLine: "OsdDownloadContent.exe ",
            category: nil,
            variablePrefix: "OSDDownload",
            note: "CommandLine and VariablePrefix not on the SDK page; as real exports write them",
            properties: [
                .string("DownloadPackages").notNull().references(.packageList),
                .string("DestinationLocationType").notNull().valueMap(["TSCache", "CCMCache", "Custom"]).defaultValue("TSCache"),
                .string("DestinationCustomPath").variable("OSDDownloadDestinationPath"),
                .string("DestinationVariable").holdingVariableName(),
                .boolean("ContinueDownloadOnError").defaultValue("true"),
                .objects("PackageInfo", of: "SMS_TaskSequence_PackageInfo").variable("OSDPackage").hiddenInXML(),
                .uint32("NumPackages").variable("OSDPackageCount"),
            ]
        ),
        .action(
            "SMS_TaskSequence_PrestartCheckAction",
            displayName: "Check Readiness",
            commandLine: "OSDPrestartCheck.exe ",
            category: nil,
            variablePrefix: "OSD",
            defaultEnvironment: SupportedEnvironment.fullOS,
            note: "CommandLine and VariablePrefix not on the SDK page; as real exports write them",
            properties: [
                .boolean("CheckCMClientMinVersion").defaultValue("false").variable("OSDCheckCMClientMinVersion"),
                .boolean("CheckDeviceUEFI").defaultValue("false").variable("OSDCheckDeviceUEFI"),
                .boolean("CheckFreeDiskSpace").notNull().defaultValue("true").variable("OSDCheckFreeDiskSpace"),
                .boolean("CheckMaxOSVersion").defaultValue("false").variable("OSDCheckMaxOsVersion"),
                .boolean("CheckMemory").notNull().defaultValue("true").variable("OSDCheckMemory"),
                .boolean("CheckMinOSVersion").defaultValue("false").variable("OSDCheckMinOSVersion"),
                .boolean("CheckNetworkConnected").defaultValue("false").variable("OSDCheckNetworkConnected"),
                .boolean("CheckNetworkWired").defaultValue("false").variable("OSDCheckNetworkWired"),
                .boolean("CheckOSArchitecture").defaultValue("false").variable("OSDCheckOSArchitecture"),
                .boolean("CheckOSLanguageID").defaultValue("false").variable("OSDCheckOSLanguageID"),
                .boolean("CheckOSType").notNull().defaultValue("true").variable("OSDCheckOSType"),
                .boolean("CheckPowerState").defaultValue("false").variable("OSDCheckPowerState"),
                .boolean("CheckProcessorSpeed").notNull().defaultValue("true").variable("OSDCheckProcessorSpeed"),
                .boolean("CheckTpmActivated").defaultValue("false").variable("OSDCheckDeviceTpmActivated")
                    .source(.corpus, "newer TPM check, as real exports write it"),
                .boolean("CheckTpmEnabled").defaultValue("false").variable("OSDCheckDeviceTpmEnabled")
                    .source(.corpus, "newer TPM check, as real exports write it"),
                .string("CMClientMinVersion").variable("OSDCMClientMinVersion"),
                .uint32("FreeDiskSpace").defaultValue("25000").variable("OSDFreeDiskSpace"),
                .string("MaxOSVersion").variable("OSDMaxOSVersion"),
                .uint32("Memory").defaultValue("512").variable("OSDMemory"),
                .string("MinOSVersion").variable("OSDMinOSVersion"),
                .string("OSArchitecture").valueMap(["", "32", "64"]).defaultValue("64").variable("OSDOSArchitecture"),
                .uint32("OSLanguageID").variable("OSDOSLanguageID"),
                .string("OSType").valueMap(["CLIENT", "SERVER"]).defaultValue("CLIENT").variable("OSDOSType"),
                .uint32("ProcessorSpeed").defaultValue("800").variable("OSDProcessorSpeed"),
            ]
        ),
    ]
}
