/// A method of a ``DBusInterface``: its description plus the handler that implements it for a
/// `Model` (the value an object is built from, e.g. a database row).
///
/// Synchronous handlers run on the connection's loop thread and should be quick; `async`
/// handlers run in a task and reply when they finish, so a slow call does not hold up others.
/// Arguments arrive already checked against `inputs`; the returned values must match `outputs`.
///
/// ```swift
/// DBusMethod("Rename", inputs: [DBusArgument("name", .string)], outputs: [DBusArgument("old", .string)]) { row, call in
///     let name = try call.decode(String.self)
///     return [.string(try store.rename(row.id, to: name))]
/// }
/// ```
public struct DBusMethod<Model: Sendable>: Sendable {
    enum Handler: Sendable {
        case immediate(@Sendable (Model, MethodCall) throws -> [DBusValue])
        case deferred(@Sendable (Model, MethodCall) async throws -> [DBusValue])
    }

    /// The method's description.
    public let info: DBusMethodInfo
    let handler: Handler

    /// A method whose handler runs on the loop thread.
    public init(
        _ name: String, inputs: [DBusArgument] = [], outputs: [DBusArgument] = [],
        annotations: [DBusAnnotation] = [], doc: String? = nil,
        _ handler: @escaping @Sendable (Model, MethodCall) throws -> [DBusValue]
    ) {
        info = DBusMethodInfo(name, inputs: inputs, outputs: outputs, annotations: annotations, doc: doc)
        self.handler = .immediate(handler)
    }

    /// A method whose handler runs as a task and replies when it finishes.
    public init(
        _ name: String, inputs: [DBusArgument] = [], outputs: [DBusArgument] = [],
        annotations: [DBusAnnotation] = [], doc: String? = nil,
        async handler: @escaping @Sendable (Model, MethodCall) async throws -> [DBusValue]
    ) {
        info = DBusMethodInfo(name, inputs: inputs, outputs: outputs, annotations: annotations, doc: doc)
        self.handler = .deferred(handler)
    }
}

/// A property of a ``DBusInterface``: its description plus a getter and/or setter for a `Model`.
///
/// Access follows from what is supplied: a getter only is read-only, a setter only is
/// write-only, both is read-write. Getters and setters receive the caller, so values can
/// depend on who asks (e.g. secrets blanked). A successful `Set` does not emit
/// `PropertiesChanged` by itself: the service decides who may learn of the change
/// (``ObjectServer/emitPropertiesChanged(_:of:at:to:)``).
public struct DBusProperty<Model: Sendable>: Sendable {
    /// The property's description.
    public let info: DBusPropertyInfo
    let getter: (@Sendable (Model, CallerContext) throws -> DBusValue)?
    let setter: (@Sendable (Model, DBusValue, CallerContext) throws -> Void)?

    /// A read-only property.
    public init(
        _ name: String, _ type: DBusType, emitsChangedSignal: DBusEmitsChangedSignal = .true,
        annotations: [DBusAnnotation] = [], doc: String? = nil,
        get: @escaping @Sendable (Model, CallerContext) throws -> DBusValue
    ) {
        info = DBusPropertyInfo(name, type, access: .read, emitsChangedSignal: emitsChangedSignal, annotations: annotations, doc: doc)
        getter = get
        setter = nil
    }

    /// A read-write property; the setter receives a value already checked to be of `type`.
    public init(
        _ name: String, _ type: DBusType, emitsChangedSignal: DBusEmitsChangedSignal = .true,
        annotations: [DBusAnnotation] = [], doc: String? = nil,
        get: @escaping @Sendable (Model, CallerContext) throws -> DBusValue,
        set: @escaping @Sendable (Model, DBusValue, CallerContext) throws -> Void
    ) {
        info = DBusPropertyInfo(name, type, access: .readWrite, emitsChangedSignal: emitsChangedSignal, annotations: annotations, doc: doc)
        getter = get
        setter = set
    }

    /// A write-only property.
    public init(
        _ name: String, _ type: DBusType, emitsChangedSignal: DBusEmitsChangedSignal = .true,
        annotations: [DBusAnnotation] = [], doc: String? = nil,
        set: @escaping @Sendable (Model, DBusValue, CallerContext) throws -> Void
    ) {
        info = DBusPropertyInfo(name, type, access: .write, emitsChangedSignal: emitsChangedSignal, annotations: annotations, doc: doc)
        getter = nil
        setter = set
    }

    /// A read-only property typed by a Swift type: `DBusProperty("Name", String.self) { row, _ in row.name }`.
    public init<Value: DBusValueConvertible>(
        _ name: String, _ valueType: Value.Type, emitsChangedSignal: DBusEmitsChangedSignal = .true,
        annotations: [DBusAnnotation] = [], doc: String? = nil,
        get: @escaping @Sendable (Model, CallerContext) throws -> Value
    ) {
        self.init(name, Value.dbusType, emitsChangedSignal: emitsChangedSignal, annotations: annotations, doc: doc) { model, caller in
            try get(model, caller).dbusValue
        }
    }

    /// A read-write property typed by a Swift type.
    public init<Value: DBusValueConvertible>(
        _ name: String, _ valueType: Value.Type, emitsChangedSignal: DBusEmitsChangedSignal = .true,
        annotations: [DBusAnnotation] = [], doc: String? = nil,
        get: @escaping @Sendable (Model, CallerContext) throws -> Value,
        set: @escaping @Sendable (Model, Value, CallerContext) throws -> Void
    ) {
        self.init(
            name, Value.dbusType, emitsChangedSignal: emitsChangedSignal, annotations: annotations, doc: doc,
            get: { model, caller in try get(model, caller).dbusValue },
            set: { model, value, caller in try set(model, try Value(dbusValue: value), caller) })
    }
}

/// One member in a ``DBusInterface`` declaration.
public enum DBusInterfaceMember<Model: Sendable>: Sendable {
    /// A method.
    case method(DBusMethod<Model>)
    /// A property.
    case property(DBusProperty<Model>)
    /// A signal.
    case signal(DBusSignal)
    /// An annotation on the interface itself.
    case annotation(DBusAnnotation)
}

/// Collects the members of a ``DBusInterface`` written as a block:
///
/// ```swift
/// let greeter = DBusInterface<Greeter>("org.example.Greeter1") {
///     DBusMethod("Greet", inputs: [DBusArgument("who", .string)], outputs: [DBusArgument("greeting", .string)]) { greeter, call in
///         [.string("Hello, \(try call.decode(String.self))")]
///     }
///     DBusProperty("Name", String.self) { greeter, _ in greeter.name }
///     DBusSignal("Greeted", arguments: [DBusArgument("who", .string)])
/// }
/// ```
@resultBuilder
public enum DBusInterfaceBuilder<Model: Sendable> {
    /// A method.
    public static func buildExpression(_ method: DBusMethod<Model>) -> [DBusInterfaceMember<Model>] { [.method(method)] }
    /// A property.
    public static func buildExpression(_ property: DBusProperty<Model>) -> [DBusInterfaceMember<Model>] { [.property(property)] }
    /// A signal.
    public static func buildExpression(_ signal: DBusSignal) -> [DBusInterfaceMember<Model>] { [.signal(signal)] }
    /// An interface annotation.
    public static func buildExpression(_ annotation: DBusAnnotation) -> [DBusInterfaceMember<Model>] { [.annotation(annotation)] }
    /// Members built elsewhere.
    public static func buildExpression(_ members: [DBusInterfaceMember<Model>]) -> [DBusInterfaceMember<Model>] { members }
    /// A block of members.
    public static func buildBlock(_ parts: [DBusInterfaceMember<Model>]...) -> [DBusInterfaceMember<Model>] { parts.flatMap { $0 } }
    /// Members under `if`.
    public static func buildOptional(_ part: [DBusInterfaceMember<Model>]?) -> [DBusInterfaceMember<Model>] { part ?? [] }
    /// The `if` branch.
    public static func buildEither(first part: [DBusInterfaceMember<Model>]) -> [DBusInterfaceMember<Model>] { part }
    /// The `else` branch.
    public static func buildEither(second part: [DBusInterfaceMember<Model>]) -> [DBusInterfaceMember<Model>] { part }
    /// Members from a `for` loop.
    public static func buildArray(_ parts: [[DBusInterfaceMember<Model>]]) -> [DBusInterfaceMember<Model>] { parts.flatMap { $0 } }
}
