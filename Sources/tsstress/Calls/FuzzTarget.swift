import DBusKit

/// One object of the fixture set: its path, what kind of object it is and the interfaces it
/// answers to (as its live `Introspect` lists them).
struct FuzzTarget: Sendable, Hashable {
    var path: ObjectPath
    var kind: String
    var interfaces: [String]
}
