import ProviderStore
import TaskSequenceModel

/// The query families of the served classes: which classes each of the store's sources holds,
/// and which object each row is. A class is queryable once its family is listed in ``all``.
enum QueryFamilies {
    static let all: [QueryFamily] = [
        taskSequencePackage, smsPackage, taskSequence, steps, condition, operands, classPermissions, instancePermissions, packageReference, packageReferenceFlat,
        referencesInfo, computer, collection, fullCollectionMembership, collectToSubCollect, stateMigration, advertisement, collectionSettings, machineSettings,
    ]

    /// The family whose rows `className` (canonical) covers.
    static func family(serving className: String) -> QueryFamily? {
        all.first { $0.serves(className) }
    }

    // MARK: Packages, sequences, steps, conditions

    static let taskSequencePackage = QueryFamily(
        classes: [ClassName.taskSequencePackage], source: .taskSequencePackage,
        makeReference: { values in String.fromSQL(values[0]).map(ObjectReference.package) }
    )

    static let smsPackage = QueryFamily(
        classes: [ClassName.smsPackage], source: .smsPackage,
        makeReference: { values in String.fromSQL(values[0]).map(ObjectReference.smsPackage) }
    )

    static let taskSequence = QueryFamily(
        classes: [ClassName.taskSequence], source: .taskSequence,
        makeReference: { values in String.fromSQL(values[0]).map { .sequence(packageID: $0) } }
    )

    /// Every step and group of every sequence.
    static let steps = QueryFamily(
        classes: ProviderCatalog.catalog.classes(derivedFrom: ClassName.step).map(\.name),
        // Custom actions (MDT's, vendors') are actions the catalog does not describe.
        fallbackClass: ClassName.action,
        source: .steps,
        makeReference: { values in
            guard let packageID = String.fromSQL(values[0]), let stepID = Int64.fromSQL(values[1]) else { return nil }
            return .step(packageID: packageID, stepID: stepID)
        }
    )

    static let condition = QueryFamily(
        classes: [ClassName.condition], source: .condition,
        makeReference: { values in
            guard let packageID = String.fromSQL(values[0]), let stepID = Int64.fromSQL(values[1]) else { return nil }
            return .condition(packageID: packageID, stepID: stepID)
        }
    )

    /// Every operand of every condition: expressions and operators.
    static let operands = QueryFamily(
        classes: ProviderCatalog.catalog.classes(derivedFrom: ClassName.conditionOperand).map(\.name),
        // An expression of a class the catalog does not know is still an expression.
        fallbackClass: ClassName.conditionExpression,
        source: .operands,
        makeReference: { values in
            guard let packageID = String.fromSQL(values[0]), let stepID = Int64.fromSQL(values[1]),
                  let operandID = Int64.fromSQL(values[2]) else { return nil }
            return .operand(packageID: packageID, stepID: stepID, operandID: operandID)
        }
    )

    // MARK: Permissions

    static let classPermissions = QueryFamily(
        classes: [ClassName.userClassPermissions], source: .classPermissions,
        makeReference: { values in
            guard let principal = String.fromSQL(values[0]), let objectKey = UInt32.fromSQL(values[1]) else { return nil }
            return .classPermission(principal: principal, objectKey: objectKey)
        }
    )

    static let instancePermissions = QueryFamily(
        classes: [ClassName.userInstancePermissions], source: .instancePermissions,
        makeReference: { values in
            guard let principal = String.fromSQL(values[0]), let objectKey = UInt32.fromSQL(values[1]),
                  let instanceKey = String.fromSQL(values[2]) else { return nil }
            return .instancePermission(principal: principal, objectKey: objectKey, instanceKey: instanceKey)
        }
    )

    // MARK: References (query-only views: each row is the task sequence package that references)

    static let packageReference = referenceFamily(ClassName.packageReference, source: .packageReference)
    static let packageReferenceFlat = referenceFamily(ClassName.packageReferenceFlat, source: .packageReferenceFlat)

    private static func referenceFamily(_ className: String, source: QuerySource) -> QueryFamily {
        QueryFamily(
            classes: [className], source: source,
            makeReference: { values in String.fromSQL(values[0]).map(ObjectReference.package) },
            makeRelativePath: { values in
                guard let packageID = String.fromSQL(values[0]), let objectID = String.fromSQL(values[1]) else { return nil }
                return "\(className).ObjectID=\"\(objectID)\",PackageID=\"\(packageID)\""
            }
        )
    }

    static let referencesInfo = QueryFamily(
        classes: [ClassName.referencesInfo], source: .referencesInfo,
        makeReference: { values in String.fromSQL(values[0]).map(ObjectReference.package) },
        // The class's keys, as the SMS Provider writes them; they do not tell a sequence's rows apart.
        makeRelativePath: { values in
            guard let packageID = String.fromSQL(values[0]), let program = String.fromSQL(values[1]) else { return nil }
            return "\(ClassName.referencesInfo).PackageID=\"\(packageID)\",ProgramName=\"\(program)\""
        }
    )

    // MARK: Targets and deployments

    static let computer = QueryFamily(
        classes: [ClassName.computer], source: .computer,
        makeReference: { values in UInt32.fromSQL(values[0]).map(ObjectReference.computer) }
    )

    static let collection = QueryFamily(
        classes: [ClassName.collection], source: .collection,
        makeReference: { values in String.fromSQL(values[0]).map(ObjectReference.collection) }
    )

    static let fullCollectionMembership = QueryFamily(
        classes: [ClassName.fullCollectionMembership], source: .fullCollectionMembership,
        makeReference: { values in UInt32.fromSQL(values[1]).map(ObjectReference.computer) },
        makeRelativePath: { values in
            guard let collectionID = String.fromSQL(values[0]), let resourceID = Int64.fromSQL(values[1]) else { return nil }
            return "\(ClassName.fullCollectionMembership).CollectionID=\"\(collectionID)\",ResourceID=\(resourceID)"
        }
    )

    static let collectToSubCollect = QueryFamily(
        classes: [ClassName.collectToSubCollect], source: .collectToSubCollect,
        makeReference: { values in String.fromSQL(values[0]).map(ObjectReference.collection) },
        makeRelativePath: { values in
            guard let sub = String.fromSQL(values[0]), let parent = String.fromSQL(values[1]) else { return nil }
            return "\(ClassName.collectToSubCollect).parentCollectionID=\"\(parent)\",subCollectionID=\"\(sub)\""
        }
    )

    static let stateMigration = QueryFamily(
        classes: [ClassName.stateMigration], source: .stateMigration,
        makeReference: { values in UInt32.fromSQL(values[0]).map(ObjectReference.computer) },
        makeRelativePath: { values in
            guard let destination = Int64.fromSQL(values[0]), let source = Int64.fromSQL(values[1]) else { return nil }
            return "\(ClassName.stateMigration).RestoreClientResourceID=\(destination),SourceClientResourceID=\(source)"
        }
    )

    static let advertisement = QueryFamily(
        classes: [ClassName.advertisement], source: .advertisement,
        makeReference: { values in String.fromSQL(values[0]).map(ObjectReference.advertisement) }
    )

    /// Every collection has settings; their variables are lazy: read them on the object.
    static let collectionSettings = QueryFamily(
        classes: [ClassName.collectionSettings], source: .collectionSettings,
        makeReference: { values in String.fromSQL(values[0]).map { .collectionSettings(collectionID: $0) } }
    )

    static let machineSettings = QueryFamily(
        classes: [ClassName.machineSettings], source: .machineSettings,
        makeReference: { values in UInt32.fromSQL(values[0]).map { .machineSettings(resourceID: $0) } }
    )
}
