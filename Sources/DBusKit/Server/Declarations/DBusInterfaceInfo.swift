/// An annotation on an interface, member or argument, e.g.
/// `org.freedesktop.DBus.Deprecated = true`.
public struct DBusAnnotation: Hashable, Sendable {
    /// The annotation name.
    public var name: String
    /// The value text.
    public var value: String

    /// An annotation.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    /// `org.freedesktop.DBus.Deprecated = true`.
    public static let deprecated = DBusAnnotation("org.freedesktop.DBus.Deprecated", "true")
    /// `org.freedesktop.DBus.Method.NoReply = true`: callers need not wait for a reply.
    public static let noReply = DBusAnnotation("org.freedesktop.DBus.Method.NoReply", "true")
}

/// A named, typed method or signal argument.
public struct DBusArgument: Hashable, Sendable {
    /// The argument name shown in introspection and in error messages.
    public var name: String
    /// The argument's type.
    public var type: DBusType
    /// Annotations on the argument.
    public var annotations: [DBusAnnotation]
    /// What the argument means, for the documented `interfaces/*.xml` files.
    public var documentation: String?

    /// An argument of a given D-Bus type.
    public init(_ name: String, _ type: DBusType, annotations: [DBusAnnotation] = [], doc: String? = nil) {
        self.name = name
        self.type = type
        self.annotations = annotations
        self.documentation = doc
    }

    /// An argument whose type is that of a Swift type, e.g. `DBusArgument("count", UInt32.self)`.
    public init<Value: DBusValueConvertible>(
        _ name: String, _ swiftType: Value.Type, annotations: [DBusAnnotation] = [], doc: String? = nil
    ) {
        self.init(name, Value.dbusType, annotations: annotations, doc: doc)
    }
}

/// The description of a method: name and typed arguments.
public struct DBusMethodInfo: Hashable, Sendable {
    /// The method name.
    public var name: String
    /// The arguments the caller sends.
    public var inputs: [DBusArgument]
    /// The values the reply carries.
    public var outputs: [DBusArgument]
    /// Annotations on the method.
    public var annotations: [DBusAnnotation]
    /// What the method does, for the documented `interfaces/*.xml` files.
    public var documentation: String?

    /// A method description.
    public init(
        _ name: String, inputs: [DBusArgument] = [], outputs: [DBusArgument] = [], annotations: [DBusAnnotation] = [],
        doc: String? = nil
    ) {
        self.name = name
        self.inputs = inputs
        self.outputs = outputs
        self.annotations = annotations
        self.documentation = doc
    }

    /// The signature callers must send, e.g. `su`.
    public var inputSignature: String { inputs.map(\.type.signature).joined() }
    /// The signature of the reply.
    public var outputSignature: String { outputs.map(\.type.signature).joined() }
}

/// Who may read and write a property.
public enum DBusPropertyAccess: String, Hashable, Sendable {
    /// Readable only.
    case read
    /// Writable only.
    case write
    /// Readable and writable.
    case readWrite = "readwrite"

    /// Whether `Get` is allowed.
    public var isReadable: Bool { self != .write }
    /// Whether `Set` is allowed.
    public var isWritable: Bool { self != .read }
}

/// What `PropertiesChanged` says when a property changes
/// (`org.freedesktop.DBus.Property.EmitsChangedSignal`).
public enum DBusEmitsChangedSignal: String, Hashable, Sendable {
    /// The signal carries the new value (the default).
    case `true`
    /// The signal names the property as invalidated, without the value.
    case invalidates
    /// The value never changes while the object exists.
    case const
    /// No signal is emitted.
    case `false`
}

/// The description of a property.
public struct DBusPropertyInfo: Hashable, Sendable {
    /// The property name.
    public var name: String
    /// The property's type.
    public var type: DBusType
    /// Who may read and write it.
    public var access: DBusPropertyAccess
    /// What `PropertiesChanged` carries for it.
    public var emitsChangedSignal: DBusEmitsChangedSignal
    /// Annotations besides `EmitsChangedSignal`.
    public var annotations: [DBusAnnotation]
    /// What the property holds, for the documented `interfaces/*.xml` files.
    public var documentation: String?

    /// A property description.
    public init(
        _ name: String, _ type: DBusType, access: DBusPropertyAccess = .read,
        emitsChangedSignal: DBusEmitsChangedSignal = .true, annotations: [DBusAnnotation] = [], doc: String? = nil
    ) {
        self.name = name
        self.type = type
        self.access = access
        self.emitsChangedSignal = emitsChangedSignal
        self.annotations = annotations
        self.documentation = doc
    }
}

/// The declaration of a signal an interface emits.
public struct DBusSignal: Hashable, Sendable {
    /// The signal name.
    public var name: String
    /// The signal's arguments.
    public var arguments: [DBusArgument]
    /// Annotations on the signal.
    public var annotations: [DBusAnnotation]
    /// When the signal is emitted and to whom, for the documented `interfaces/*.xml` files.
    public var documentation: String?

    /// A signal declaration.
    public init(_ name: String, arguments: [DBusArgument] = [], annotations: [DBusAnnotation] = [], doc: String? = nil) {
        self.name = name
        self.arguments = arguments
        self.annotations = annotations
        self.documentation = doc
    }

    /// The signature of the signal's arguments.
    public var signature: String { arguments.map(\.type.signature).joined() }
}

/// Everything introspection says about one interface: the part of a ``DBusInterface`` without
/// its implementation. Introspection XML and `interfaces/*.xml` files are generated from it.
public struct DBusInterfaceInfo: Hashable, Sendable {
    /// The interface name, e.g. `org.example.Thing1`.
    public var name: String
    /// The methods, in declaration order.
    public var methods: [DBusMethodInfo]
    /// The properties, in declaration order.
    public var properties: [DBusPropertyInfo]
    /// The signals, in declaration order.
    public var signals: [DBusSignal]
    /// Annotations on the interface.
    public var annotations: [DBusAnnotation]
    /// What the interface is for; its first sentence is the short description.
    public var documentation: String?

    /// An interface description.
    public init(
        _ name: String, methods: [DBusMethodInfo] = [], properties: [DBusPropertyInfo] = [],
        signals: [DBusSignal] = [], annotations: [DBusAnnotation] = [], doc: String? = nil
    ) {
        self.name = name
        self.methods = methods
        self.properties = properties
        self.signals = signals
        self.annotations = annotations
        self.documentation = doc
    }

    /// The members and arguments without documentation, as `Member` or `Member(argument)`:
    /// what a documented interface still lacks.
    public var undocumentedParts: [String] {
        var missing: [String] = []
        if documentation == nil { missing.append(name) }
        for method in methods {
            if method.documentation == nil { missing.append(method.name) }
            for argument in method.inputs + method.outputs where argument.documentation == nil {
                missing.append("\(method.name)(\(argument.name))")
            }
        }
        for property in properties where property.documentation == nil { missing.append(property.name) }
        for signal in signals {
            if signal.documentation == nil { missing.append(signal.name) }
            for argument in signal.arguments where argument.documentation == nil {
                missing.append("\(signal.name)(\(argument.name))")
            }
        }
        return missing
    }

    /// The method named `name`.
    public func method(named name: String) -> DBusMethodInfo? { methods.first { $0.name == name } }
    /// The property named `name`.
    public func property(named name: String) -> DBusPropertyInfo? { properties.first { $0.name == name } }
    /// The signal named `name`.
    public func signal(named name: String) -> DBusSignal? { signals.first { $0.name == name } }

    /// Checks every name and type against the protocol: a valid interface name, valid and unique
    /// member names, valid types, argument signatures within 255 bytes.
    ///
    /// - Throws: ``DBusError/invalidArgs(_:)`` naming the first problem.
    public func validate() throws {
        guard DBusNames.isValidInterfaceName(name) else {
            throw DBusError.invalidArgs("interface '\(name)' has an invalid name")
        }
        var seen: [String: String] = [:]
        func member(_ memberName: String, kind: String) throws {
            guard DBusNames.isValidMemberName(memberName) else {
                throw DBusError.invalidArgs("interface \(name): \(kind) '\(memberName)' has an invalid name")
            }
            if let previous = seen[memberName], previous == kind {
                throw DBusError.invalidArgs("interface \(name): \(kind) '\(memberName)' is declared twice")
            }
            seen[memberName] = kind
        }
        func arguments(_ list: [DBusArgument], of owner: String) throws {
            for argument in list {
                do {
                    try argument.type.validate()
                } catch let error as DBusError {
                    throw DBusError.invalidArgs("interface \(name): \(owner), argument '\(argument.name)': \(error.message)")
                }
                if argument.name.utf8.contains(0) {
                    throw DBusError.invalidArgs("interface \(name): \(owner) has an argument name with a NUL character")
                }
            }
            let signatureLength = list.map(\.type.signature.utf8.count).reduce(0, +)
            if signatureLength > 255 {
                throw DBusError.invalidArgs("interface \(name): \(owner) has a \(signatureLength)-byte signature, the limit is 255")
            }
        }
        for method in methods {
            try member(method.name, kind: "method")
            try arguments(method.inputs, of: "method \(method.name) inputs")
            try arguments(method.outputs, of: "method \(method.name) outputs")
        }
        for property in properties {
            try member(property.name, kind: "property")
            do {
                try property.type.validate()
            } catch let error as DBusError {
                throw DBusError.invalidArgs("interface \(name): property \(property.name): \(error.message)")
            }
        }
        for signal in signals {
            try member(signal.name, kind: "signal")
            try arguments(signal.arguments, of: "signal \(signal.name)")
        }
        let allAnnotations = annotations + methods.flatMap(\.annotations) + properties.flatMap(\.annotations)
            + signals.flatMap(\.annotations)
        for annotation in allAnnotations where annotation.name.isEmpty || annotation.name.utf8.contains(0) || annotation.value.utf8.contains(0) {
            throw DBusError.invalidArgs("interface \(name): annotation '\(annotation.name)' is empty or contains a NUL character")
        }
    }
}
