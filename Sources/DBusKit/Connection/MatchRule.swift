/// Which signals to receive: a bus match rule, also checked locally so each subscription sees
/// only its own signals.
///
/// ```swift
/// let rule = MatchRule(sender: "org.example.App1", interface: "org.example.Thing1", member: "Changed")
/// for await signal in try connection.signals(matching: rule) { … }
/// ```
public struct MatchRule: Hashable, Sendable, CustomStringConvertible {
    /// The sender's unique or well-known name.
    public var sender: String?
    /// The interface.
    public var interface: String?
    /// The signal name.
    public var member: String?
    /// The exact object path.
    public var path: ObjectPath?
    /// A path and everything below it.
    public var pathNamespace: ObjectPath?
    /// The destination (for signals unicast to this connection).
    public var destination: String?
    /// String arguments that must be equal, by index (0...63).
    public var arguments: [Int: String]
    /// Argument 0 must be this bus name or a name below it (`arg0namespace`).
    public var argument0Namespace: String?

    /// A rule for signals; every criterion left `nil` matches anything.
    public init(
        sender: String? = nil, interface: String? = nil, member: String? = nil,
        path: ObjectPath? = nil, pathNamespace: ObjectPath? = nil, destination: String? = nil,
        arguments: [Int: String] = [:], argument0Namespace: String? = nil
    ) {
        self.sender = sender
        self.interface = interface
        self.member = member
        self.path = path
        self.pathNamespace = pathNamespace
        self.destination = destination
        self.arguments = arguments
        self.argument0Namespace = argument0Namespace
    }

    /// The rule text sent to the bus's `AddMatch`, e.g.
    /// `type='signal',sender='org.example.App1',member='Changed'`.
    public var description: String {
        var parts = ["type='signal'"]
        func add(_ key: String, _ value: String?) {
            if let value { parts.append("\(key)='\(MatchRule.quote(value))'") }
        }
        add("sender", sender)
        add("interface", interface)
        add("member", member)
        add("path", path?.rawValue)
        add("path_namespace", pathNamespace?.rawValue)
        add("destination", destination)
        for index in arguments.keys.sorted() { add("arg\(index)", arguments[index]) }
        add("arg0namespace", argument0Namespace)
        return parts.joined(separator: ",")
    }

    /// Checks names and argument indexes before the rule reaches the bus.
    func validate() throws {
        if let sender { try DBusNames.validateBusName(sender) }
        if let interface { try DBusNames.validateInterfaceName(interface) }
        if let member { try DBusNames.validateMemberName(member) }
        if let destination { try DBusNames.validateBusName(destination) }
        if path != nil, pathNamespace != nil {
            throw DBusError.matchRuleInvalid("a match rule cannot have both path and path_namespace")
        }
        for (index, value) in arguments {
            guard (0...63).contains(index) else {
                throw DBusError.matchRuleInvalid("argument index \(index) is outside 0...63")
            }
            if value.utf8.contains(0) { throw DBusError.matchRuleInvalid("argument \(index) contains a NUL character") }
        }
        if let argument0Namespace, argument0Namespace.utf8.contains(0) {
            throw DBusError.matchRuleInvalid("arg0namespace contains a NUL character")
        }
    }

    /// Apostrophes end a quoted value; the bus syntax escapes them as `'\''`.
    private static func quote(_ value: String) -> String {
        value.replacing("'", with: "'\\''")
    }

    /// Local check of the header fields; `senderOwner` is the current unique name behind a
    /// well-known `sender`.
    func matchesHeader(
        sender messageSender: String?, senderOwner: String?, path messagePath: String?,
        interface messageInterface: String?, member messageMember: String?, destination messageDestination: String?
    ) -> Bool {
        if let interface, interface != messageInterface { return false }
        if let member, member != messageMember { return false }
        if let path, path.rawValue != messagePath { return false }
        if let pathNamespace {
            guard let messagePath, ObjectPath(unchecked: messagePath).isWithin(pathNamespace) else { return false }
        }
        if let destination, destination != messageDestination { return false }
        if let sender {
            if sender.hasPrefix(":") || sender == "org.freedesktop.DBus" {
                if sender != messageSender { return false }
            } else if let senderOwner, senderOwner != messageSender {
                return false
            }
        }
        return true
    }

    /// Local check of the argument criteria.
    func matchesArguments(_ values: [DBusValue]) -> Bool {
        for (index, expected) in arguments {
            guard index < values.count else { return false }
            switch values[index] {
            case .string(let text) where text == expected: continue
            case .objectPath(let path) where path.rawValue == expected: continue
            default: return false
            }
        }
        if let argument0Namespace {
            guard case .string(let first)? = values.first,
                  first == argument0Namespace || first.hasPrefix(argument0Namespace + ".") else { return false }
        }
        return true
    }

    var needsArguments: Bool { !arguments.isEmpty || argument0Namespace != nil }
}

/// A signal delivered to a subscription.
public struct ReceivedSignal: Sendable {
    /// The sender's unique name.
    public let sender: String?
    /// The emitting object's path.
    public let path: ObjectPath
    /// The interface.
    public let interface: String
    /// The signal name.
    public let member: String
    /// The destination when the signal was unicast.
    public let destination: String?
    /// The signal's arguments.
    public let arguments: [DBusValue]
    /// The whole message, for other header fields.
    public let message: DBusMessage
}
