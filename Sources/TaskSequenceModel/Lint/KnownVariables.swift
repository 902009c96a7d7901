/// Variable names a condition may test without any step of the sequence setting them: the
/// engine's built-ins (reference §9), the variables the catalog's actions read and write, and
/// the properties MDT's Gather sets on every MDT deployment.
enum KnownVariables {
    /// The §9 built-ins and writable engine settings, lowercased.
    static let engine: Set<String> = Set([
        "_SMSTSInWinPE", "_SMSTSLastActionSucceeded", "_SMSTSLastActionRetCode", "_SMSTSLastActionName",
        "_SMSTSCurrentActionName", "_SMSTSMachineName", "_SMSTSLogPath", "_SMSTSPackageID", "_SMSTSPackageName",
        "_SMSTSAdvertID", "_SMSTSType", "_SMSTSBootImageID", "_SMSTSClientGUID", "_SMSTSSiteCode", "_SMSTSMP",
        "_SMSTSMPPort", "_SMSTSUseSSL", "_SMSTSUseCRL", "_SMSTSLaunchMode", "_SMSTSMediaType", "_SMSTSBootUEFI",
        "_SMSTSWTG", "_SMSTSRunFromDP", "_SMSTSDownloadOnDemand", "_SMSTSUserStarted", "_SMSTSOrgName",
        "_SMSTSTimezone", "_SMSTSClientCache", "_SMSTSMDataPath", "_SMSTSSetupRollback",
        "_SMSTSOSUpgradeActionReturnCode", "_SMSTSLastContentDownloadLocation", "_SMSTSMake", "_SMSTSModel",
        "_SMSTSSerialNumber", "_SMSTSUUID", "_SMSTSAssetTag", "_SMSTSMacAddresses", "_SMSTSIPAddresses",
        "_SMSTSDefaultGateways", "_OSDDetectedWinDir", "_OSDDetectedWinDrive", "_OSDMigrateUsmtPackageID",
        "_OSDMigrateUsmtRestorePackageID", "_SMSSWDProgramName", "_SMSClientPackageID", "_OSDMigrateUseHardlinks",
        "_SMSTSBootStagePath", "_SMSTSCurrentOSArchitecture", "_SMSTSSecureBoot", "_SMSTSDisableStatusRetry",
        "_SMSTSReturnToGINA", "_SMSTSPackageCacheLocation", "_SMSTSReserved1", "_SMSTSReserved2",
        "_SMSTSRetryCount", "_TSAppInstallStatus", "_SMSTSIsHardwareEncrypted", "_SMSTSDebug",
        "SMSTSDisableWow64Redirection", "SMSTSRunCommandLineUserName", "SMSTSRunCommandLineUserPassword",
        "SMSTSRunPowerShellUserName", "SMSTSRunPowerShellUserPassword", "SMSTSLocalDataDrive",
        "SMSTSPersistContent", "SMSTSPreserveContent", "SMSTSRebootDelay", "SMSTSRebootMessage",
        "SMSTSRebootRequested", "SMSTSRetryRequested", "SMSTSPostAction", "SMSTSPreferredAdvertID",
        "SMSTSErrorDialogTimeout", "SMSTSDownloadRetryCount", "SMSTSDownloadRetryDelay",
        "SMSTSMPListRequestTimeout", "SMSTSMPListRequestTimeoutEnabled", "SMSTSAssignmentsDownloadInterval",
        "SMSTSAssignmentsDownloadRetry", "SMSTSSoftwareUpdateScanTimeout", "SMSTSWaitForSecondReboot",
        "SMSTSUDAUsers", "OSDComputerName", "OSDDoNotLogCommand", "SMSTSLanguageFolder", "SMSTSRebootDelayNext",
    ].map { $0.lowercased() })

    /// What MDT's ZTIGather and its scripts set on every MDT deployment (the properties of
    /// ZTIGather.xml that MDT's own templates test), lowercased.
    static let mdtGather: Set<String> = Set([
        "Phase", "DeploymentType", "DeploymentMethod", "DeployRoot", "ResourceRoot", "IsUEFI", "IsVM",
        "IsDesktop", "IsLaptop", "IsServer", "IsServerCoreOS", "IsServerOS", "IsOnBattery", "Make", "Model",
        "Product", "Memory", "Architecture", "ImageBuild", "ImageFlags", "ImageProcessor", "OSVersion",
        "OSCurrentVersion", "OSCurrentBuild", "OSSKU", "DoCapture", "BdeInstall", "BdeInstallSuppress",
        "ApplyGPOPack", "USMTOfflineMigration", "SkipFinalSummary", "JoinDomain", "JoinWorkgroup",
        "TaskSequenceID", "BuildID", "OSDAnswerFilePath", "DestinationDisk", "DestinationPartition",
        "DestinationLogicalDrive", "UserDataLocation", "ComputerBackupLocation", "SLShare", "EventService",
        "WSUSServer", "SupportsHyperVRole", "SupportsX64", "IsHypervisorRunning", "VMPlatform",
        "TPMEnabled", "TPMActivated", "TPMOwned", "LanguagePacks", "Applications", "MandatoryApplications",
        "InstallFromPath", "FinishAction", "DoNotCreateExtraPartition", "WDSServer", "OSRoles", "OSFeatures",
        "OSRoleServices", "ServerRoles", "UserLocale", "KeyboardLocale", "UILanguage", "TimeZoneName",
        "HideShell", "SMSTSORGNAME", "BackupFile", "BackupDrive", "IsBDE", "BitlockerInstalled",
    ].map { $0.lowercased() })

    /// The variables the catalog's actions read and write, lowercased.
    static func catalogVariables(_ catalog: ActionCatalog) -> Set<String> {
        var names: Set<String> = []
        for definition in catalog.actionClasses {
            for property in catalog.properties(of: definition.name) {
                if let name = property.variableName ?? property.variableNameQualifier { names.insert(name.lowercased()) }
            }
        }
        return names
    }
}
