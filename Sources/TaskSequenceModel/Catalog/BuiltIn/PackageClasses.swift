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
