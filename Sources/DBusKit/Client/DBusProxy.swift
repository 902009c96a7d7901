/// A remote object: a destination and a path on a connection, with calls and properties.
///
/// ```swift
/// let echo = DBusProxy(connection: connection, destination: "org.example.App1", path: try ObjectPath("/org/example/Echo"))
/// let text = try echo.call("org.example.Echo1", "Echo", ["hello"]).decode(String.self)
/// let name = try await echo.property("Name", of: "org.example.Echo1").decode(String.self)
/// ```
///
/// Every operation comes blocking and `async`; error replies are thrown as ``DBusError``.
public struct DBusProxy: Sendable {
    /// The connection calls go through.
    public let connection: DBusConnection
    /// The bus name of the service.
    public let destination: String
    /// The object path.
    public let path: ObjectPath
    /// The timeout for every call of this proxy.
    public var timeout: Duration

    /// A proxy for the object at `path` of `destination`.
    public init(connection: DBusConnection, destination: String, path: ObjectPath, timeout: Duration = DBusConnection.defaultTimeout) {
        self.connection = connection
        self.destination = destination
        self.path = path
        self.timeout = timeout
    }

    // MARK: Methods

    /// Calls a method, blocking, and returns the reply's values.
    public func call(_ interface: String, _ method: String, _ arguments: [DBusValue] = []) throws -> [DBusValue] {
        try connection.call(
            destination: destination, path: path, interface: interface, method: method, arguments: arguments, timeout: timeout)
    }

    /// Calls a method, suspending, and returns the reply's values.
    public func call(_ interface: String, _ method: String, _ arguments: [DBusValue] = []) async throws -> [DBusValue] {
        try await connection.call(
            destination: destination, path: path, interface: interface, method: method, arguments: arguments, timeout: timeout)
    }

    // MARK: Properties

    /// Reads a property (`Properties.Get`), blocking.
    public func property(_ name: String, of interface: String) throws -> DBusValue {
        try call(StandardInterfaceName.properties, "Get", [.string(interface), .string(name)]).decode(DBusValue.self)
    }

    /// Reads a property (`Properties.Get`), suspending.
    public func property(_ name: String, of interface: String) async throws -> DBusValue {
        try await call(StandardInterfaceName.properties, "Get", [.string(interface), .string(name)]).decode(DBusValue.self)
    }

    /// Writes a property (`Properties.Set`), blocking; the value is wrapped in a variant.
    public func setProperty(_ name: String, of interface: String, to value: DBusValue) throws {
        _ = try call(StandardInterfaceName.properties, "Set", [.string(interface), .string(name), .variant(value)])
    }

    /// Writes a property (`Properties.Set`), suspending.
    public func setProperty(_ name: String, of interface: String, to value: DBusValue) async throws {
        _ = try await call(StandardInterfaceName.properties, "Set", [.string(interface), .string(name), .variant(value)])
    }

    /// Reads every property of an interface (`Properties.GetAll`), blocking.
    public func allProperties(of interface: String) throws -> [String: DBusValue] {
        try call(StandardInterfaceName.properties, "GetAll", [.string(interface)]).decode([String: DBusValue].self)
    }

    /// Reads every property of an interface (`Properties.GetAll`), suspending.
    public func allProperties(of interface: String) async throws -> [String: DBusValue] {
        try await call(StandardInterfaceName.properties, "GetAll", [.string(interface)]).decode([String: DBusValue].self)
    }

    // MARK: Introspection and signals

    /// The object's introspection XML, blocking.
    public func introspect() throws -> String {
        try call(StandardInterfaceName.introspectable, "Introspect").decode(String.self)
    }

    /// The object's introspection XML, suspending.
    public func introspect() async throws -> String {
        try await call(StandardInterfaceName.introspectable, "Introspect").decode(String.self)
    }

    /// Signals this object emits on `interface` (all of its signals when `member` is `nil`).
    /// The match is in place when this returns; ending the iteration removes it.
    public func signals(_ member: String? = nil, of interface: String) throws -> AsyncStream<ReceivedSignal> {
        try connection.signals(matching: MatchRule(sender: destination, interface: interface, member: member, path: path))
    }

    /// `PropertiesChanged` signals of this object.
    public func propertyChanges() throws -> AsyncStream<ReceivedSignal> {
        try signals("PropertiesChanged", of: StandardInterfaceName.properties)
    }
}
