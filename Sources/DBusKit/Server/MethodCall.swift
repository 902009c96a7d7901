/// A method call as a handler sees it: the arguments (already checked against the declared
/// signature), who is calling, and where.
public struct MethodCall: Sendable {
    /// The object path called.
    public let path: ObjectPath
    /// The interface of the method.
    public var interface: String { interfaceInfo.name }
    /// The description of that interface (e.g. to emit one of its signals).
    public let interfaceInfo: DBusInterfaceInfo
    /// The method's description.
    public let method: DBusMethodInfo
    /// The arguments, matching `method.inputs`.
    public let arguments: [DBusValue]
    /// Who is calling.
    public let caller: CallerContext
    /// The server dispatching the call (to emit signals, look at registrations).
    public let server: ObjectServer
    /// The raw message, for header fields.
    public let message: DBusMessage

    /// The connection the call arrived on.
    public var connection: DBusConnection { server.connection }

    /// Converts the arguments to Swift types in order:
    /// `let (xml, version) = try call.decode(String.self, UInt32.self)`.
    ///
    /// - Throws: ``DBusError/invalidArgs(_:)`` naming the argument whose type does not match.
    public func decode<each T: DBusValueConvertible>(_ types: repeat (each T).Type) throws -> (repeat each T) {
        do {
            return try arguments.decode(repeat each types)
        } catch let error as DBusError {
            throw DBusError.invalidArgs("\(method.name): \(error.message)")
        }
    }

    /// The argument declared as `name`, converted to a Swift type.
    ///
    /// - Throws: ``DBusError/invalidArgs(_:)`` when no argument has that name or its type differs.
    public func argument<T: DBusValueConvertible>(_ name: String, as type: T.Type = T.self) throws -> T {
        guard let index = method.inputs.firstIndex(where: { $0.name == name }), index < arguments.count else {
            throw DBusError.invalidArgs("\(method.name) has no argument named '\(name)'")
        }
        do {
            return try T(dbusValue: arguments[index])
        } catch let error as DBusError {
            throw DBusError.invalidArgs("\(method.name) argument '\(name)': \(error.message)")
        }
    }
}
