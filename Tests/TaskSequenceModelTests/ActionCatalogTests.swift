import Testing
@testable import TaskSequenceModel

@Suite struct ActionCatalogTests {
    let catalog = ActionCatalog.builtIn

    /// Every action class of reference §3.3, with a few key properties each.
    static let actionClasses: [(name: String, keyProperties: [String])] = [
        ("SMS_TaskSequence_ApplyDataImageAction", ["ImagePackageID", "ImageIndex", "WipeDestinationPartition"]),
        ("SMS_TaskSequence_ApplyDriverPackageAction", ["DriverPackageID", "UnsignedDriver", "BootCriticalID"]),
        ("SMS_TaskSequence_ApplyNetworkSettingsAction", ["NetworkJoinType", "DomainPassword", "Adapters", "NumAdapters"]),
        ("SMS_TaskSequence_ApplyOperatingSystemAction", ["ImagePackageID", "InstallPackageID", "ConfigFileName", "RunFromNet"]),
        ("SMS_TaskSequence_ApplyWindowsSettingsAction", ["AdminPassword", "ProductKey", "TimeZone", "RegisteredOrgName"]),
        ("SMS_TaskSequence_AutoApplyAction", ["BestMatch", "CategoryList", "UnsignedDriver"]),
        ("SMS_TaskSequence_CaptureNetworkSettingsAction", ["MigrateAdapterSettings", "MigrateNetworkMembership"]),
        ("SMS_TaskSequence_CaptureSystemImageAction", ["CaptureDestination", "CapturePassword", "ImageVersion"]),
        ("SMS_TaskSequence_CaptureUserStateAction", ["UsmtPackageID", "Mode", "ConfigFiles", "UseHardlinks"]),
        ("SMS_TaskSequence_CaptureWindowsSettingsAction", ["MigrateComputerName", "MigrateRegistrationInfo", "MigrateTimeZone"]),
        ("SMS_TaskSequence_ConnectNetworkFolderAction", ["Path", "DriveLetter", "Username", "Password"]),
        ("SMS_TaskSequence_ConvertDiskAction", ["DiskIndex"]),
        ("SMS_TaskSequence_DisableBitLockerAction", ["TargetDrive", "RebootCount"]),
        ("SMS_TaskSequence_DownloadPackageContentAction", ["DownloadPackages", "DestinationLocationType", "PackageInfo"]),
        ("SMS_TaskSequence_EnableBitLockerAction", ["TargetDrive", "Mode", "CreateRecoveryPassword", "PIN"]),
        ("SMS_TaskSequence_InstallApplicationAction", ["ApplicationName", "AppInfo", "NumApps", "RetryCount"]),
        ("SMS_TaskSequence_InstallDeployToolsAction", ["SysprepPackageID"]),
        ("SMS_TaskSequence_InstallSoftwareAction", ["PackageID", "ProgramName", "BaseVariableName", "ContinueOnInstallError"]),
        ("SMS_TaskSequence_InstallUpdateAction", ["Target", "UseCache", "RetryCount"]),
        ("SMS_TaskSequence_JoinDomainWorkgroupAction", ["Type", "DomainName", "DomainPassword", "WorkgroupName"]),
        ("SMS_TaskSequence_OfflineEnableBitLockerAction", ["DestinationDisk", "DestinationVariable"]),
        ("SMS_TaskSequence_PartitionDiskAction", ["DiskIndex", "PartitionStyle", "Partitions"]),
        ("SMS_TaskSequence_PrepareOSAction", ["BuildStorageDriverList", "KeepActivation"]),
        ("SMS_TaskSequence_PrepareSMSClientAction", []),
        ("SMS_TaskSequence_PrestartCheckAction", ["CheckFreeDiskSpace", "FreeDiskSpace", "Memory", "OSType"]),
        ("SMS_TaskSequence_RebootAction", ["Target", "Message", "MessageTimeout"]),
        ("SMS_TaskSequence_ReleaseStateStoreAction", []),
        ("SMS_TaskSequence_RequestStateStoreAction", ["RequestType", "FallbackToNAA", "SMPRetryCount"]),
        ("SMS_TaskSequence_RestoreUserStateAction", ["UsmtRestorePackageID", "LocalAccountPassword"]),
        ("SMS_TaskSequence_RunCommandLineAction", ["CommandLine", "PackageID", "SuccessCodes", "UserPassword", "OutputVariableName"]),
        ("SMS_TaskSequence_RunPowerShellScriptAction", ["ExecutionPolicy", "PackageID", "ScriptName", "SourceScript", "Parameters"]),
        ("SMS_TaskSequence_SetDynamicVariablesAction", ["Rules"]),
        ("SMS_TaskSequence_SetVariableAction", ["VariableName", "VariableValue"]),
        ("SMS_TaskSequence_SetupWindowsAndSMSAction", ["ClientPackageID", "ClientInstallProperties"]),
        ("SMS_TaskSequence_SubTasksequence", ["TsPackageID"]),
        ("SMS_TaskSequence_UpgradeOperatingSystemAction", ["InstallPackageID", "InstallPath", "OsProductKey", "PreserveSettings"]),
    ]

    @Test(arguments: actionClasses.map(\.name))
    func everyActionClassIsAConcreteActionWithItsFacts(name: String) throws {
        let definition = try #require(catalog[name])
        #expect(definition.kind == .action)
        #expect(!definition.isAbstract)
        #expect(definition.superclass == StepClass.action)
        #expect(catalog.isClass(name, derivedFrom: StepClass.step))
        #expect(definition.displayName?.isEmpty == false)
        #expect(definition.commandLine?.isEmpty == false)
        #expect(definition.defaultEnvironment.map(SupportedEnvironment.allValues.contains) == true)
    }

    @Test func everyActionClassHasItsKeyProperties() {
        for (name, properties) in Self.actionClasses {
            for property in properties {
                #expect(catalog.property(property, of: name) != nil, "\(name).\(property)")
            }
        }
        #expect(catalog.actionClasses.count == Self.actionClasses.count)
    }

    @Test func abstractStepClassesCarryTheCommonProperties() throws {
        for name in [StepClass.step, StepClass.action] {
            #expect(try #require(catalog[name]).isAbstract)
        }
        #expect(catalog[StepClass.group]?.kind == .group)
        #expect(catalog[StepClass.pointer]?.kind == .pointer)
        let properties = catalog.properties(of: "SMS_TaskSequence_RunCommandLineAction").map(\.name)
        #expect(Array(properties.prefix(7)) == ["Name", "Description", "Enabled", "ContinueOnError", "Condition", "SupportedEnvironment", "Timeout"])
        let name = try #require(catalog.property("Name", of: "SMS_TaskSequence_RebootAction"))
        #expect(name.allowedLength == 1...100)
        #expect(name.storage == .attribute("name"))
        #expect(catalog.property("Description", of: StepClass.group)?.allowedLength == 0...255)
        #expect(catalog.property("Enabled", of: StepClass.group)?.storage == .attribute("disable", inverted: true))
    }

    @Test func lookupsIgnoreCase() {
        #expect(catalog["sms_tasksequence_runcommandlineaction"]?.name == "SMS_TaskSequence_RunCommandLineAction")
        #expect(catalog.property("userpassword", of: "SMS_TASKSEQUENCE_RUNCOMMANDLINEACTION")?.name == "UserPassword")
        #expect(catalog["SMS_TaskSequence_NoSuchAction"] == nil)
        #expect(catalog.properties(of: "SMS_TaskSequence_NoSuchAction").isEmpty)
    }

    @Test func secretsAndVariableNamesMatchTheReference() throws {
        let password = try #require(catalog.property("UserPassword", of: "SMS_TaskSequence_RunCommandLineAction"))
        #expect(password.secrecy == .secret)
        #expect(password.variableName == "SMSTSRunCommandLineUserPassword")
        #expect(password.qualifiers.map(\.description).contains("Secret"))

        let productKey = try #require(catalog.property("ProductKey", of: "SMS_TaskSequence_ApplyWindowsSettingsAction"))
        #expect(productKey.secrecy == .quasiSecret)
        #expect(productKey.isSecret)
        #expect(productKey.variableName == "OSDProductKey")  // VariablePrefix("OSD")

        let secrets: [(String, String, String)] = [
            ("SMS_TaskSequence_ApplyWindowsSettingsAction", "AdminPassword", "OSDLocalAdminPassword"),
            ("SMS_TaskSequence_ApplyNetworkSettingsAction", "DomainPassword", "OSDJoinPassword"),
            ("SMS_TaskSequence_JoinDomainWorkgroupAction", "DomainPassword", "OSDJoinPassword"),
            ("SMS_TaskSequence_CaptureSystemImageAction", "CapturePassword", "OSDCaptureAccountPassword"),
            ("SMS_TaskSequence_ConnectNetworkFolderAction", "Password", "SMSConnectNetworkFolderPassword"),
            ("SMS_TaskSequence_EnableBitLockerAction", "PIN", "OSDBitLockerPIN"),
            ("SMS_TaskSequence_RestoreUserStateAction", "LocalAccountPassword", "OSDMigrateLocalAccountPassword"),
            ("SMS_TaskSequence_RunPowerShellScriptAction", "UserPassword", "SMSTSRunPowerShellUserPassword"),
        ]
        for (className, property, variable) in secrets {
            #expect(catalog.isSecret(property: property, inClass: className), "\(className).\(property)")
            #expect(catalog.property(property, of: className)?.variableName == variable)
        }
        #expect(catalog.secrecy(ofProperty: "OsProductKey", inClass: "SMS_TaskSequence_UpgradeOperatingSystemAction") == .quasiSecret)
        #expect(!catalog.isSecret(property: "UserName", inClass: "SMS_TaskSequence_RunCommandLineAction"))
        #expect(catalog.secretVariableNames.contains("osdjoinpassword"))
    }

    @Test func variableNamesComeFromQualifierOrPrefix() {
        let expected: [(String, String, String)] = [
            ("SMS_TaskSequence_InstallSoftwareAction", "ProgramName", "_SMSSWDProgramName"),
            ("SMS_TaskSequence_RebootAction", "MessageTimeout", "SMSRebootTimeout"),
            ("SMS_TaskSequence_RebootAction", "Target", "SMSRebootTarget"),
            ("SMS_TaskSequence_PartitionDiskAction", "DiskIndex", "OSDDiskIndex"),
            ("SMS_TaskSequence_PartitionDiskAction", "Partitions", "OSDPartitions"),
            ("SMS_TaskSequence_RunCommandLineAction", "DisableWow64Redirection", "SMSTSDisableWow64Redirection"),
            ("SMS_TaskSequence_RunCommandLineAction", "RunAsUser", "_SMSTSRunCommandLineAsUser"),
            ("SMS_TaskSequence_RunCommandLineAction", "CommandLine", "CommandLine"),
            ("SMS_TaskSequence_JoinDomainWorkgroupAction", "DomainName", "OSDJoinDomainName"),
            ("SMS_TaskSequence_DownloadPackageContentAction", "DownloadPackages", "OSDDownloadDownloadPackages"),
            ("SMS_TaskSequence_ApplyDataImageAction", "ImageIndex", "OSDDataImageIndex"),
            ("SMS_TaskSequence_SubTasksequence", "TsPackageID", "OSDSubTasksequencePackageID"),
        ]
        for (className, property, variable) in expected {
            #expect(catalog.property(property, of: className)?.variableName == variable, "\(className).\(property)")
        }
    }

    @Test func limitsAndReferenceMarkers() throws {
        let commandLine = try #require(catalog.property("CommandLine", of: "SMS_TaskSequence_RunCommandLineAction"))
        #expect(commandLine.requirement == .notNull)
        #expect(commandLine.allowedLength == 1...32000)
        #expect(commandLine.commandLineArgument == 2)
        #expect(commandLine.qualifiers.map(\.description) == ["Not_Null", "CommandLineArg(2)", "AllowedLen(\"1-32000\")"])
        #expect(catalog.property("SuccessCodes", of: "SMS_TaskSequence_RunCommandLineAction")?.defaultValue == "0 3010")
        #expect(catalog.property("VariableValue", of: "SMS_TaskSequence_SetVariableAction")?.allowedLength == 0...4001)
        #expect(catalog.property("ImageIndex", of: "SMS_TaskSequence_ApplyOperatingSystemAction")?.valueRange == 1...2_147_483_647)
        #expect(catalog.property("ImagePackageID", of: "SMS_TaskSequence_ApplyOperatingSystemAction")?.requiredIfNull == "InstallPackageID")
        #expect(catalog.property("ProgramName", of: "SMS_TaskSequence_InstallSoftwareAction")?.reference == .program(packageProperty: "PackageID"))
        #expect(catalog.property("DownloadPackages", of: "SMS_TaskSequence_DownloadPackageContentAction")?.reference == .packageList)
        #expect(catalog.property("ExecutionPolicy", of: "SMS_TaskSequence_RunPowerShellScriptAction")?.valueMap?.contains("Bypass") == true)
        #expect(catalog.property("SMPRetryCount", of: "SMS_TaskSequence_RequestStateStoreAction")?.isGlobal == true)
        #expect(catalog.property("Partitions", of: "SMS_TaskSequence_PartitionDiskAction")?.type.description
            == "object:SMS_TaskSequence_PartitionSettings[]")
    }

    @Test func classQualifiers() throws {
        let reboot = try #require(catalog["SMS_TaskSequence_RebootAction"])
        #expect(reboot.commandLine == "smsboot.exe /target:%1")
        #expect(reboot.actionCategory?.description == "General,6,1")
        #expect(reboot.variablePrefix == "SMSReboot")
        #expect(reboot.qualifiers.map(\.name) == ["CommandLine", "ActionCategory", "VariablePrefix"])
        #expect(catalog["SMS_TaskSequence_PartitionDiskAction"]?.defaultEnvironment == SupportedEnvironment.winPE)
        #expect(catalog["SMS_TaskSequence_InstallSoftwareAction"]?.defaultEnvironment == SupportedEnvironment.fullOS)
        #expect(catalog["SMS_TaskSequence_RunCommandLineAction"]?.defaultEnvironment == SupportedEnvironment.winPEAndFullOS)
        #expect(catalog["SMS_TaskSequence_ApplyOperatingSystemAction"]?.deploysOperatingSystem == true)
        #expect(catalog["SMS_TaskSequence_RunCommandLineAction"]?.deploysOperatingSystem == false)
    }

    @Test func conditionClassesCarryTheirOperatorVocabularies() throws {
        for name in ConditionClass.expressionClasses {
            let definition = try #require(catalog[name])
            #expect(definition.kind == .conditionExpression)
            #expect(catalog.isClass(name, derivedFrom: ConditionClass.operand))
        }
        let registry = try #require(catalog.property("Operator", of: ConditionClass.registry)?.valueMap)
        #expect(registry.contains("nonExists"))
        #expect(!registry.contains("notExists"))
        #expect(catalog.property("Operator", of: ConditionClass.variable)?.valueMap?.contains("notLike") == true)
        #expect(catalog.property("OperatorType", of: ConditionClass.osConditionGroup)?.valueMap == ["or"])
        #expect(catalog.property("OperatorType", of: ConditionClass.osExpressionGroup)?.valueMap == ["and"])
        #expect(catalog.property("Query", of: ConditionClass.wmi)?.allowedLength == 1...16384)
        #expect(catalog.property("Variable", of: ConditionClass.variable)?.variableName == "Variable")
    }

    @Test func polymorphicClassLists() {
        let actions = catalog.classes(derivedFrom: StepClass.action)
        #expect(actions.first?.name == StepClass.action)
        #expect(!catalog.classes(derivedFrom: StepClass.action, includingAbstract: false).contains { $0.isAbstract })
        #expect(catalog.classes(derivedFrom: StepClass.step).contains { $0.name == StepClass.group })
        #expect(!catalog.isClass(StepClass.group, derivedFrom: StepClass.action))
    }

    @Test func resolvesFlattenedArraysAndMDTSpellings() throws {
        let partitionDisk = "SMS_TaskSequence_PartitionDiskAction"
        let byProperty = try #require(catalog.resolve(Variable(name: "OSDPartitions0Type", property: "Partitions0Type", value: "EFI"), inClass: partitionDisk))
        #expect(byProperty.property.name == "Partitions")
        #expect(byProperty.element == 0)
        #expect(byProperty.member?.name == "Type")
        let byName = try #require(catalog.resolve(Variable(name: "OSDPartitions12QuickFormat", property: "Unknown", value: "true"), inClass: partitionDisk))
        #expect(byName.element == 12)
        #expect(byName.effectiveProperty.name == "QuickFormat")
        let count = try #require(catalog.resolve(property: "Partitions", inClass: partitionDisk))
        #expect(count.isElementCount)
        #expect(catalog.resolve(property: "Partitions0Nonsense", inClass: partitionDisk) == nil)

        // MDT writes the variable name as the property.
        let mdtPassword = Variable(name: "SMSTSRunCommandLineUserPassword", property: "SMSTSRunCommandLineUserPassword", value: "x")
        #expect(catalog.secrecy(of: mdtPassword, inClass: "SMS_TaskSequence_RunCommandLineAction") == .secret)
    }

    @Test func customActionsCanBeAdded() {
        let custom = ClassDefinition.action(
            "Contoso_CustomAction", displayName: "Custom", commandLine: "custom.exe %1", category: nil,
            properties: [.string("Secret").secret()]
        )
        let extended = catalog.adding(custom)
        #expect(extended.isSecret(property: "secret", inClass: "contoso_customaction"))
        #expect(extended.actionClasses.count == catalog.actionClasses.count + 1)
        #expect(extended.property("Name", of: "Contoso_CustomAction")?.allowedLength == 1...100)
    }

    /// A class defined again (any case of its name) replaces the earlier one in its place, and a
    /// subclass that restates an inherited property replaces it where the base class had it.
    @Test func aLaterDefinitionOfANameReplacesTheEarlierInItsPlace() {
        let first = ClassDefinition.action("Contoso_CustomAction", displayName: "First", commandLine: "first.exe", category: nil, properties: [])
        let second = ClassDefinition.action("CONTOSO_CUSTOMACTION", displayName: "Second", commandLine: "second.exe", category: nil,
                                            properties: [.string("Secret").secret()])
        let extended = catalog.adding(first).adding(second)
        #expect(extended.actionClasses.count == catalog.actionClasses.count + 1)
        #expect(extended["contoso_customaction"]?.name == "CONTOSO_CUSTOMACTION")
        #expect(extended.isSecret(property: "secret", inClass: "Contoso_CustomAction"))
        let (names, positions) = lastOfEachName(["a", "B", "A", "c"], name: { $0 })
        #expect(names == ["A", "B", "c"] && positions == ["a": 0, "b": 1, "c": 2])
    }

    @Test func packageAndSequenceClassesCarryTheirSchemaQualifiers() throws {
        let package = PackageClass.taskSequencePackage
        #expect(catalog[package]?.kind == .package)
        #expect(catalog.isClass(package, derivedFrom: PackageClass.packageBase))
        #expect(catalog.property("PackageID", of: package)?.qualifiers.map(\.description) == ["key", "read"])
        #expect(catalog.property("Sequence", of: package)?.qualifiers.map(\.description) == ["read", "lazy", "large"])
        #expect(catalog.property("References", of: package)?.type.description == "object:SMS_TaskSequence_Reference[]")
        #expect(catalog.property("ProgramFlags", of: package)?.defaultValue == "152084496")
        #expect(catalog.property("ProgramFlags", of: package)?.isBitField == true)
        #expect(catalog.property("PackageType", of: package)?.defaultValue == "4")
        #expect(catalog.property("ForcedDisconnectDelay", of: package)?.defaultValue == "5")
        #expect(catalog.property("Name", of: package)?.storage == .instance)
        let packageProperties = catalog.properties(of: package).map(\.name)
        #expect(packageProperties.filter { $0 == "PackageType" }.count == 1)
        #expect(packageProperties.contains("TaskSequenceFlags"))
        #expect(catalog.property("SchemaVersion", of: PackageClass.taskSequence)?.storage == .attribute("version"))
        #expect(catalog.secretVariableNames.isSuperset(of: ["smstsruncommandlineuserpassword", "osdproductkey"]))
    }
}
