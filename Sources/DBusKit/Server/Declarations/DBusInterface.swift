/// An interface declared once: its description together with the code implementing it for a
/// `Model` type.
///
/// Dispatch (with argument checking), `org.freedesktop.DBus.Properties`, `Introspect` XML,
/// `ObjectManager` contents and the `interfaces/*.xml` files (``InterfaceFiles``) all come
/// from this one declaration. Declare it once (a `static let`), then bind it to a model value
/// for each object — ``bound(to:)`` is a cheap pair of references, so a resolver can build
/// objects per call from a database row:
///
/// ```swift
/// let packageInterface = DBusInterface<PackageRow>("org.example.Package1") {
///     DBusProperty("Name", String.self) { row, _ in row.name }
///     DBusMethod("Delete") { row, call in try store.delete(row.id); return [] }
/// }
/// let object = DBusObject(packageInterface.bound(to: row))
/// ```
///
/// A declaration that breaks a protocol rule (an invalid name, a duplicate member, a
/// dictionary keyed by a struct) is reported by ``validate()``, refused by
/// ``ObjectServer/register(_:at:)``, and answered with `Failed` when a resolver returns it.
public final class DBusInterface<Model: Sendable>: Sendable {
    /// The description: what introspection shows.
    public var info: DBusInterfaceInfo { shape.info }
    /// The interface name.
    public var name: String { shape.info.name }
    let shape: InterfaceShape
    let methodHandlers: [DBusMethod<Model>.Handler]
    let getters: [(@Sendable (Model, CallerContext) throws -> DBusValue)?]
    let setters: [(@Sendable (Model, DBusValue, CallerContext) throws -> Void)?]
    let readable: [Bool]

    /// Declares an interface from a block of members.
    public convenience init(
        _ name: String, annotations: [DBusAnnotation] = [], doc: String? = nil,
        @DBusInterfaceBuilder<Model> members: () -> [DBusInterfaceMember<Model>]
    ) {
        var methods: [DBusMethod<Model>] = []
        var properties: [DBusProperty<Model>] = []
        var signals: [DBusSignal] = []
        var allAnnotations = annotations
        for member in members() {
            switch member {
            case .method(let method): methods.append(method)
            case .property(let property): properties.append(property)
            case .signal(let signal): signals.append(signal)
            case .annotation(let annotation): allAnnotations.append(annotation)
            }
        }
        self.init(name, methods: methods, properties: properties, signals: signals, annotations: allAnnotations, doc: doc)
    }

    /// Declares an interface from lists of members.
    public init(
        _ name: String, methods: [DBusMethod<Model>] = [], properties: [DBusProperty<Model>] = [],
        signals: [DBusSignal] = [], annotations: [DBusAnnotation] = [], doc: String? = nil
    ) {
        let info = DBusInterfaceInfo(
            name, methods: methods.map(\.info), properties: properties.map(\.info), signals: signals,
            annotations: annotations, doc: doc)
        shape = InterfaceShape(info)
        methodHandlers = methods.map(\.handler)
        getters = properties.map(\.getter)
        setters = properties.map(\.setter)
        readable = properties.map { $0.getter != nil }
    }

    /// Checks the declaration against the protocol rules.
    ///
    /// - Throws: ``DBusError/invalidArgs(_:)`` naming the first problem.
    public func validate() throws {
        if let problem = shape.declarationError { throw problem }
    }

    /// Reads one property of `model` as `caller` would see it through ``bound(to:)``, with the
    /// same checks, without building the bound interface.
    ///
    /// - Throws: ``DBusError/unknownProperty(_:)``, ``DBusError/accessDenied(_:)`` for a
    ///   write-only property, or what the getter throws.
    public func value(ofProperty property: String, of model: Model, for caller: CallerContext = .broadcast) throws -> DBusValue {
        guard let index = shape.propertyIndex[property] else {
            throw DBusError.unknownProperty("interface \(shape.info.name) has no property '\(property)'")
        }
        return try Binding(interface: self, model: model).readProperty(at: index, caller: caller)
    }

    /// This interface implemented for one model value: a part of a ``DBusObject``.
    public func bound(to model: Model) -> DBusBoundInterface {
        DBusBoundInterface(Binding(interface: self, model: model))
    }
}

/// The model-independent part of an interface, computed once per declaration: lookup tables,
/// signatures, the introspection XML and the validation verdict.
final class InterfaceShape: Sendable {
    let info: DBusInterfaceInfo
    let methodIndex: [String: Int]
    let propertyIndex: [String: Int]
    let inputSignatures: [String]
    let outputTypes: [[DBusType]]
    let introspectionElement: String
    let declarationError: DBusError?

    init(_ info: DBusInterfaceInfo) {
        self.info = info
        var methods: [String: Int] = [:]
        for (index, method) in info.methods.enumerated() where methods[method.name] == nil { methods[method.name] = index }
        methodIndex = methods
        var properties: [String: Int] = [:]
        for (index, property) in info.properties.enumerated() where properties[property.name] == nil {
            properties[property.name] = index
        }
        propertyIndex = properties
        inputSignatures = info.methods.map(\.inputSignature)
        outputTypes = info.methods.map { $0.outputs.map(\.type) }
        introspectionElement = IntrospectionXML.interfaceElement(info, indent: "  ")
        do {
            try info.validate()
            declarationError = nil
        } catch let error as DBusError {
            declarationError = error
        } catch {
            declarationError = DBusError(converting: error)
        }
    }
}

/// What a method handler produced: a result now, or work to run as a task.
enum MethodOutcome {
    case finished(Result<[DBusValue], any Error>)
    case deferred(@Sendable () async throws -> [DBusValue])
}

/// The type-erased view of an interface bound to its model.
protocol BoundImplementation: Sendable {
    var shape: InterfaceShape { get }
    func invokeMethod(at index: Int, _ call: MethodCall) -> MethodOutcome
    func readProperty(at index: Int, caller: CallerContext) throws -> DBusValue
    func writeProperty(at index: Int, _ value: DBusValue, caller: CallerContext) throws
    var canRead: [Bool] { get }
}

private struct Binding<Model: Sendable>: BoundImplementation {
    let interface: DBusInterface<Model>
    let model: Model

    var shape: InterfaceShape { interface.shape }

    var canRead: [Bool] { interface.readable }

    func invokeMethod(at index: Int, _ call: MethodCall) -> MethodOutcome {
        switch interface.methodHandlers[index] {
        case .immediate(let handler):
            return .finished(Result { try handler(model, call) })
        case .deferred(let handler):
            let model = self.model
            return .deferred { try await handler(model, call) }
        }
    }

    func readProperty(at index: Int, caller: CallerContext) throws -> DBusValue {
        let info = interface.shape.info.properties[index]
        guard let getter = interface.getters[index] else {
            throw DBusError.accessDenied("property \(info.name) of \(interface.shape.info.name) is write-only")
        }
        let value = try getter(model, caller)
        guard value.matches(info.type) else {
            throw DBusError.failed(
                "property \(info.name) of \(interface.shape.info.name) is declared \(info.type.readableName) but its getter returned \(value.type.readableName)")
        }
        return value
    }

    func writeProperty(at index: Int, _ value: DBusValue, caller: CallerContext) throws {
        let info = interface.shape.info.properties[index]
        guard let setter = interface.setters[index] else {
            throw DBusError.propertyReadOnly("property \(info.name) of \(interface.shape.info.name) is read-only")
        }
        try setter(model, value, caller)
    }
}

/// An interface bound to the model value it serves; one part of a ``DBusObject``.
public struct DBusBoundInterface: Sendable {
    let implementation: any BoundImplementation

    init(_ implementation: any BoundImplementation) {
        self.implementation = implementation
    }

    /// The interface's description.
    public var info: DBusInterfaceInfo { implementation.shape.info }

    /// The interface name.
    public var name: String { implementation.shape.info.name }

    /// Reads one property as `caller` would see it.
    ///
    /// - Throws: ``DBusError/unknownProperty(_:)``, ``DBusError/accessDenied(_:)`` for a
    ///   write-only property, or what the getter throws.
    public func value(ofProperty property: String, for caller: CallerContext = .broadcast) throws -> DBusValue {
        guard let index = implementation.shape.propertyIndex[property] else {
            throw DBusError.unknownProperty("interface \(name) has no property '\(property)'")
        }
        return try implementation.readProperty(at: index, caller: caller)
    }

    /// Reads every readable property, in declaration order, as `caller` would see them.
    public func allPropertyValues(for caller: CallerContext = .broadcast) throws -> [(name: String, value: DBusValue)] {
        let readable = implementation.canRead
        var values: [(name: String, value: DBusValue)] = []
        for (index, property) in implementation.shape.info.properties.enumerated() where readable[index] {
            values.append((property.name, try implementation.readProperty(at: index, caller: caller)))
        }
        return values
    }
}

/// An object: the interfaces it implements, each bound to its model.
///
/// Build one per call in a resolver, or once for a fixed path. The standard interfaces
/// (Introspectable, Properties, Peer) are added by the ``ObjectServer``.
public struct DBusObject: Sendable {
    /// The object's own interfaces, in the order introspection lists them.
    public let interfaces: [DBusBoundInterface]

    /// An object implementing `interfaces`.
    public init(_ interfaces: [DBusBoundInterface]) {
        self.interfaces = interfaces
    }

    /// An object implementing `interfaces`.
    public init(_ interfaces: DBusBoundInterface...) {
        self.interfaces = interfaces
    }

    /// The bound interface named `name`.
    public func interface(named name: String) -> DBusBoundInterface? {
        interfaces.first { $0.name == name }
    }

    func validate() throws {
        for bound in interfaces {
            if let problem = bound.implementation.shape.declarationError { throw problem }
        }
    }
}
