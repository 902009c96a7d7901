import TaskSequenceModel

/// The classes the provider serves, and how instances of each are found.
public enum ServedClasses {
    /// Every class name served, as `EnumerateClasses` lists them: the package classes, the
    /// sequence and step classes, every built-in action class, the condition classes and the
    /// permission classes.
    public static let names: [String] = {
        var names = [ClassName.taskSequencePackage, ClassName.smsPackage, ClassName.taskSequence]
        let catalog = ActionCatalog.builtIn
        for base in [StepClass.step, ConditionClass.condition, ConditionClass.operand] {
            for definition in catalog.classes(derivedFrom: base) where !names.contains(definition.name) {
                names.append(definition.name)
            }
        }
        return names + [ClassName.userClassPermissions, ClassName.userInstancePermissions]
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
        case ClassName.userClassPermissions, ClassName.userInstancePermissions: ProviderCatalog.baseClass
        default: ActionCatalog.builtIn[name]?.superclass ?? ""
        }
    }

    /// The served classes that are `name` or derive from it (WMI queries are polymorphic).
    public static func classes(derivedFrom name: String) -> [String] {
        names.filter { $0 == name || ActionCatalog.builtIn.isClass($0, derivedFrom: name) }
    }
}
