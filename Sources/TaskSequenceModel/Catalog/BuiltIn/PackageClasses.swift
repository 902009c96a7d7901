extension ActionCatalog {
    /// SMS_PackageBaseclass, SMS_TaskSequencePackage (reference §2.2–2.3) and SMS_TaskSequence
    /// (§3.1), for the daemon's class schema.
    static let packageClasses: [ClassDefinition] = [
        ClassDefinition(
            name: PackageClass.packageBase,
            superclass: nil,
            kind: .package,
            isAbstract: true,
            properties: [
                .uint32("ActionInProgress").readOnly().documentedValues(["0", "1", "2", "3"]),
                .string("AlternateContentProviders").large().lazy(),
                .string("Description"),
                .bytes("ExtendedData").large().lazy(),
                .uint32("ExtendedDataSize").lazy().defaultValue("0"),
                .uint32("ForcedDisconnectDelay").defaultValue("5"),
                .boolean("ForcedDisconnectEnabled").defaultValue("false"),
                .uint32("ForcedDisconnectNumRetries").defaultValue("2"),
                .bytes("Icon").large(),
                .uint32("IconSize").lazy(),
                .boolean("IgnoreAddressSchedule").defaultValue("false"),
                .bytes("ISVData").large().lazy(),
                .uint32("ISVDataSize").lazy(),
                .string("ISVString"),
                // Properties current-branch exports carry (every object.xml of the corpus) that the
                // SDK page does not list: driver package fields the base class propagates, read-only.
                .string("BaseBoardProductID").readOnly().source(.corpus, "in every current-branch object.xml, not on the SDK page"),
                .string("DriverManufacturer").readOnly().source(.corpus, "in every current-branch object.xml, not on the SDK page"),
                .string("DriverModel").readOnly().source(.corpus, "in every current-branch object.xml, not on the SDK page"),
                .string("DriverOSVersion").readOnly().source(.corpus, "in every current-branch object.xml, not on the SDK page"),
                .string("DriverPkgVersion").readOnly().source(.corpus, "in every current-branch object.xml, not on the SDK page"),
                .boolean("IsVersionCompatible").readOnly().source(.corpus, "in every current-branch object.xml, not on the SDK page"),
                // The console folder path of the object.
                .string("ObjectPath").source(.corpus, "in every current-branch object.xml, not on the SDK page"),
                .string("PreDownloadRule").source(.corpus, "in every current-branch object.xml, not on the SDK page"),
                .string("Language"),
                .datetime("LastRefreshTime").readOnly(),
                .stringArray("LocalizedCategoryInstanceNames").readOnly(),
                .string("Manufacturer"),
                .string("MIFFilename"),
                .string("MIFName"),
                .string("MIFPublisher"),
                .string("MIFVersion"),
                .string("Name").defaultValue(""),
                .uint32("NumOfPrograms"),
                .string("PackageID").key().readOnly(),
                .uint32("PackageSize").readOnly(),
                .uint32("PackageType").documentedValues(["0", "3", "4", "5", "6", "7", "8", "257", "258", "259"]),
                .uint32("PkgFlags").bits(),
                .uint32("PkgSourceFlag").defaultValue("1").documentedValues(["0", "1", "2", "3", "4"]),
                .string("PkgSourcePath"),
                .string("PreferredAddressType"),
                .uint32("Priority"),
                .boolean("RefreshPkgSourceFlag").lazy(),
                .objects("RefreshSchedule", of: "SMS_ScheduleToken").lazy(),
                .stringArray("SecuredScopeNames").readOnly(),
                .string("SedoObjectVersion").readOnly(),
                .string("ShareName"),
                .uint32("ShareType").defaultValue("1").documentedValues(["1", "2"]),
                .datetime("SourceDate").readOnly(),
                .string("SourceSite").readOnly(),
                .uint32("SourceVersion").readOnly(),
                .string("StoredPkgPath"),
                .uint32("StoredPkgVersion").defaultValue("0"),
                .string("Version"),
            ]
        ),
        ClassDefinition(
            name: PackageClass.taskSequencePackage,
            superclass: PackageClass.packageBase,
            kind: .package,
            properties: [
                .string("BootImageID").lazy(),
                .string("Category").lazy().defaultValue(""),
                .string("CustomProgressMsg").lazy(),
                // `<PackageID>;;<ProgramName>`.
                .string("DependentProgram").lazy(),
                // Minutes.
                .uint32("Duration").defaultValue("0"),
                .uint32("PackageType").defaultValue("4").valueMap(["4"]),
                .uint32("ProgramFlags").bits().defaultValue(String(PackageProperties.defaultProgramFlags)),
                .objects("References", of: "SMS_TaskSequence_Reference").lazy().readOnly(),
                .uint32("ReferencesCount").readOnly(),
                .string("Reserved").lazy(),
                .string("Sequence").lazy().readOnly().large(),
                .objects("SupportedOperatingSystems", of: "SMS_OS_Details").lazy(),
                .uint32("TaskSequenceFlags").lazy().bits(),
                .uint32("Type").lazy().readOnly().documentedValues(["1", "2"]),
                // Current-branch properties every corpus object.xml carries, not on the SDK page.
                .string("CustomHighImpactHeadline").source(.corpus, "in every current-branch object.xml, not on the SDK page"),
                .uint32("CustomHighImpactSet").source(.corpus, "in every current-branch object.xml, not on the SDK page"),
                .string("CustomHighImpactWarning").source(.corpus, "in every current-branch object.xml, not on the SDK page"),
                .string("CustomHighImpactWarningInstall").source(.corpus, "in every current-branch object.xml, not on the SDK page"),
                .string("CustomHighImpactWarningTop").source(.corpus, "in every current-branch object.xml, not on the SDK page"),
                .uint32("EstimatedDownloadSizeMB").source(.corpus, "in every current-branch object.xml, not on the SDK page"),
                .uint32("EstimatedRunTimeMinutes").source(.corpus, "in every current-branch object.xml, not on the SDK page"),
                .uint32("HighImpactTaskSequence").source(.corpus, "in every current-branch object.xml, not on the SDK page"),
                .string("LocalizedTaskSequenceDescription").source(.corpus, "in every current-branch object.xml, not on the SDK page"),
                .string("LocalizedTaskSequenceName").source(.corpus, "in every current-branch object.xml, not on the SDK page"),
                .uint32("RestartRequired").source(.corpus, "in every current-branch object.xml, not on the SDK page"),
                // The content size the site computed; read-only like PackageSize.
                .uint32("SourceSize").readOnly().source(.corpus, "in every current-branch object.xml, not on the SDK page"),
                // Whether the sequence may run (Enable-/Disable-CMTaskSequence); kept in step with
                // ProgramFlags bit 0x1000 DISABLED by Enable, Disable and writes of TsEnabled.
                .boolean("TsEnabled").defaultValue("true").source(.corpus, "in every current-branch object.xml, not on the SDK page"),
            ]
        ),
        ClassDefinition(
            name: PackageClass.taskSequence,
            superclass: nil,
            kind: .sequence,
            properties: [
                .string("SchemaVersion").defaultValue("3.00").stored(as: .attribute("version")),
                .objects("Steps", of: StepClass.step).stored(as: .children),
            ]
        ),
    ]
}

/// Names of the package and sequence classes.
public enum PackageClass {
    public static let packageBase = "SMS_PackageBaseclass"
    public static let taskSequencePackage = "SMS_TaskSequencePackage"
    public static let taskSequence = "SMS_TaskSequence"
}
