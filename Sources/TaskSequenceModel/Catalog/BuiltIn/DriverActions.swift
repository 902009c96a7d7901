extension ActionCatalog {
    /// Auto Apply Drivers and Apply Driver Package.
    static let driverActions: [ClassDefinition] = [
        .action(
            "SMS_TaskSequence_AutoApplyAction",
            displayName: "Auto Apply Drivers",
            commandLine: "osddriverclient.exe /auto /bestmatch:%%OSDAutoApplyDriverBestMatch%% /unsigned:%%OSDAllowUnsignedDriver%%",
            category: ActionCategory("Drivers", 1, 6),
            variablePrefix: "OSDAutoApplyDriver",
            defaultEnvironment: SupportedEnvironment.winPE,
            properties: [
                .boolean("BestMatch").notNull().defaultValue("true"),
                .stringArray("CategoryList"),
                // Deprecated, but the action still requires it.
                .boolean("UnsignedDriver").notNull().defaultValue("false").variable("OSDAllowUnsignedDriver"),
            ]
        ),
        .action(
            "SMS_TaskSequence_ApplyDriverPackageAction",
            displayName: "Apply Driver Package",
            // The SDK template; since 1706 the engine's log shows `/recurse:%OSDRecurse%` appended.
            commandLine: "osddriverclient.exe /install:%1 <?2:\"/bootcritical:%%OSDApplyDriverBootCriticalContentUniqueID%%,"
                + "%%OSDApplyDriverBootCriticalINFFile%%,%%OSDApplyDriverBootCriticalHardwareComponent%%,"
                + "%%OSDApplyDriverBootCriticalID%%\">/unsigned:%%OSDAllowUnsignedDriver%% /recurse:%%OSDRecurse%%",
            category: ActionCategory("Drivers", 2, 6),
            variablePrefix: "OSDApplyDriver",
            defaultEnvironment: SupportedEnvironment.winPE,
            properties: [
                .string("DriverPackageID").notNull().commandLineArgument(1).references(.package).hiddenInXML(),
                .string("BootCriticalDriverID").commandLineArgument(2),
                // The SDK prints RequiredIfNotNull without its argument; the text names the driver ID.
                .string("BootCriticalContentUniqueID").requiredIfNotNull("BootCriticalDriverID"),
                .string("BootCriticalHardwareComponent").requiredIfNotNull("BootCriticalDriverID"),
                .string("BootCriticalID").requiredIfNotNull("BootCriticalDriverID"),
                .string("BootCriticalINFFile").requiredIfNotNull("BootCriticalDriverID"),
                .boolean("UnsignedDriver").notNull().defaultValue("false").variable("OSDAllowUnsignedDriver"),
                .boolean("Recurse").defaultValue("false").variable("OSDRecurse")
                    .source(.inferred, "variable name from the engine log line in KB 4096313"),
            ]
        ),
    ]
}
