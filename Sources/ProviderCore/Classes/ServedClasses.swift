import TaskSequenceModel

/// The classes the provider serves, and how instances of each are found.
public enum ServedClasses {
    /// Every class name served, as `EnumerateClasses` lists them: the package classes, the
    /// sequence and step classes, every built-in action class, the condition classes, the
    /// permission classes and the query-only reference views.
    public static let names: [String] = {
        var names = [ClassName.taskSequencePackage, ClassName.smsPackage, ClassName.taskSequence, ClassName.computer, ClassName.collection]
        let catalog = ActionCatalog.builtIn
        for base in [StepClass.step, ConditionClass.condition, ConditionClass.operand] {
            for definition in catalog.classes(derivedFrom: base) where !names.contains(definition.name) {
                names.append(definition.name)
            }
        }
        return names + [
            ClassName.userClassPermissions, ClassName.userInstancePermissions,
            ClassName.packageReference, ClassName.packageReferenceFlat, ClassName.referencesInfo,
            ClassName.fullCollectionMembership, ClassName.collectToSubCollect, ClassName.stateMigration,
        ] + deploymentClasses
    }()

    /// The served class named `name` (case-insensitive), in its canonical spelling.
    public static func canonicalName(_ name: String) -> String? {
        names.first { $0.equalsIgnoringCase(name) }
    }

    /// The superclass of a served class, empty for roots.
    public static func superclass(of name: String) -> String {
        switch name {
        case ClassName.taskSequencePackage, ClassName.smsPackage: ClassName.packageBaseClass
        case ClassName.taskSequence: ""
        case ClassName.computer: ClassName.resourceBaseClass
        case ClassName.collection, ClassName.fullCollectionMembership, ClassName.collectToSubCollect, ClassName.stateMigration: ProviderCatalog.baseClass
        case ClassName.userClassPermissions, ClassName.userInstancePermissions, ClassName.packageReference, ClassName.packageReferenceFlat,
             ClassName.referencesInfo:
            ProviderCatalog.baseClass
        case _ where deploymentClasses.contains(name): ProviderCatalog.baseClass
        default: ActionCatalog.builtIn[name]?.superclass ?? ""
        }
    }

    /// The deployment classes: advertisements and the settings (variables) of collections and computers.
    public static let deploymentClasses = [ClassName.advertisement, ClassName.collectionSettings, ClassName.machineSettings]

    /// Classes served by queries only: their rows are views of stored facts with no D-Bus
    /// object of their own (`Enumerate` refuses them; `__PATH` is the task sequence's object).
    public static let queryOnly: Set<String> = [
        ClassName.packageReference, ClassName.packageReferenceFlat, ClassName.referencesInfo,
        ClassName.fullCollectionMembership, ClassName.collectToSubCollect, ClassName.stateMigration,
    ]

    /// The served classes that are `name` or derive from it (WMI queries are polymorphic).
    public static func classes(derivedFrom name: String) -> [String] {
        names.filter { $0 == name || ActionCatalog.builtIn.isClass($0, derivedFrom: name) }
    }
}
