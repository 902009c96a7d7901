import ProviderStore
import TaskSequenceModel

/// The query families of the served classes. A class is queryable once its family is listed
/// in ``all``.
enum QueryFamilies {
    static let all: [QueryFamily] = [
        taskSequencePackage, smsPackage, taskSequence, steps, condition, operands, classPermissions, instancePermissions, packageReference, packageReferenceFlat,
        referencesInfo, computer, collection, fullCollectionMembership, collectToSubCollect, stateMigration, advertisement, collectionSettings, machineSettings,
    ]

    /// The family whose rows `className` (canonical) covers.
    static func family(serving className: String) -> QueryFamily? {
        all.first { $0.serves(className) }
    }

    // MARK: Packages

    /// SMS_TaskSequencePackage: one row of `package` each.
    static let taskSequencePackage = QueryFamily(
        classes: [ClassName.taskSequencePackage],
        table: "package p",
        referenceColumns: ["p.packageID"],
        makeReference: { values in String.fromSQL(values[0]).map(ObjectReference.package) },
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
    static let smsPackage = QueryFamily(
        classes: [ClassName.smsPackage],
        table: "smsPackage k",
        referenceColumns: ["k.packageID"],
        makeReference: { values in String.fromSQL(values[0]).map(ObjectReference.smsPackage) },
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
    static let taskSequence = QueryFamily(
        classes: [ClassName.taskSequence],
        table: "package p",
        keyColumns: ["PackageID": "p.packageID"],
        referenceColumns: ["p.packageID"],
        makeReference: { values in String.fromSQL(values[0]).map { .sequence(packageID: $0) } },
        guardedBy: .taskSequencePackage(column: "p.packageID"),
        defaultOrder: ["p.packageID"],
        storage: { definition in
            if case .attribute(let name, _) = definition.storage { return .attribute(column: "p.sequenceAttributes", name: name) }
            return .unqueryable
        }
    )

    // MARK: Steps

    /// Every step and group of every sequence, its class in `className`.
    static let steps = QueryFamily(
        classes: ProviderCatalog.catalog.classes(derivedFrom: ClassName.step).map(\.name),
        // Custom actions (MDT's, vendors') are actions the catalog does not describe.
        fallbackClass: ClassName.action,
        table: "step s",
        classColumn: "s.className",
        keyColumns: ["PackageID": "s.packageID", "StepID": "s.id"],
        referenceColumns: ["s.packageID", "s.id"],
        makeReference: stepReference,
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
            case .variable(let variable): .setting(property: ProviderCatalog.catalogName(of: definition.name), variable: variable)
            case .children, .instance, .automatic:
                definition.name == "Condition" ? .presence(column: "s.hasCondition") : .unqueryable
            }
        },
        details: .stepSettings(idColumn: 1)
    )

    /// Step attributes with a column of their own; `disable` is kept inverted, as Enabled.
    private static let stepColumns: [String: String] = [
        "name": "name", "description": "description", "disable": "enabled", "continueOnError": "continueOnError",
        "runIn": "supportedEnvironment", "timeout": "timeout",
    ]

    private static let stepReference: @Sendable ([SQLValue]) -> ObjectReference? = { values in
        guard let packageID = String.fromSQL(values[0]), let stepID = Int64.fromSQL(values[1]) else { return nil }
        return .step(packageID: packageID, stepID: stepID)
    }

    // MARK: Conditions

    /// SMS_TaskSequence_Condition: the condition of each step that has one.
    static let condition = QueryFamily(
        classes: [ClassName.condition],
        table: "step s",
        baseConditions: [QuerySQL(.isTrue("s.hasCondition"))],
        keyColumns: ["PackageID": "s.packageID", "StepID": "s.id"],
        referenceColumns: ["s.packageID", "s.id"],
        makeReference: { values in
            guard let packageID = String.fromSQL(values[0]), let stepID = Int64.fromSQL(values[1]) else { return nil }
            return .condition(packageID: packageID, stepID: stepID)
        },
        guardedBy: .taskSequencePackage(column: "s.packageID"),
        defaultOrder: ["s.packageID", "s.id"],
        storage: { _ in .unqueryable }
    )

    /// Every operand of every condition: expressions and operators, with the step they condition.
    static let operands = QueryFamily(
        classes: ProviderCatalog.catalog.classes(derivedFrom: ClassName.conditionOperand).map(\.name),
        // An expression of a class the catalog does not know is still an expression.
        fallbackClass: ClassName.conditionExpression,
        table: "conditionOperand o JOIN step s ON s.id = o.stepID",
        baseConditions: ["o.kind <> 'foreign'"],
        classColumn: "o.className",
        keyColumns: ["PackageID": "s.packageID", "StepID": "o.stepID", "OperandID": "o.id"],
        referenceColumns: ["s.packageID", "o.stepID", "o.id"],
        makeReference: { values in
            guard let packageID = String.fromSQL(values[0]), let stepID = Int64.fromSQL(values[1]),
                  let operandID = Int64.fromSQL(values[2]) else { return nil }
            return .operand(packageID: packageID, stepID: stepID, operandID: operandID)
        },
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
        details: .expressionProperties(idColumn: 2)
    )

    // MARK: Permissions

    /// SMS_UserClassPermissions: one row of `classPermission` each.
    static let classPermissions = QueryFamily(
        classes: [ClassName.userClassPermissions],
        table: "classPermission c",
        referenceColumns: ["c.userName", "c.objectKey"],
        makeReference: { values in
            guard let principal = String.fromSQL(values[0]), let objectKey = UInt32.fromSQL(values[1]) else { return nil }
            return .classPermission(principal: principal, objectKey: objectKey)
        },
        guardedBy: .permissionEntries(instances: false),
        defaultOrder: ["c.objectKey", "c.userName"],
        storage: { definition in
            ["UserName": "c.userName", "ObjectKey": "c.objectKey", "ClassPermissions": "c.rights"][definition.name].map(ValueStorage.column) ?? .absent
        }
    )

    /// SMS_UserInstancePermissions: one row of `instancePermission` each.
    static let instancePermissions = QueryFamily(
        classes: [ClassName.userInstancePermissions],
        table: "instancePermission i",
        referenceColumns: ["i.userName", "i.objectKey", "i.instanceKey"],
        makeReference: { values in
            guard let principal = String.fromSQL(values[0]), let objectKey = UInt32.fromSQL(values[1]),
                  let instanceKey = String.fromSQL(values[2]) else { return nil }
            return .instancePermission(principal: principal, objectKey: objectKey, instanceKey: instanceKey)
        },
        guardedBy: .permissionEntries(instances: true),
        defaultOrder: ["i.objectKey", "i.instanceKey", "i.userName"],
        storage: { definition in
            ["UserName": "i.userName", "ObjectKey": "i.objectKey", "InstanceKey": "i.instanceKey", "InstancePermissions": "i.rights"][definition.name]
                .map(ValueStorage.column) ?? .absent
        }
    )
}
