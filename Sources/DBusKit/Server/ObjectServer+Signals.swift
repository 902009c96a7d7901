extension ObjectServer {
    /// Emits a signal declared by `interface`, checking the arguments against the declaration.
    /// With a `destination` only that peer receives it (unicast); otherwise every subscriber.
    ///
    /// - Throws: ``DBusError/invalidArgs(_:)`` when the interface declares no such signal or
    ///   an argument has the wrong type (naming it).
    public func emit(
        _ signalName: String, of interface: DBusInterfaceInfo, from path: ObjectPath,
        arguments: [DBusValue] = [], to destination: String? = nil
    ) throws {
        guard let signal = interface.signal(named: signalName) else {
            throw DBusError.invalidArgs("interface \(interface.name) declares no signal \(signalName)")
        }
        guard arguments.count == signal.arguments.count else {
            throw DBusError.invalidArgs(
                "signal \(interface.name).\(signalName) takes \(signal.arguments.count) arguments ('\(signal.signature)'), got \(arguments.count)")
        }
        for (position, (value, argument)) in zip(arguments, signal.arguments).enumerated() where !value.matches(argument.type) {
            throw DBusError.invalidArgs(
                "signal \(interface.name).\(signalName) argument \(position + 1) '\(argument.name)' must be \(argument.type.readableName), not \(value.type.readableName)")
        }
        try connection.emitSignal(path: path, interface: interface.name, name: signalName, arguments: arguments, to: destination)
    }

    /// Emits `org.freedesktop.DBus.Properties.PropertiesChanged` with the given values.
    public func emitPropertiesChanged(
        at path: ObjectPath, interface: String, changed: [(name: String, value: DBusValue)],
        invalidated: [String] = [], to destination: String? = nil
    ) throws {
        let entries = changed.map { DBusDictionaryEntry(key: .string($0.name), value: .variant($0.value)) }
        try connection.emitSignal(
            path: path, interface: StandardInterfaceName.properties, name: "PropertiesChanged",
            arguments: [
                .string(interface), .dictionary(key: .string, value: .variant, entries),
                .array(.string, invalidated.map(DBusValue.string)),
            ],
            to: destination)
    }

    /// Emits `PropertiesChanged` for `properties` of a bound interface as its declaration
    /// says: properties marked `EmitsChangedSignal=true` carry their current value (read for
    /// the destination, or for a broadcast), `invalidates` ones are listed as invalidated,
    /// `const` and `false` ones are left out. Nothing is sent when nothing remains.
    ///
    /// - Throws: ``DBusError/unknownProperty(_:)`` for an undeclared name; what a getter throws.
    public func emitPropertiesChanged(
        _ properties: [String], of bound: DBusBoundInterface, at path: ObjectPath, to destination: String? = nil
    ) throws {
        let caller = callerContext(for: destination)
        var changed: [(name: String, value: DBusValue)] = []
        var invalidated: [String] = []
        for name in properties {
            guard let info = bound.info.property(named: name) else {
                throw DBusError.unknownProperty("interface \(bound.name) has no property '\(name)'")
            }
            switch info.emitsChangedSignal {
            case .true where info.access.isReadable:
                changed.append((name, try bound.value(ofProperty: name, for: caller)))
            case .true, .invalidates:
                invalidated.append(name)
            case .const, .false:
                continue
            }
        }
        guard !changed.isEmpty || !invalidated.isEmpty else { return }
        try emitPropertiesChanged(at: path, interface: bound.name, changed: changed, invalidated: invalidated, to: destination)
    }

    /// Emits `ObjectManager.InterfacesAdded` for an object at `path`, from the closest object
    /// manager above it, with the properties as the destination (or a broadcast) sees them.
    ///
    /// - Parameter interfaces: the names to announce; all of the object's when `nil`.
    /// - Throws: ``DBusError/failed(_:)`` when no object manager is registered above `path`.
    public func emitInterfacesAdded(
        _ object: DBusObject, at path: ObjectPath, interfaces: [String]? = nil, to destination: String? = nil
    ) throws {
        guard let manager = objectManager(above: path) else {
            throw DBusError.failed("no object manager is registered above \(path)")
        }
        let value = try Self.interfacesAndProperties(
            of: object, only: interfaces.map(Set.init), for: callerContext(for: destination))
        try connection.emitSignal(
            path: manager, interface: StandardInterfaceName.objectManager, name: "InterfacesAdded",
            arguments: [.objectPath(path), value], to: destination)
    }

    /// Emits `ObjectManager.InterfacesRemoved` for `path` from the closest object manager above it.
    ///
    /// - Throws: ``DBusError/failed(_:)`` when no object manager is registered above `path`.
    public func emitInterfacesRemoved(_ interfaces: [String], at path: ObjectPath, to destination: String? = nil) throws {
        guard let manager = objectManager(above: path) else {
            throw DBusError.failed("no object manager is registered above \(path)")
        }
        try connection.emitSignal(
            path: manager, interface: StandardInterfaceName.objectManager, name: "InterfacesRemoved",
            arguments: [.objectPath(path), .array(.string, interfaces.map(DBusValue.string))], to: destination)
    }
}
