extension ActionCatalog {
    /// Request State Store, Capture User State, Restore User State and Release State Store.
    static let userStateActions: [ClassDefinition] = [
        .action(
            "SMS_TaskSequence_RequestStateStoreAction",
            displayName: "Request State Store",
            commandLine: "osdsmpclient.exe /%1",
            category: ActionCategory("UserState", 1, 4),
            variablePrefix: "OSDState",
            defaultEnvironment: SupportedEnvironment.fullOS,
            properties: [
                .string("RequestType").notNull().commandLineArgument(1).documentedValues(["capture", "restore"]),
                .boolean("FallbackToNAA").defaultValue("false"),
                .uint32("SMPRetryCount").global().valueRange(0...30),
                .uint32("SMPRetryTime").global().valueRange(0...600),
            ]
        ),
        .action(
            "SMS_TaskSequence_CaptureUserStateAction",
            displayName: "Capture User State",
            commandLine: "osdmigrateuserstate.exe /collect /continueOnError:%%OSDMigrateContinueOnLockedFiles%% /skipefs:%%OSDMigrateSkipEncryptedFiles%%",
            category: ActionCategory("UserState", 2, 4),
            variablePrefix: "OSDMigrate",
            defaultEnvironment: SupportedEnvironment.fullOS,
            properties: [
                .string("UsmtPackageID").notNull().variable("_OSDMigrateUsmtPackageID").references(.package),
                .string("Mode").notNull().defaultValue("Simple").documentedValues(["Simple", "Advanced"]),
                .stringArray("ConfigFiles"),
                .boolean("ContinueOnLockedFiles").notNull().defaultValue("true").variable("OSDMigrateContinueOnLockedFiles"),
                .boolean("EnableVerboseLogging").notNull().defaultValue("false"),
                .string("FileAccess").notNull().defaultValue("Normal").documentedValues(["Normal", "VSS"]),
                .boolean("OfflineUserState").notNull().defaultValue("false").variable("_OSDMigrateOfflineUserState"),
                .boolean("SkipEncryptedFiles").notNull().defaultValue("false").variable("OSDMigrateSkipEncryptedFiles"),
                .boolean("UseHardlinks").notNull().defaultValue("false").variable("_OSDMigrateUseHardlinks"),
            ]
        ),
        .action(
            "SMS_TaskSequence_RestoreUserStateAction",
            displayName: "Restore User State",
            commandLine: "osdmigrateuserstate.exe /apply /continueOnError:%%OSDMigrateContinueOnRestore%%",
            category: ActionCategory("UserState", 3, 4),
            variablePrefix: "OSDMigrate",
            defaultEnvironment: SupportedEnvironment.fullOS,
            properties: [
                .string("UsmtRestorePackageID").notNull().variable("_OSDMigrateUsmtRestorePackageID").references(.package),
                .string("Mode").notNull().defaultValue("Simple").documentedValues(["Simple", "Advanced"]),
                .stringArray("ConfigFiles"),
                .boolean("ContinueOnRestore").notNull().defaultValue("true").variable("OSDMigrateContinueOnRestore"),
                .boolean("EnableVerboseLogging").notNull().defaultValue("false"),
                .boolean("LocalAccounts").notNull().defaultValue("false").variable("OSDMigrateLocalAccounts"),
                .string("LocalAccountPassword").variable("OSDMigrateLocalAccountPassword").secret(),
            ]
        ),
        .action(
            "SMS_TaskSequence_ReleaseStateStoreAction",
            displayName: "Release State Store",
            commandLine: "osdsmpclient.exe /release",
            category: ActionCategory("UserState", 4, 4),
            defaultEnvironment: SupportedEnvironment.fullOS,
            properties: []
        ),
    ]
}
