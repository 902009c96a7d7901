import TaskSequenceModel

/// Packages, sequences, steps, condition operands and permission entries.
extension QuerySource {
    /// SMS_TaskSequencePackage: one row of `package` each.
    public static let taskSequencePackage = QuerySource(
        table: "package p",
        referenceColumns: ["p.packageID"],
        guardedBy: .taskSequencePackage(column: "p.packageID"),
        defaultOrder: ["p.packageID"],
        storage: { definition in
            packageColumns[definition.name].map { .column("p.\($0)") } ?? .absent
        }
    )

    /// Package properties the `package` table keeps, by WMI name. `references` holds the lazy
    /// References array, which queries do not compare.
    private static let packageColumns: [String: String] = [
        "PackageID": "packageID", "Name": "name", "Description": "description", "Version": "version",
        "Manufacturer": "manufacturer", "Language": "language", "Category": "category", "BootImageID": "bootImageID",
        "Duration": "duration", "ProgramFlags": "programFlags", "DependentProgram": "dependentProgram",
        "CustomProgressMsg": "customProgressMessage", "Type": "type", "TaskSequenceFlags": "taskSequenceFlags",
        "ReferencesCount": "referencesCount", "SourceVersion": "sourceVersion", "SourceDate": "sourceDate",
        "LastRefreshTime": "lastRefreshTime", "SourceSite": "sourceSite", "PackageType": "packageType", "IconSize": "iconSize",
    ].merging(
        // The scalar properties kept by name: one column each, named like the property (migration v4).
        ExtendedPackageProperties.definitions.filter(ExtendedPackageProperties.isScalar).map { ($0.name, $0.name) },
        uniquingKeysWith: { first, _ in first }
    )

    /// SMS_Package: one row of `smsPackage` each.
    public static let smsPackage = QuerySource(
        table: "smsPackage k",
        referenceColumns: ["k.packageID"],
        guardedBy: .smsPackage(column: "k.packageID"),
        defaultOrder: ["k.packageID"],
        storage: { definition in
            smsPackageColumns[definition.name].map { .column("k.\($0)") } ?? .absent
        }
    )

    private static let smsPackageColumns: [String: String] = [
        "PackageID": "packageID", "Name": "name", "Description": "description", "Version": "version",
        "Manufacturer": "manufacturer", "Language": "language", "PackageType": "packageType",
        "PkgSourcePath": "pkgSourcePath", "SourceVersion": "sourceVersion", "SourceDate": "sourceDate",
    ]

    /// SMS_TaskSequence: the sequence of each package.
    public static let taskSequence = QuerySource(
        table: "package p",
        keyColumns: ["PackageID": "p.packageID"],
        referenceColumns: ["p.packageID"],
        guardedBy: .taskSequencePackage(column: "p.packageID"),
        defaultOrder: ["p.packageID"],
        storage: { definition in
            if case .attribute(let name, _) = definition.storage { return .attribute(column: "p.sequenceAttributes", name: name) }
            return .unqueryable
        }
    )

    /// Every step and group of every sequence, its class in `className`; references: package, step ID.
    /// An action setting reads as ``ValueStorage/setting(property:variable:)`` under the
    /// property's name in the schema (the caller maps it to the name steps store it under).
    public static let steps = QuerySource(
        table: "step s",
        classColumn: "s.className",
        classLookup: ClassLookup(rowKey: "s.id", table: "step", key: "id", column: "className"),
        keyColumns: ["PackageID": "s.packageID", "StepID": "s.id"],
        referenceColumns: ["s.packageID", "s.id"],
        guardedBy: .taskSequencePackage(column: "s.packageID"),
        defaultOrder: ["s.packageID", "s.id"],
        storage: { definition in
            switch definition.storage {
            case .attribute(let name, _):
                // The step table copies the common attributes out for queries.
                stepColumns[name].map { .column("s.\($0)") } ?? .attribute(column: "s.attributes", name: name)
            case .variable(let variable) where definition.name == "CommandLine":
                // MDT keeps the command only in <action>; a step without the variable reads that.
                .settingOrColumn(property: definition.name, variable: variable, column: "s.actionText")
            case .variable(let variable): .setting(property: definition.name, variable: variable)
            case .children, .instance, .automatic:
                definition.name == "Condition" ? .presence(column: "s.hasCondition") : .unqueryable
            }
        },
        details: .stepSettings(idColumn: 1, document: "s.variables")
    )

    /// Step attributes with a column of their own; `disable` is kept inverted, as Enabled.
    private static let stepColumns: [String: String] = [
        "name": "name", "description": "description", "disable": "enabled", "continueOnError": "continueOnError",
        "runIn": "supportedEnvironment", "timeout": "timeout",
    ]

    /// SMS_TaskSequence_Condition: the condition of each step that has one; references: package, step ID.
    public static let condition = QuerySource(
        table: "step s",
        baseConditions: [QuerySQL(.isTrue("s.hasCondition"))],
        keyColumns: ["PackageID": "s.packageID", "StepID": "s.id"],
        referenceColumns: ["s.packageID", "s.id"],
        guardedBy: .taskSequencePackage(column: "s.packageID"),
        defaultOrder: ["s.packageID", "s.id"],
        storage: { _ in .unqueryable }
    )

    /// Every operand of every condition, expressions and operators, with the step they
    /// condition; references: package, step ID, operand ID.
    public static let operands = QuerySource(
        table: "conditionOperand o JOIN step s ON s.id = o.stepID",
        baseConditions: ["o.kind <> 'foreign'"],
        classColumn: "o.className",
        classLookup: ClassLookup(rowKey: "o.id", table: "conditionOperand", key: "id", column: "className"),
        keyColumns: ["PackageID": "s.packageID", "StepID": "o.stepID", "OperandID": "o.id"],
        referenceColumns: ["s.packageID", "o.stepID", "o.id"],
        guardedBy: .taskSequencePackage(column: "s.packageID"),
        defaultOrder: ["s.packageID", "o.stepID", "o.id"],
        storage: { definition in
            switch definition.storage {
            // Expressions write each property as <variable name="Property">.
            case .variable: .expressionProperty(definition.name)
            case .attribute(let name, _): .attribute(column: "o.attributes", name: name)
            case .children, .instance, .automatic: .unqueryable
            }
        },
        details: .expressionProperties(idColumn: 2, content: "o.content")
    )

    /// SMS_UserClassPermissions: one row of `classPermission` each; references: user, object key.
    public static let classPermissions = QuerySource(
        table: "classPermission c",
        referenceColumns: ["c.userName", "c.objectKey"],
        guardedBy: .permissionEntries(instances: false),
        defaultOrder: ["c.objectKey", "c.userName"],
        storage: { definition in
            ["UserName": "c.userName", "ObjectKey": "c.objectKey", "ClassPermissions": "c.rights"][definition.name].map(ValueStorage.column) ?? .absent
        }
    )

    /// SMS_UserInstancePermissions: one row of `instancePermission` each; references: user,
    /// object key, instance key.
    public static let instancePermissions = QuerySource(
        table: "instancePermission i",
        referenceColumns: ["i.userName", "i.objectKey", "i.instanceKey"],
        guardedBy: .permissionEntries(instances: true),
        defaultOrder: ["i.objectKey", "i.instanceKey", "i.userName"],
        storage: { definition in
            ["UserName": "i.userName", "ObjectKey": "i.objectKey", "InstanceKey": "i.instanceKey", "InstancePermissions": "i.rights"][definition.name]
                .map(ValueStorage.column) ?? .absent
        }
    )
}
