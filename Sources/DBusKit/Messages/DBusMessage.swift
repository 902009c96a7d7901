internal import CDBus

/// One D-Bus message: a method call, a reply, an error or a signal.
///
/// Most code never touches messages (``DBusProxy``, ``ObjectServer`` and ``DBusConnection``
/// work in values); they are public for tools and tests that need header fields. A message is
/// immutable once built, which is what makes it `Sendable`.
public final class DBusMessage: @unchecked Sendable {
    /// What a message is.
    public enum Kind: Sendable, Hashable {
        /// A method call.
        case methodCall
        /// A successful reply.
        case methodReturn
        /// An error reply.
        case error
        /// A signal.
        case signal
    }

    let pointer: OpaquePointer

    /// Wraps a message we hold one reference to (it is released on deinit).
    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
    }

    /// Wraps a message libdbus lends us (a new reference is taken).
    init(retaining pointer: OpaquePointer) {
        dbus_message_ref(pointer)
        self.pointer = pointer
    }

    deinit {
        dbus_message_unref(pointer)
    }

    // MARK: Building

    /// A method call message.
    ///
    /// - Throws: ``DBusError/invalidArgs(_:)`` when a name, the path or an argument is invalid.
    public static func methodCall(
        destination: String?, path: ObjectPath, interface: String?, method: String,
        arguments: [DBusValue] = []
    ) throws -> DBusMessage {
        if let destination { try DBusNames.validateBusName(destination) }
        if let interface { try DBusNames.validateInterfaceName(interface) }
        try DBusNames.validateMemberName(method)
        guard let raw = dbus_message_new_method_call(destination, path.rawValue, interface, method) else {
            throw DBusError.noMemory("cannot allocate a method call")
        }
        return try MessageWriter.complete(DBusMessage(taking: raw), with: arguments)
    }

    /// A signal message; with a `destination` it goes to that peer only (unicast).
    ///
    /// - Throws: ``DBusError/invalidArgs(_:)`` when a name, the path or an argument is invalid.
    public static func signal(
        path: ObjectPath, interface: String, name: String, arguments: [DBusValue] = [],
        destination: String? = nil
    ) throws -> DBusMessage {
        try DBusNames.validateInterfaceName(interface)
        try DBusNames.validateMemberName(name)
        if let destination { try DBusNames.validateBusName(destination) }
        guard let raw = dbus_message_new_signal(path.rawValue, interface, name) else {
            throw DBusError.noMemory("cannot allocate a signal")
        }
        let message = DBusMessage(taking: raw)
        if let destination, dbus_message_set_destination(raw, destination) == 0 {
            throw DBusError.noMemory("cannot set a signal destination")
        }
        return try MessageWriter.complete(message, with: arguments)
    }

    /// A successful reply to this method call carrying `values`.
    ///
    /// - Throws: ``DBusError/invalidArgs(_:)`` when a value is invalid.
    public func makeReply(_ values: [DBusValue] = []) throws -> DBusMessage {
        guard let raw = dbus_message_new_method_return(pointer) else {
            throw DBusError.noMemory("cannot allocate a reply")
        }
        return try MessageWriter.complete(DBusMessage(taking: raw), with: values)
    }

    /// ``makeReply(_:)`` for a reply whose body may hold at most `maximumBodySize` bytes:
    /// `.tooLarge` with the body's size instead when it would hold more. A body written in one
    /// buffer is measured by writing it; any other is measured before libdbus sees it.
    func makeReply(_ values: [DBusValue], maximumBodySize: Int) throws -> SizedReply {
        guard let raw = dbus_message_new_method_return(pointer) else {
            throw DBusError.noMemory("cannot allocate a reply")
        }
        return try MessageWriter.complete(DBusMessage(taking: raw), with: values, maximumBodySize: maximumBodySize)
    }

    /// A reply built against a size limit.
    enum SizedReply {
        case reply(DBusMessage)
        /// The body would have been this many bytes.
        case tooLarge(bodySize: Int)
    }

    /// A reply to `call` holding `value` as a variant when it is of a basic type other than a
    /// file descriptor — a new libdbus reference, which the caller releases
    /// (`dbus_message_unref`); `nil` for any other value (build those with ``makeReply(_:)``).
    /// No ``DBusMessage`` is made: a property `Get` is answered with this.
    static func basicVariantReply(to call: OpaquePointer, _ value: DBusValue) throws -> OpaquePointer? {
        guard MessageWriter.variantTypeCode(ofBasic: value) != nil else { return nil }
        try value.validate()
        guard let reply = dbus_message_new_method_return(call) else {
            throw DBusError.noMemory("cannot allocate a reply")
        }
        do {
            try MessageWriter.appendBasicVariant(value, to: reply)
        } catch {
            dbus_message_unref(reply)
            throw error
        }
        return reply
    }

    /// An error reply to this method call. An invalid error name is replaced by `Failed`
    /// naming it, and NUL characters in the message are dropped, so this never fails on input.
    public func makeErrorReply(_ error: DBusError) -> DBusMessage? {
        var name = error.name
        var text = error.message
        if !DBusNames.isValidErrorName(name) {
            text = "(invalid error name '\(name.filter { $0 != "\0" })') \(text)"
            name = DBusError.failed("").name
        }
        text.removeAll { $0 == "\0" }
        guard let raw = dbus_message_new_error(pointer, name, text) else { return nil }
        return DBusMessage(taking: raw)
    }

    // MARK: Header fields

    /// The kind of message.
    public var kind: Kind {
        switch dbus_message_get_type(pointer) {
        case 1: return .methodCall
        case 2: return .methodReturn
        case 3: return .error
        default: return .signal
        }
    }

    /// The object path (calls and signals).
    public var path: ObjectPath? {
        dbus_message_get_path(pointer).map { ObjectPath(unchecked: String(cString: $0)) }
    }

    /// The interface (calls and signals; optional on calls).
    public var interface: String? { dbus_message_get_interface(pointer).map { String(cString: $0) } }

    /// The method or signal name.
    public var member: String? { dbus_message_get_member(pointer).map { String(cString: $0) } }

    /// The error name of an error reply.
    public var errorName: String? { dbus_message_get_error_name(pointer).map { String(cString: $0) } }

    /// The sender's unique name, as stamped by the bus.
    public var sender: String? { dbus_message_get_sender(pointer).map { String(cString: $0) } }

    /// The destination, if any.
    public var destination: String? { dbus_message_get_destination(pointer).map { String(cString: $0) } }

    /// The body signature.
    public var signature: String { dbus_message_get_signature(pointer).map { String(cString: $0) } ?? "" }

    /// The serial number (0 before sending).
    public var serial: UInt32 { dbus_message_get_serial(pointer) }

    /// The serial of the call this message answers (replies and errors).
    public var replySerial: UInt32 { dbus_message_get_reply_serial(pointer) }

    /// Whether the caller wants a reply (method calls).
    public var expectsReply: Bool { dbus_message_get_no_reply(pointer) == 0 }

    /// The body values.
    ///
    /// - Throws: ``DBusError/invalidSignature(_:)`` only if the message is corrupt.
    public func arguments() throws -> [DBusValue] {
        try MessageReader.readAll(pointer)
    }

    /// This message as an error when it is an error reply: name and first string argument.
    public var error: DBusError? {
        guard kind == .error else { return nil }
        let name = errorName ?? DBusError.failed("").name
        var text = ""
        var iterator = DBusMessageIter()
        if dbus_message_iter_init(pointer, &iterator) != 0,
           dbus_message_iter_get_arg_type(&iterator) == TypeCode.string {
            var cString: UnsafePointer<CChar>?
            dbus_message_iter_get_basic(&iterator, &cString)
            text = cString.map { String(cString: $0) } ?? ""
        }
        return DBusError(name: name, message: text)
    }
}
