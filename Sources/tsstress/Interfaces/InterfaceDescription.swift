import DBusKit

/// One D-Bus interface as an `interfaces/*.xml` file declares it: what the call generator needs
/// to build calls of every member with right and wrong arguments.
struct InterfaceDescription: Sendable, Hashable {
    /// A method and the types of its input arguments, in order.
    struct Method: Sendable, Hashable {
        var name: String
        var inputs: [DBusType]
    }

    /// A property, its type and whether `Properties.Set` may change it.
    struct Property: Sendable, Hashable {
        var name: String
        var type: DBusType
        var writable: Bool
    }

    var name: String
    var methods: [Method]
    var properties: [Property]
}
