import ProviderStore
import TaskSequenceModel

/// The classes the provider describes: the model's catalog plus what the provider itself adds —
/// SMS_Package, the keys that address stored steps and conditions, class qualifiers of the
/// package classes — for `GetClass` and for queries alike, so the two always agree.
enum ProviderCatalog {
    /// SMS_Package: SMS_PackageBaseclass plus its own four properties (reference §2.2).
    static let smsPackage = ClassDefinition(
        name: ClassName.smsPackage,
        superclass: ClassName.packageBaseClass,
        kind: .package,
        properties: [
            // 2 for a USMT package, else 0.
            .sint32("DefaultImageFlags"),
            .boolean("IsPredefinedPackage").readOnly(),
            .datetime("TransformAnalysisDate"),
            .uint32("TransformReadiness").documentedValues(["0", "1", "2", "3", "4", "5"]),
        ]
    )

    /// The root of the SMS Provider's classes.
    static let baseClass = "SMS_BaseClass"

    /// SMS_UserClassPermissions: a user's or group's rights on a whole class (reference §6.1).
    static let userClassPermissions = ClassDefinition(
        name: ClassName.userClassPermissions,
        superclass: baseClass,
        kind: .security,
        properties: [
            .string("UserName").key(),
            .uint32("ObjectKey").key(),
            .uint32("ClassPermissions").bits(),
        ]
    )

    /// SMS_UserInstancePermissions: a user's or group's rights on one instance (reference §6.1).
    static let userInstancePermissions = ClassDefinition(
        name: ClassName.userInstancePermissions,
        superclass: baseClass,
        kind: .security,
        properties: [
            .string("UserName").key(),
            .uint32("ObjectKey").key(),
            .string("InstanceKey").key(),
            .uint32("InstancePermissions").bits(),
        ]
    )

    /// SMS_TaskSequencePackageReference: one row per package or application a task sequence
    /// references (reference §5), from the References the provider keeps for each package.
    static let packageReference = ClassDefinition(
        name: ClassName.packageReference,
        superclass: baseClass,
        kind: .view,
        properties: [
            .string("PackageID").key().readOnly(),
            .string("ObjectID").key().readOnly(),
            .string("ObjectName").readOnly(),
            // 0 PKG_TYPE_REGULAR, 3 DRIVER, 5 SWUPDATES, 257 IMAGE, 258 BOOTIMAGE, 259 OSINSTALLIMAGE, 512 Application
            // (and 4 for a task sequence a Run Task Sequence step names).
            .uint32("ObjectType").readOnly().documentedValues(["0", "3", "4", "5", "257", "258", "259", "512"]),
            .string("Description").readOnly(),
            .string("Version").readOnly(),
        ]
    )

    /// SMS_TaskSequencePackageReference_Flat: the references plus, in ConfigMgr, the applications
    /// they depend on (reference §5). The provider keeps no application dependencies, so every
    /// row is a direct reference: Level "0", SourceID empty, RefPackageID the ObjectID.
    static let packageReferenceFlat = ClassDefinition(
        name: ClassName.packageReferenceFlat,
        superclass: baseClass,
        kind: .view,
        properties: [
            .string("PackageID").key().readOnly(),
            .string("ObjectID").key().readOnly(),
            .string("Description").readOnly(),
            .string("Level").readOnly(),
            .string("ObjectName").readOnly(),
            .uint32("ObjectType").readOnly().documentedValues(["0", "3", "4", "5", "257", "258", "259", "512"]),
            .string("RefPackageID").readOnly(),
            .string("SourceID").readOnly(),
            .uint32("SourceSize").readOnly(),
            .string("Version").readOnly(),
        ]
    )

    /// SMS_TaskSequenceReferencesInfo: the task sequence ↔ package association (reference §5),
    /// one row per package reference; ProgramName is the task sequence's own program, `*`.
    static let referencesInfo = ClassDefinition(
        name: ClassName.referencesInfo,
        superclass: baseClass,
        kind: .view,
        properties: [
            .string("PackageID").key().readOnly(),
            .string("ProgramName").key().readOnly(),
            .string("ReferenceDescription").readOnly(),
            .string("ReferenceName").readOnly(),
            .string("ReferencePackageID").readOnly(),
            .uint32("ReferencePackageType").readOnly().documentedValues(["0", "3", "4", "5", "257", "258", "259"]),
            .string("ReferenceProgramName").readOnly(),
            .string("ReferenceVersion").readOnly(),
        ]
    )

    static let catalog = TargetClasses.all.reduce(
        ActionCatalog.builtIn.adding(smsPackage).adding(userClassPermissions).adding(userInstancePermissions)
            .adding(packageReference).adding(packageReferenceFlat).adding(referencesInfo)
            .adding(advertisement).adding(collectionVariable).adding(machineVariable).adding(collectionSettings).adding(machineSettings)
    ) { $0.adding($1) }

    /// A key the provider adds to a class the SDK describes only as an embedded object: stored
    /// steps and conditions are addressed by their package, step and operand.
    struct Key: Sendable, Hashable {
        var name: String
        var type: QueryValueType
        /// The class the key is declared on (its `ClassOrigin`).
        var origin: String

        var schema: ClassSchema.Property {
            ClassSchema.Property(name: name, cimType: type.name, qualifiers: [Qualifier("key"), Qualifier("read")], origin: origin)
        }
    }

    /// The provider's keys of `className`, in order; empty for classes whose catalog entry has
    /// its own (the package classes) and for classes that are never stored on their own.
    static func keys(of className: String) -> [Key] {
        func keys(_ names: [(String, QueryValueType)], origin: String) -> [Key] {
            names.map { Key(name: $0.0, type: $0.1, origin: origin) }
        }
        if className == ClassName.taskSequence {
            return keys([("PackageID", .string)], origin: ClassName.taskSequence)
        }
        if className == ClassName.condition {
            return keys([("PackageID", .string), ("StepID", .int64)], origin: ClassName.condition)
        }
        if catalog.isClass(className, derivedFrom: ClassName.step) {
            return keys([("PackageID", .string), ("StepID", .int64)], origin: ClassName.step)
        }
        if catalog.isClass(className, derivedFrom: ClassName.conditionOperand) {
            return keys([("PackageID", .string), ("StepID", .int64), ("OperandID", .int64)], origin: ClassName.conditionOperand)
        }
        return []
    }

    /// The properties of `className` in schema order: the provider's keys, then the catalog's
    /// (inherited first). A catalog property named like a key gives way to the key and is served
    /// under its own name (``shadowedNames``): on a step `PackageID` is the owning task sequence,
    /// and the action's own PackageID setting (Run Command Line, Run PowerShell Script, Install
    /// Package) is `RefPackageID`, as SMS_TaskSequencePackageReference_All names a referenced package.
    static func properties(of className: String) -> [PropertyDefinition] {
        let keyNames = Set(keys(of: className).map { $0.name.lowercased() })
        return catalog.properties(of: className).compactMap { property in
            guard keyNames.contains(property.name.lowercased()) else { return property }
            guard let served = shadowedNames[property.name] else { return nil }
            var renamed = property
            renamed.name = served
            return renamed
        }
    }

    /// Catalog property → the name it is served under where a provider key shadows it.
    static let shadowedNames = ["PackageID": "RefPackageID"]

    /// The property `name` (case-insensitive) of `className` as ``properties(of:)`` serves it.
    static func property(_ name: String, of className: String) -> PropertyDefinition? {
        if let shadowed = shadowedNames.first(where: { $0.value.equalsIgnoringCase(name) }),
           !keys(of: className).isEmpty, var definition = catalog.property(shadowed.key, of: className) {
            definition.name = shadowed.value
            return definition
        }
        if keys(of: className).contains(where: { $0.name.equalsIgnoringCase(name) }) { return nil }
        return catalog.property(name, of: className)
    }

    /// The catalog's name of a property ``properties(of:)`` serves as `served` (the setting a
    /// step's variables carry).
    static func catalogName(of served: String) -> String {
        shadowedNames.first { $0.value == served }?.key ?? served
    }

    /// Class qualifiers the catalog does not carry (reference §2.3).
    static func extraQualifiers(of className: String) -> [Qualifier] {
        switch className {
        case ClassName.taskSequencePackage: [Qualifier("Secured"), Qualifier("Icon", .string("Package.ico"))]
        case ClassName.smsPackage, ClassName.collection, ClassName.advertisement: [Qualifier("Secured")]
        case ClassName.computer, ClassName.collectionSettings, ClassName.machineSettings: [Qualifier("Dynamic"), Qualifier("Provider", .string("SmsProv")), Qualifier("Secured")]
        case ClassName.fullCollectionMembership, ClassName.collectToSubCollect, ClassName.stateMigration:
            [Qualifier("Dynamic"), Qualifier("Provider", .string("SmsProv")), Qualifier("Read")]
        case ClassName.userClassPermissions, ClassName.userInstancePermissions: [Qualifier("Dynamic"), Qualifier("Provider", .string("SmsProv"))]
        // Read-only views, as the SDK pages' Read class qualifier says.
        case ClassName.packageReference, ClassName.packageReferenceFlat, ClassName.referencesInfo: [Qualifier("Dynamic"), Qualifier("Provider", .string("SmsProv")), Qualifier("Read")]
        case ClassName.taskSequence: [Qualifier("Dynamic"), Qualifier("Provider", .string("TaskSequenceProvider"))]
        default: []
        }
    }

    /// The ancestors of `className`, nearest first.
    static func derivation(of className: String) -> [String] {
        var result: [String] = []
        var current = catalog[className]?.superclass
        while let name = current, result.count < 32 {
            result.append(name)
            current = catalog[name]?.superclass
        }
        return result
    }

    /// The class that first declares `property` among `className` and its ancestors (WMI's
    /// `ClassOrigin`: a restated property keeps the origin of the first declaration).
    static func origin(of property: String, in className: String) -> String {
        var origin = className
        var current: String? = className
        while let name = current, let definition = catalog[name] {
            if definition.declaredProperty(property) != nil { origin = definition.name }
            current = definition.superclass
        }
        return origin
    }
}
