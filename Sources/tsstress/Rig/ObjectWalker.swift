import DBusKit
import ProviderContract

/// Walks the object tree from the root with `Introspect`, as `busctl tree` does, and names the
/// kind of each object from the interfaces it answers to.
struct ObjectWalker {
    let rig: StressRig
    /// Objects beyond this many are not walked (the fixture set is far smaller).
    var limit = 5_000

    func walk(from start: ObjectPath = ProviderNames.root) throws -> [FuzzTarget] {
        var targets: [FuzzTarget] = []
        var queue = [start]
        while let path = queue.popLast(), targets.count < limit {
            let reply = try rig.call(path, "org.freedesktop.DBus.Introspectable", "Introspect")
            guard case .string(let xml)? = reply.first else { throw StressFailure("Introspect of \(path) returned no string") }
            let interfaces = IntrospectionXML.interfaceElements(in: xml).keys.filter { !$0.hasPrefix("org.freedesktop.DBus.") }.sorted()
            let ownInterfaces = path == ProviderNames.root ? interfaces + ["org.freedesktop.DBus.ObjectManager"] : interfaces
            targets.append(FuzzTarget(path: path, kind: Self.kind(of: path, interfaces: Set(interfaces)),
                                      interfaces: ownInterfaces + ["org.freedesktop.DBus.Properties", "org.freedesktop.DBus.Introspectable", "org.freedesktop.DBus.Peer"]))
            for child in IntrospectionXML.childNodes(in: xml).reversed() {
                if let childPath = try? path.appending(child) { queue.append(childPath) }
            }
        }
        return targets
    }

    /// The kind of object, by the most specific interface it carries.
    static func kind(of path: ObjectPath, interfaces: Set<String>) -> String {
        let byInterface: [(String, String)] = [
            (ProviderNames.rootInterface, "root"),
            (ProviderNames.packageClassInterface, "package class object"),
            (ProviderNames.classInterface, "class object"),
            (ProviderNames.packageInterface, "package"),
            (ProviderNames.sequenceInterface, "sequence"),
            (ProviderNames.groupInterface, "group step"),
            (ProviderNames.actionInterface, "action step"),
            (ProviderNames.conditionInterface, "condition"),
            (ProviderNames.prefix + ".SMS_TaskSequence_ConditionExpression", "expression operand"),
            (ProviderNames.prefix + ".SMS_TaskSequence_ConditionOperator", "operator operand"),
            (ProviderNames.prefix + "." + ClassName.smsPackage, ClassName.smsPackage),
            (ProviderNames.prefix + ".SMS_UserClassPermissions", "class permission entry"),
            (ProviderNames.prefix + ".SMS_UserInstancePermissions", "instance permission entry"),
        ]
        for (interface, kind) in byInterface where interfaces.contains(interface) { return kind }
        return "container node"
    }
}
