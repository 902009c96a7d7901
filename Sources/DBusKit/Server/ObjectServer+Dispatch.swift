internal import CDBus
#if canImport(Glibc)
import Glibc
#endif

/// The standard interface names the server answers itself.
enum StandardInterfaceName {
    static let introspectable = "org.freedesktop.DBus.Introspectable"
    static let properties = "org.freedesktop.DBus.Properties"
    static let objectManager = "org.freedesktop.DBus.ObjectManager"
    static let peer = "org.freedesktop.DBus.Peer"
}

extension ObjectServer {
    /// Entry point from the connection's loop thread, with the call libdbus lends.
    func handleMethodCall(_ call: OpaquePointer) {
        if answeredPropertyGet(call) { return }
        let message = DBusMessage(retaining: call)
        guard let path = message.path, let member = message.member else {
            sendError(DBusError.invalidArgs("a method call needs a path and a member"), replyingTo: message)
            return
        }
        let caller = CallerContext(sender: message.sender, source: .bus(connection.core))
        do {
            try dispatch(message, path: path, interface: message.interface, member: member,
                         signature: message.signature, caller: caller)
        } catch {
            sendError(error, replyingTo: message)
        }
    }

    /// `Properties.Get(ss)`, the commonest call, answered without building the header fields,
    /// the argument list or the dispatch on interface names that other calls go through; the
    /// same checks and the same answers as ``handleProperties(_:path:member:signature:caller:)``.
    /// Returns `false` for any other call (and for a `Get` with other arguments, whose error
    /// the general path words).
    private func answeredPropertyGet(_ pointer: OpaquePointer) -> Bool {
        // Literals, which reach C without a copy (StandardInterfaceName.properties would be copied).
        guard dbus_message_is_method_call(pointer, "org.freedesktop.DBus.Properties", "Get") != 0,
              let signature = dbus_message_get_signature(pointer), strcmp(signature, "ss") == 0,
              let rawPath = dbus_message_get_path(pointer) else { return false }
        var iterator = DBusMessageIter()
        guard dbus_message_iter_init(pointer, &iterator) != 0 else { return false }
        var interface: UnsafePointer<CChar>?
        dbus_message_iter_get_basic(&iterator, &interface)
        guard dbus_message_iter_next(&iterator) != 0 else { return false }
        var property: UnsafePointer<CChar>?
        dbus_message_iter_get_basic(&iterator, &property)
        guard let interface, let property else { return false }
        let target = registry.withLock { $0.getTarget(path: rawPath, interface: interface, property: property) }
        let caller = CallerContext(sender: dbus_message_get_sender(pointer).map { String(cString: $0) }, source: .bus(connection.core))
        do {
            try answerGet(pointer, target: target, caller: caller)
        } catch {
            sendError(error, replyingTo: DBusMessage(retaining: pointer))
        }
        return true
    }

    private func dispatch(
        _ message: DBusMessage, path: ObjectPath, interface: String?, member: String, signature: String,
        caller: CallerContext
    ) throws {
        switch interface {
        case StandardInterfaceName.introspectable?:
            try handleIntrospectable(message, path: path, member: member, signature: signature, caller: caller)
            return
        case StandardInterfaceName.properties?:
            try handleProperties(message, path: path, member: member, signature: signature, caller: caller)
            return
        case StandardInterfaceName.objectManager?:
            try handleObjectManager(message, path: path, member: member, signature: signature, caller: caller)
            return
        case StandardInterfaceName.peer?:
            try handlePeer(message, member: member, signature: signature)
            return
        case nil:
            // No interface given: standard members win when their signature fits.
            switch (member, signature) {
            case ("Introspect", ""):
                try handleIntrospectable(message, path: path, member: member, signature: signature, caller: caller)
                return
            case ("Get", "ss"), ("GetAll", "s"), ("Set", "ssv"):
                try handleProperties(message, path: path, member: member, signature: signature, caller: caller)
                return
            case ("Ping", ""), ("GetMachineId", ""):
                try handlePeer(message, member: member, signature: signature)
                return
            default:
                break
            }
        default:
            break
        }

        guard let object = try object(at: path, for: caller) else {
            throw DBusError.unknownObject("no object at \(path)")
        }
        let bound: DBusBoundInterface
        let index: Int
        if let interface {
            guard let found = object.interface(named: interface) else {
                throw DBusError.unknownInterface("the object at \(path) has no interface \(interface)")
            }
            guard let methodIndex = found.implementation.shape.methodIndex[member] else {
                throw DBusError.unknownMethod("interface \(interface) has no method \(member)")
            }
            (bound, index) = (found, methodIndex)
        } else {
            guard let found = object.interfaces.first(where: { $0.implementation.shape.methodIndex[member] != nil }),
                  let methodIndex = found.implementation.shape.methodIndex[member] else {
                throw DBusError.unknownMethod("the object at \(path) has no method \(member)")
            }
            (bound, index) = (found, methodIndex)
        }
        let shape = bound.implementation.shape
        let method = shape.info.methods[index]
        guard signature == shape.inputSignatures[index] else {
            throw DBusError.invalidArgs(Self.describeMismatch(of: method, interface: shape.info.name, received: signature))
        }
        let arguments = MessageReader.read(message.pointer, types: method.inputs.map(\.type))
        let call = MethodCall(
            path: path, interfaceInfo: shape.info, method: method, arguments: arguments, caller: caller,
            server: self, message: message)
        let outputTypes = shape.outputTypes[index]
        switch bound.implementation.invokeMethod(at: index, call) {
        case .finished(let result):
            sendResult(result, outputTypes: outputTypes, method: method, interface: shape.info.name, replyingTo: message)
        case .deferred(let work):
            Task {
                let result: Result<[DBusValue], any Error>
                do {
                    result = .success(try await work())
                } catch {
                    result = .failure(error)
                }
                self.sendResult(result, outputTypes: outputTypes, method: method, interface: shape.info.name, replyingTo: message)
            }
        }
    }

    /// `InvalidArgs` text naming the first argument that does not match.
    static func describeMismatch(of method: DBusMethodInfo, interface: String, received: String) -> String {
        let expected = method.inputSignature
        let receivedTypes = (try? SignatureParser.parse(received)) ?? []
        let summary = "\(interface).\(method.name) expects signature '\(expected)', got '\(received)'"
        for (position, argument) in method.inputs.enumerated() {
            let label = argument.name.isEmpty ? "argument \(position + 1)" : "argument \(position + 1) '\(argument.name)'"
            guard position < receivedTypes.count else {
                return "\(summary): \(label) of type \(argument.type.readableName) is missing"
            }
            if receivedTypes[position] != argument.type {
                return "\(summary): \(label) must be \(argument.type.readableName), not \(receivedTypes[position].readableName)"
            }
        }
        if receivedTypes.count > method.inputs.count {
            return "\(summary): unexpected extra argument \(method.inputs.count + 1) of type \(receivedTypes[method.inputs.count].readableName)"
        }
        return summary
    }

    // MARK: Replies

    func sendResult(
        _ result: Result<[DBusValue], any Error>, outputTypes: [DBusType], method: DBusMethodInfo, interface: String,
        replyingTo message: DBusMessage
    ) {
        guard message.expectsReply else { return }
        switch result {
        case .failure(let error):
            sendError(error, replyingTo: message)
        case .success(let values):
            guard values.count == outputTypes.count,
                  zip(values, outputTypes).allSatisfy({ $0.matches($1) }) else {
                let returned = values.map(\.type.signature).joined()
                sendError(
                    DBusError.failed(
                        "the service's handler for \(interface).\(method.name) returned '\(returned)' but the method declares '\(method.outputSignature)'"),
                    replyingTo: message)
                return
            }
            sendReply(values, replyingTo: message)
        }
    }

    /// Sends a method return, or `LimitsExceeded` when it would be larger than a message on
    /// this bus may be (the bus would drop the whole connection for it).
    func sendReply(_ values: [DBusValue], replyingTo message: DBusMessage) {
        guard message.expectsReply else { return }
        let limit = maximumReplySize
        do {
            switch try message.makeReply(values, maximumBodySize: limit - Self.replyHeaderAllowance) {
            case .reply(let reply):
                try connection.core.send(reply)
            case .tooLarge(let bodySize):
                sendError(
                    DBusError.limitsExceeded(oversizeMessage(
                        path: message.path ?? .root, interface: message.interface, member: message.member ?? "",
                        size: String(bodySize), limit: limit)),
                    replyingTo: message)
            }
        } catch {
            sendError(error, replyingTo: message)
        }
    }

    /// Sends `value` as a `v` reply to `call` (lent by libdbus or held by a ``DBusMessage``): a
    /// basic value of bounded size is written straight into the reply (no argument list to
    /// measure and walk, no message object); anything else goes through ``sendReply(_:replyingTo:)``.
    func sendVariantReply(_ value: DBusValue, replyingTo call: OpaquePointer) {
        guard dbus_message_get_no_reply(call) == 0 else { return }
        if Self.fitsAnyReply(value) {
            do {
                if let reply = try DBusMessage.basicVariantReply(to: call, value) {
                    defer { dbus_message_unref(reply) }
                    try connection.core.send(reply)
                    return
                }
            } catch {
                sendError(error, replyingTo: DBusMessage(retaining: call))
                return
            }
        }
        sendReply([.variant(value)], replyingTo: DBusMessage(retaining: call))
    }

    /// Whether `value` is small enough that no bus limit can refuse a reply holding it (larger
    /// ones are measured against ``maximumReplySize`` by ``sendReply(_:replyingTo:)``).
    private static func fitsAnyReply(_ value: DBusValue) -> Bool {
        switch value {
        case .string(let text): text.utf8.count <= 4_096
        case .objectPath(let path): path.rawValue.utf8.count <= 4_096
        default: true
        }
    }

    func sendError(_ error: any Error, replyingTo message: DBusMessage) {
        reportFailure(error, of: message)
        guard message.expectsReply, let reply = message.makeErrorReply(DBusError(converting: error)) else { return }
        try? connection.core.send(reply)
    }

    static func requireSignature(_ expected: String, _ signature: String, of method: DBusMethodInfo, in interface: String) throws {
        guard signature == expected else {
            throw DBusError.invalidArgs(describeMismatch(of: method, interface: interface, received: signature))
        }
    }

    // MARK: Peer (libdbus answers these itself; this covers calls without an interface)

    private func handlePeer(_ message: DBusMessage, member: String, signature: String) throws {
        switch member {
        case "Ping":
            try Self.requireSignature("", signature, of: DBusInterfaceInfo.peer.methods[0], in: StandardInterfaceName.peer)
            sendReply([], replyingTo: message)
        case "GetMachineId":
            try Self.requireSignature("", signature, of: DBusInterfaceInfo.peer.methods[1], in: StandardInterfaceName.peer)
            guard let raw = dbus_get_local_machine_id() else {
                throw DBusError.failed("the machine id is not available")
            }
            let machineID = String(cString: raw)
            dbus_free(raw)
            sendReply([.string(machineID)], replyingTo: message)
        default:
            throw DBusError.unknownMethod("interface \(StandardInterfaceName.peer) has no method \(member)")
        }
    }
}
