extension ActionCatalog {
    /// Format and Partition Disk, Convert Disk to Dynamic and the BitLocker actions.
    static let diskActions: [ClassDefinition] = [
        .action(
            "SMS_TaskSequence_PartitionDiskAction",
            displayName: "Format and Partition Disk",
            commandLine: "osddiskpart.exe",
            category: ActionCategory("Disks", 1, 3),
            variablePrefix: "OSD",
            defaultEnvironment: SupportedEnvironment.winPE,
            properties: [
                .uint32("DiskIndex").notNull(),
                .string("DiskIndexVariable").holdingVariableName(),
                .string("PartitionStyle").notNull().documentedValues(["GPT", "MBR"]),
                .objects("Partitions", of: "SMS_TaskSequence_PartitionSettings").notNull(),
                .boolean("GPTBootDisk").defaultValue("false"),
                .boolean("DiskpartBiosCompatibilityMode").defaultValue("false"),
                // Deprecated (DYNAMIC / BASIC).
                .string("DiskType"),
            ]
        ),
        .action(
            "SMS_TaskSequence_ConvertDiskAction",
            displayName: "Convert Disk to Dynamic",
            commandLine: "osddiskpart.exe convert %%OSDConvertDiskIndex%%",
            category: ActionCategory("Disks", 2, 3),
            properties: [
                .uint32("DiskIndex").notNull().variable("OSDConvertDiskIndex"),
            ]
        ),
        .action(
            "SMS_TaskSequence_EnableBitLockerAction",
            displayName: "Enable BitLocker",
            // The SDK template ends at /pwd; current exports append /full, /crypt and /ignoretpm.
            commandLine: "OSDBitLocker.exe /enable <?1: /drive:%1><?2: /wait:%2><?3: /mode:%3><?4: /keydrive:%4><?5: /pwd:%5>"
                + "<?6: /full:%6><?7: /crypt:%7><?8: /ignoretpm:%8>",
            category: ActionCategory("Disks", 4, 3),
            variablePrefix: "OSDBitLocker",
            defaultEnvironment: SupportedEnvironment.fullOS,
            properties: [
                .string("TargetDrive").commandLineArgument(1),
                .boolean("WaitForEncryption").notNull().defaultValue("false").commandLineArgument(2).hiddenInXML(),
                .string("Mode").commandLineArgument(3).requiredIfNull("TargetDrive")
                    .documentedValues(["TPM", "Key", "TPMAndKey", "TPMAndPIN"]).hiddenInXML(),
                .string("StartupKeyDrive").commandLineArgument(4),
                .string("CreateRecoveryPassword").notNull().defaultValue("AD").commandLineArgument(5)
                    .documentedValues(["None", "AD"]).hiddenInXML(),
                .string("PIN").variable("OSDBitLockerPIN").secret().allowedLength(0...255),
                .boolean("EncryptFullDisk").defaultValue("false").commandLineArgument(6).hiddenInXML()
                    .source(.corpus, "\"Use full disk encryption\"; in real exports, not on the SDK page"),
                .uint32("EncryptMethod").defaultValue("0").commandLineArgument(7).hiddenInXML(),
                .boolean("SkipWhenNoValidTPM").defaultValue("false").commandLineArgument(8).hiddenInXML(),
            ]
        ),
        .action(
            "SMS_TaskSequence_DisableBitLockerAction",
            displayName: "Disable BitLocker",
            commandLine: "OSDBitLocker.exe /disable <?1: /drive:%1>",
            category: ActionCategory("Disks", 5, 3),
            variablePrefix: "OSDBitLocker",
            defaultEnvironment: SupportedEnvironment.fullOS,
            properties: [
                .string("TargetDrive").commandLineArgument(1),
                .uint32("RebootCount").defaultValue("1"),
            ]
        ),
        .action(
            "SMS_TaskSequence_OfflineEnableBitLockerAction",
            displayName: "Pre-provision BitLocker",
            commandLine: "OSDOfflineBitlocker.exe /enable <?1: /target:%1,%2><?3: /target:%3><?4: /target:%%%4%%> /ignoretpm:%5 /full:%6",
            category: ActionCategory("Disks", 6, 3),
            variablePrefix: "OSDBitLocker",
            defaultEnvironment: SupportedEnvironment.winPE,
            note: "No CommandLine on the SDK page; the template is inferred from real exports "
                + "(`OSDOfflineBitlocker.exe /enable  /ignoretpm:True /full:False`) and Apply Data Image's targets",
            properties: [
                .uint32("DestinationDisk").valueRange(0...99).commandLineArgument(1),
                .uint32("DestinationPartition").valueRange(1...99).commandLineArgument(2),
                .string("DestinationLogicalDrive").commandLineArgument(3),
                .string("DestinationVariable").commandLineArgument(4).holdingVariableName(),
                .boolean("SkipWhenTPMInvalid").defaultValue("true").commandLineArgument(5).hiddenInXML(),
                .boolean("EncryptFullDisk").defaultValue("false").commandLineArgument(6).hiddenInXML()
                    .source(.corpus, "in real exports, not on the SDK page"),
            ]
        ),
    ]
}
