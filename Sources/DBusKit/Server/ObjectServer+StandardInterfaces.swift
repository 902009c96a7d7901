extension ObjectServer {
    // MARK: Introspectable

    func handleIntrospectable(
        _ message: DBusMessage, path: ObjectPath, member: String, signature: String, caller: CallerContext
    ) throws {
        guard member == "Introspect" else {
            throw DBusError.unknownMethod("interface \(StandardInterfaceName.introspectable) has no method \(member)")
        }
        try Self.requireSignature("", signature, of: DBusInterfaceInfo.introspectable.methods[0], in: StandardInterfaceName.introspectable)
        sendReply([.string(try introspectionXML(at: path, for: caller))], replyingTo: message)
    }

    /// The `Introspect` reply for `path` as `caller` sees it.
    ///
    /// - Throws: ``DBusError/unknownObject(_:)`` when nothing exists at or below `path` for
    ///   this caller.
    public func introspectionXML(at path: ObjectPath, for caller: CallerContext) throws -> String {
        let object = try object(at: path, for: caller)
        let children = try childNames(of: path, for: caller)
        // A manager by rule is one only where an object exists for this caller: otherwise a
        // path the caller may not see would answer unlike a missing one.
        let isManager = isRegisteredObjectManager(path) || (object != nil && isObjectManager(path))
        let exists = object != nil || !children.isEmpty || isManager || path == .root || anchorsSomething(at: path)
        guard exists else { throw DBusError.unknownObject("no object at \(path)") }
        var elements = [StandardInterfaceXML.peer, StandardInterfaceXML.introspectable]
        if object != nil { elements.append(StandardInterfaceXML.properties) }
        if isManager { elements.append(StandardInterfaceXML.objectManager) }
        for bound in object?.interfaces ?? [] {
            elements.append(bound.implementation.shape.introspectionElement)
        }
        return IntrospectionXML.document(elements: elements, children: children)
    }

    // MARK: Properties

    func handleProperties(
        _ message: DBusMessage, path: ObjectPath, member: String, signature: String, caller: CallerContext
    ) throws {
        let standard = DBusInterfaceInfo.properties
        switch member {
        case "Get":
            try Self.requireSignature("ss", signature, of: standard.methods[0], in: StandardInterfaceName.properties)
            let (interface, property) = try MessageReader.read(message.pointer, types: [.string, .string])
                .decode(String.self, String.self)
            try answerGet(message, path: path, interface: interface, property: property, caller: caller)
        case "GetAll":
            try Self.requireSignature("s", signature, of: standard.methods[1], in: StandardInterfaceName.properties)
            let interface = try MessageReader.read(message.pointer, types: [.string]).decode(String.self)
            guard let object = try object(at: path, for: caller) else {
                throw DBusError.unknownObject("no object at \(path)")
            }
            var entries: [DBusDictionaryEntry] = []
            if interface.isEmpty {
                for bound in object.interfaces { entries += try Self.propertyEntries(of: bound, for: caller) }
            } else if let bound = object.interface(named: interface) {
                entries = try Self.propertyEntries(of: bound, for: caller)
            } else if !Self.isStandardInterface(interface, at: path, server: self) {
                throw DBusError.unknownInterface("the object at \(path) has no interface \(interface)")
            }
            sendReply([.dictionary(key: .string, value: .variant, entries)], replyingTo: message)
        case "Set":
            try Self.requireSignature("ssv", signature, of: standard.methods[2], in: StandardInterfaceName.properties)
            let (interface, property, value) = try MessageReader.read(message.pointer, types: [.string, .string, .variant])
                .decode(String.self, String.self, DBusValue.self)
            let bound = try boundInterface(interface, at: path, caller: caller)
            let shape = bound.implementation.shape
            guard let index = shape.propertyIndex[property] else {
                throw DBusError.unknownProperty("interface \(interface) has no property '\(property)'")
            }
            let info = shape.info.properties[index]
            guard info.access.isWritable else {
                throw DBusError.propertyReadOnly("property \(property) of \(interface) is read-only")
            }
            guard value.matches(info.type) else {
                throw DBusError.invalidArgs(
                    "property \(property) of \(interface) is \(info.type.readableName), the value given is \(value.type.readableName)")
            }
            try bound.implementation.writeProperty(at: index, value, caller: caller)
            sendReply([], replyingTo: message)
        default:
            throw DBusError.unknownMethod("interface \(StandardInterfaceName.properties) has no method \(member)")
        }
    }

    /// Answers `Get(interface, property)` on `path` as `caller` sees it.
    func answerGet(_ message: DBusMessage, path: ObjectPath, interface: String, property: String, caller: CallerContext) throws {
        let reader = registry.withLock { $0.propertyReader(at: path) }
        try answerGet(message.pointer, target: GetTarget(path: path, interface: interface, property: property, reader: reader), caller: caller)
    }

    /// Answers `Get(target.interface, target.property)` on `target.path` to `call` (lent by
    /// libdbus or held by a ``DBusMessage``): from the covering subtree's reader when it has the
    /// value, else from the resolved object.
    func answerGet(_ call: OpaquePointer, target: GetTarget, caller: CallerContext) throws {
        if let value = target.read(for: caller) {
            sendVariantReply(value, replyingTo: call)
            return
        }
        let bound = try boundInterface(target.interface, at: target.path, caller: caller)
        sendVariantReply(try bound.value(ofProperty: target.property, for: caller), replyingTo: call)
    }

    private func boundInterface(_ interface: String, at path: ObjectPath, caller: CallerContext) throws -> DBusBoundInterface {
        guard let object = try object(at: path, for: caller) else {
            throw DBusError.unknownObject("no object at \(path)")
        }
        if let bound = object.interface(named: interface) { return bound }
        if Self.isStandardInterface(interface, at: path, server: self) {
            throw DBusError.unknownProperty("interface \(interface) has no properties")
        }
        throw DBusError.unknownInterface("the object at \(path) has no interface \(interface)")
    }

    private static func isStandardInterface(_ interface: String, at path: ObjectPath, server: ObjectServer) -> Bool {
        switch interface {
        case StandardInterfaceName.introspectable, StandardInterfaceName.properties, StandardInterfaceName.peer:
            return true
        case StandardInterfaceName.objectManager:
            return server.isObjectManager(path)
        default:
            return false
        }
    }

    static func propertyEntries(of bound: DBusBoundInterface, for caller: CallerContext) throws -> [DBusDictionaryEntry] {
        try bound.allPropertyValues(for: caller).map { DBusDictionaryEntry(key: .string($0.name), value: .variant($0.value)) }
    }

    /// `a{sa{sv}}`: every interface of `object` with its readable properties.
    static func interfacesAndProperties(
        of object: DBusObject, only names: Set<String>? = nil, for caller: CallerContext
    ) throws -> DBusValue {
        var entries: [DBusDictionaryEntry] = []
        for bound in object.interfaces where names?.contains(bound.name) ?? true {
            entries.append(DBusDictionaryEntry(
                key: .string(bound.name),
                value: .dictionary(key: .string, value: .variant, try propertyEntries(of: bound, for: caller))))
        }
        return .dictionary(key: .string, value: .dictionary(key: .string, value: .variant), entries)
    }
}
