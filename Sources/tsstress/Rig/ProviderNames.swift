import DBusKit

/// The provider's names the stress parts call by hand (the fuzzed calls take theirs from the
/// interface files).
enum ProviderNames {
    static let prefix = "org.tsprovider.Provider1"
    static let root = ObjectPath.rootProvider
    static let rootInterface = prefix
    static let classInterface = prefix + ".Class"
    static let packageClassInterface = prefix + ".TaskSequencePackageClass"
    static let packageInterface = prefix + ".SMS_TaskSequencePackage"
    static let sequenceInterface = prefix + ".SMS_TaskSequence"
    static let stepInterface = prefix + ".SMS_TaskSequence_Step"
    static let groupInterface = prefix + ".SMS_TaskSequence_Group"
    static let actionInterface = prefix + ".SMS_TaskSequence_Action"
    static let conditionInterface = prefix + ".SMS_TaskSequence_Condition"
    static let conflictError = prefix + ".Error.Conflict"
    static let failedError = "org.freedesktop.DBus.Error.Failed"

    /// `/org/tsprovider/Provider1/<ClassName>` (class names are valid path elements; any other
    /// text is escaped).
    static func classPath(_ className: String) -> ObjectPath {
        (try? root.appending(className)) ?? root.appending(escaping: className)
    }

    /// The interface of an instance of `className` (`org.tsprovider.Provider1.<ClassName>`).
    static func instanceInterface(of className: String) -> String { prefix + "." + className }
}

extension ObjectPath {
    /// `/org/tsprovider/Provider1`.
    static let rootProvider = (try? ObjectPath("/org/tsprovider/Provider1")) ?? .root
}
