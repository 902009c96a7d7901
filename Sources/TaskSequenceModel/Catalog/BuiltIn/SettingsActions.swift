extension ActionCatalog {
    /// Capture and apply network and Windows settings.
    static let settingsActions: [ClassDefinition] = [
        .action(
            "SMS_TaskSequence_CaptureNetworkSettingsAction",
            displayName: "Capture Network Settings",
            commandLine: "osdnetsettings.exe capture netmembership:%%OSDMigrateNetworkMembership%% adapters:%%OSDMigrateAdapterSettings%%",
            category: ActionCategory("Settings", 1, 7),
            variablePrefix: "OSD",
            defaultEnvironment: SupportedEnvironment.fullOS,
            properties: [
                .boolean("MigrateAdapterSettings").notNull().defaultValue("true"),
                .boolean("MigrateNetworkMembership").notNull().defaultValue("false"),
            ]
        ),
        .action(
            "SMS_TaskSequence_CaptureWindowsSettingsAction",
            displayName: "Capture Windows Settings",
            commandLine: "osdwinsettings.exe /capture /name:%%OSDMigrateComputerName%% /reginfo:%%OSDMigrateRegistrationInfo%% /timezone:%%OSDMigrateTimeZone%%",
            category: ActionCategory("Settings", 2, 7),
            defaultEnvironment: SupportedEnvironment.fullOS,
            properties: [
                .boolean("MigrateComputerName").notNull().defaultValue("true").variable("OSDMigrateComputerName"),
                .boolean("MigrateRegistrationInfo").notNull().defaultValue("true").variable("OSDMigrateRegistrationInfo"),
                .boolean("MigrateTimeZone").notNull().defaultValue("true").variable("OSDMigrateTimeZone"),
            ]
        ),
        .action(
            "SMS_TaskSequence_ApplyNetworkSettingsAction",
            displayName: "Apply Network Settings",
            commandLine: "osdnetsettings.exe configure",
            category: ActionCategory("Settings", 3, 7),
            variablePrefix: "OSD",
            properties: [
                .uint32("NetworkJoinType").notNull().documentedValues(["0", "1"]),
                .string("DomainName").requiredIfNull("WorkgroupName").allowedLength(1...255),
                .string("DomainOUName").allowedLength(0...32767),
                .string("DomainUsername").variable("OSDJoinAccount"),
                .string("DomainPassword").variable("OSDJoinPassword").secret(),
                .string("WorkgroupName").requiredIfNull("DomainName").allowedLength(1...32),
                .objects("Adapters", of: "SMS_TaskSequence_NetworkAdapterSettings").global().variable("OSDAdapter"),
                .uint32("NumAdapters").global().variable("OSDAdapterCount"),
                .string("DNSDomain").global(),
                .stringArray("DNSSuffixSearchOrder").global(),
                .boolean("EnableTCPIPFiltering").global().defaultValue("false").hiddenInXML(),
            ]
        ),
        .action(
            "SMS_TaskSequence_ApplyWindowsSettingsAction",
            displayName: "Apply Windows Settings",
            commandLine: "osdwinsettings.exe /config",
            category: ActionCategory("Settings", 4, 7),
            variablePrefix: "OSD",
            defaultEnvironment: SupportedEnvironment.winPE,
            properties: [
                // Required by the step but ignored when RandomAdminPassword is true.
                .string("AdminPassword").variable("OSDLocalAdminPassword").secret().allowedLength(0...255),
                .boolean("RandomAdminPassword").notNull().defaultValue("true"),
                .string("ComputerName").defaultValue("%_SMSTSMachineName%"),
                .string("ProductKey").quasiSecret(),
                .string("RegisteredOrgName").notNull().allowedLength(1...255),
                .string("RegisteredUserName").notNull().allowedLength(1...255),
                // An English time zone name; a localized one falls back to UTC.
                .string("TimeZone").notNull(),
                .string("ServerLicenseMode").documentedValues(["PerSeat", "PerServer"]),
                .uint32("ServerLicenseConnectionLimit").valueRange(5...9999),
                .string("InputLocale").variable("OSDWindowsSettingsInputLocale")
                    .source(.corpus, "variable name as real exports write it"),
                .string("SystemLocale").variable("OSDWindowsSettingsSystemLocale")
                    .source(.corpus, "variable name as real exports write it"),
                .string("UILanguage").variable("OSDWindowsSettingsUILanguage")
                    .source(.corpus, "variable name as real exports write it"),
                .string("UILanguageFallback").variable("OSDWindowsSettingsUILanguageFallback")
                    .source(.corpus, "variable name as real exports write it"),
                .string("UserLocale").variable("OSDWindowsSettingsUserLocale")
                    .source(.corpus, "variable name as real exports write it"),
            ]
        ),
    ]
}
