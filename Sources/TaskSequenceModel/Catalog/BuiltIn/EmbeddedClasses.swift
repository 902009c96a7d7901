extension ActionCatalog {
    /// Helper classes that only live inside an action or the package (reference §3.4, §5).
    static let embeddedClasses: [ClassDefinition] = [
        ClassDefinition(
            name: "SMS_TaskSequence_PartitionSettings",
            superclass: nil,
            kind: .embedded,
            properties: [
                // "Recovery" is not on the SDK page; newer consoles and MDT write it.
                .string("Type").notNull().documentedValues(["Primary", "Extended", "Logical", "Hidden", "EFI", "MSR", "Recovery"]),
                .string("FileSystem").documentedValues(["FAT32", "NTFS"]),
                .uint32("Size"),
                .string("SizeUnits").documentedValues(["MB", "GB", "Percent"]),
                .boolean("Bootable").notNull().defaultValue("false"),
                .boolean("QuickFormat").notNull().defaultValue("true"),
                .string("VolumeName"),
                .string("VolumeLetterVariable").holdingVariableName(),
                .boolean("AssignVolumeLetter").defaultValue("true"),
            ]
        ),
        ClassDefinition(
            name: "SMS_TaskSequence_NetworkAdapterSettings",
            superclass: nil,
            kind: .embedded,
            properties: [
                .stringArray("DNSServerList"),
                .boolean("EnableDHCP").notNull(),
                .boolean("EnableDNSRegistration").notNull(),
                .boolean("EnableFullDNSRegistration").notNull(),
                .boolean("EnableIPProtocolFiltering").notNull(),
                .boolean("EnableLMHOSTS").notNull(),
                .boolean("EnableTCPFiltering").notNull(),
                .boolean("EnableUDPFiltering").notNull(),
                .boolean("EnableWINS").notNull(),
                .uint32("GatewayCostMetric"),
                .stringArray("Gateways"),
                .uint32("Index"),
                .stringArray("IPAddressList"),
                .stringArray("IPProtocolFilterList"),
                .string("MACAddress").notNull(),
                .string("Name").allowedLength(0...255),
                .stringArray("SubnetMask"),
                .sint32Array("TCPFilterPortList"),
                .uint32("TcpipNetbiosOptions").documentedValues(["0", "1", "2"]),
                .sint32Array("UDPFilterPortList"),
                .stringArray("WINSServerList"),
            ]
        ),
        ClassDefinition(
            name: "SMS_TaskSequence_PackageInfo",
            superclass: nil,
            kind: .embedded,
            properties: [
                .string("Name"),
                .string("PackageId"),
                .uint32("PkgType"),
                // Kilobytes.
                .uint32("Size"),
            ]
        ),
        ClassDefinition(
            name: "SMS_TaskSequence_ApplicationInfo",
            superclass: nil,
            kind: .embedded,
            properties: [
                .string("Description"),
                .string("DisplayName"),
                .string("Name"),
            ]
        ),
        ClassDefinition(
            name: "SMS_TaskSequence_Reference",
            superclass: nil,
            kind: .embedded,
            properties: [
                .string("Package"),
                .string("Program"),
                // 0 package, 1 application (Package then holds the application model name).
                .uint32("Type").documentedValues(["0", "1"]),
            ]
        ),
        ClassDefinition(
            name: "SMS_TaskSequence_Rule",
            superclass: nil,
            kind: .embedded,
            provenance: .corpus,
            note: "No SDK page; Set Dynamic Variables writes its rules as XML text in its Rules property"
        ),
    ]
}
