extension ActionCatalog {
    /// Install Application, Install Package and Install Software Updates.
    static let softwareActions: [ClassDefinition] = [
        .action(
            "SMS_TaskSequence_InstallApplicationAction",
            displayName: "Install Application",
            commandLine: "smsappinstall.exe /app:%1 /basevar:%2 /continueOnError:%3",
            category: ActionCategory("Software", 1, 2),
            defaultEnvironment: SupportedEnvironment.fullOS,
            properties: [
                .string("ApplicationName").commandLineArgument(1).references(.applicationList).hiddenInXML(),
                // The SDK page prints RequiredIfNull / RequiredIfNotNull without their argument;
                // the arguments follow Install Package, which works the same way.
                .string("BaseVariableName").commandLineArgument(2).requiredIfNull("ApplicationName").hiddenInXML(),
                .boolean("ContinueOnInstallError").commandLineArgument(3).requiredIfNotNull("BaseVariableName").hiddenInXML(),
                .objects("AppInfo", of: "SMS_TaskSequence_ApplicationInfo").variable("OSDApp").hiddenInXML(),
                .uint32("NumApps").variable("OSDAppCount"),
                .string("RetryCount").defaultValue("2").hiddenInXML(),
                .boolean("ClearCache").defaultValue("false").variable("OSDAppClearCache")
                    .source(.corpus, "\"Clear application content from cache\", as real exports write it"),
            ]
        ),
        .action(
            "SMS_TaskSequence_InstallSoftwareAction",
            displayName: "Install Package",
            commandLine: "smsswd.exe /pkg:%1 /install /basevar:%3 /continueOnError:%4",
            category: ActionCategory("Software", 2, 2),
            defaultEnvironment: SupportedEnvironment.fullOS,
            properties: [
                // Null PackageID: install the list the variables <Base>001, <Base>002 … name.
                .string("PackageID").commandLineArgument(1).references(.package).hiddenInXML(),
                .string("ProgramName").requiredIfNotNull("PackageID").variable("_SMSSWDProgramName")
                    .references(.program(packageProperty: "PackageID")),
                .string("BaseVariableName").requiredIfNull("PackageID").commandLineArgument(3).hiddenInXML(),
                .boolean("ContinueOnInstallError").requiredIfNotNull("BaseVariableName").commandLineArgument(4).hiddenInXML(),
                .uint32("RetryCount").variable("OSDPackageDownloadRetries")
                    .source(.corpus, "download retries, as real exports write it"),
            ]
        ),
        .action(
            "SMS_TaskSequence_InstallUpdateAction",
            displayName: "Install Software Updates",
            commandLine: "TSInstallSWUpdate.exe /target:%%SMSInstallUpdateTarget%%",
            category: ActionCategory("Software", 3, 2),
            defaultEnvironment: SupportedEnvironment.fullOS,
            properties: [
                .string("Target").notNull().variable("SMSInstallUpdateTarget").documentedValues(["Mandatory", "All"]),
                .boolean("UseCache").notNull().defaultValue("true").variable("SMSTSSoftwareUpdateScanUseCache"),
                .string("RetryCount").defaultValue("2").hiddenInXML(),
            ]
        ),
    ]
}
