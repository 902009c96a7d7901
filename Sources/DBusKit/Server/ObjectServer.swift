
/// Serves objects on a connection: fixed objects at fixed paths, and lazy subtrees whose
/// objects are resolved per call.
///
/// ```swift
/// let server = try ObjectServer(connection: connection)
/// try server.register(DBusObject(echo.bound(to: ())), at: try ObjectPath("/org/example/Echo"))
/// try server.registerSubtree(
///     try ObjectPath("/org/example/Items"),
///     resolve: { path, caller in try store.item(at: path, visibleTo: caller).map { DBusObject(item.bound(to: $0)) } },
///     enumerate: { path, caller in try store.childNames(of: path, visibleTo: caller) })
/// try server.addObjectManager(at: try ObjectPath("/org/example"))
/// try connection.requestName("org.example.App1")
/// ```
///
/// A subtree costs nothing per object: nothing is registered until a call names a path, then
/// the resolver builds the object (or returns `nil`, and the object does not exist for that
/// caller: `UnknownObject`). `Introspect` works on every path, including intermediate ones such
/// as `/org`, listing child nodes from registrations and enumerators so `busctl tree` walks
/// the whole tree. Every object also answers `org.freedesktop.DBus.Properties`,
/// `Introspectable` and `Peer`; paths given to ``addObjectManager(at:)`` (or matched by
/// ``addObjectManagers(within:where:)``) answer `org.freedesktop.DBus.ObjectManager.GetManagedObjects`.
///
/// Managers may nest, as the D-Bus specification allows: a manager reports every object below
/// it except those below a nested manager (the nested manager's own object is reported; what
/// is under it is the nested manager's to report), and `InterfacesAdded`/`InterfacesRemoved`
/// come from the closest manager above the object. Every reply is measured before it is sent:
/// one larger than ``maximumReplySize`` is answered with `LimitsExceeded` instead, so the bus
/// never drops the server for an oversized message. `GetManagedObjects` is built off the loop
/// thread, stops as soon as it passes the limit, and is abandoned when the caller leaves the bus.
///
/// Method calls, resolvers and enumerators run on the connection's loop thread; a synchronous
/// handler must therefore not call a method served by this same connection (give the method
/// an `async` handler instead). The server must be kept alive as long as it serves (the
/// connection only holds it weakly); one server per connection.
public final class ObjectServer: MethodCallHandling, Sendable {
    /// Builds the object at a path for a caller, or `nil` when there is none (for that caller).
    public typealias Resolver = @Sendable (ObjectPath, CallerContext) throws -> DBusObject?
    /// Lists the names of a path's direct children (path elements, not full paths) that the
    /// caller may see.
    public typealias Enumerator = @Sendable (ObjectPath, CallerContext) throws -> [String]
    /// Builds every object below a path the caller may see at once — each by its path relative
    /// to that path (`a` or `a/b/c`), with its object or `nil` for a node without interfaces —
    /// down to, but not below, nested object managers; or returns `nil` to have the children
    /// enumerated and resolved one by one. Lets `GetManagedObjects` read many objects in one batch.
    public typealias DescendantsResolver = @Sendable (ObjectPath, CallerContext) throws -> [(name: String, object: DBusObject?)]?
    /// Reads one property of the object at a path for a caller without resolving the object —
    /// `(path, interface, property, caller)` — or returns `nil` to have the object resolved and
    /// its getter called as usual. It must return exactly what that getter would, after the
    /// same rights checks, and `nil` whenever it cannot (an error included: the usual path then
    /// gives the answer). Lets a service serve its commonest `Get`s without building objects.
    public typealias PropertyReader = @Sendable (ObjectPath, String, String, CallerContext) -> DBusValue?
    /// Whether a path (within a manager rule's prefix) is an object manager.
    public typealias ManagerPredicate = @Sendable (ObjectPath) -> Bool
    /// What to call instead of a method whose reply was too large, or `nil` for nothing
    /// particular: `(path, interface, member)`.
    public typealias OversizeAdvice = @Sendable (ObjectPath, String?, String) -> String?
    /// Told which manager a caller asked `GetManagedObjects` of, before the reply is built.
    public typealias ManagedObjectsObserver = @Sendable (ObjectPath, CallerContext) -> Void

    struct Subtree: Sendable {
        let prefix: ObjectPath
        let resolve: Resolver
        let enumerate: Enumerator
        let resolveDescendants: DescendantsResolver?
        let readProperty: PropertyReader?
    }

    struct ManagerRule: Sendable {
        let prefix: ObjectPath
        let isManager: ManagerPredicate
    }

    struct Hooks: Sendable {
        var maximumReplySize: Int?
        var oversizeAdvice: OversizeAdvice?
        var managedObjectsObserver: ManagedObjectsObserver?
        /// Managers whose last reply had to leave the property values out.
        var managersTooLargeForValues: Set<ObjectPath> = []
    }

    struct Registry: Sendable {
        var objects: [ObjectPath: DBusObject] = [:] { didSet { lastGet = nil } }
        /// Longest prefix first, so the first match is the most specific.
        var subtrees: [Subtree] = [] { didSet { lastGet = nil } }
        var objectManagers: Set<ObjectPath> = []
        var managerRules: [ManagerRule] = []
        /// The last `Get`'s target (``getTarget(path:interface:)``); forgotten whenever the
        /// objects or subtrees change, as the reader covering its path may.
        private var lastGet: GetTarget?

        var anchors: [ObjectPath] {
            Array(objects.keys) + subtrees.map(\.prefix) + Array(objectManagers)
        }

        /// The ``PropertyReader`` of the subtree covering `path`; `nil` when there is none, the
        /// subtree has no reader or a fixed object is registered at `path`.
        func propertyReader(at path: ObjectPath) -> PropertyReader? {
            guard objects[path] == nil else { return nil }
            return subtrees.first { path.isWithin($0.prefix) }?.readProperty
        }

        /// What a `Get` of `property` of `interface` on `path` asks for (all three as libdbus
        /// hands them over): the last `Get`'s target when they are the same bytes. Clients
        /// read the same properties again and again, and comparing the bytes costs less than
        /// making three Strings and finding the reader again.
        mutating func getTarget(
            path: UnsafePointer<CChar>, interface: UnsafePointer<CChar>, property: UnsafePointer<CChar>
        ) -> GetTarget {
            if let last = lastGet, last.path.rawValue.hasBytes(of: path), last.interface.hasBytes(of: interface),
               last.property.hasBytes(of: property) {
                return last
            }
            let objectPath = ObjectPath(unchecked: String(cString: path))
            let target = GetTarget(
                path: objectPath, interface: String(cString: interface), property: String(cString: property),
                reader: propertyReader(at: objectPath))
            lastGet = target
            return target
        }
    }

    /// What a property `Get` asks for: the object path, the interface and the property, with
    /// the reader of the subtree covering the path, if it has one. A class, so that handing the
    /// kept one out is one retain, not one per field.
    final class GetTarget: Sendable {
        let path: ObjectPath
        let interface: String
        let property: String
        let reader: PropertyReader?

        init(path: ObjectPath, interface: String, property: String, reader: PropertyReader?) {
            self.path = path
            self.interface = interface
            self.property = property
            self.reader = reader
        }

        /// The value as the reader reads it for `caller`; `nil` when there is no reader or it
        /// leaves the property to the object.
        func read(for caller: CallerContext) -> DBusValue? {
            reader?(path, interface, property, caller)
        }
    }

    /// The connection served.
    public let connection: DBusConnection
    let registry = Locked(Registry())
    /// Who hears of calls answered with an error (``observeFailures(_:)``).
    let failureObservers = Locked<[@Sendable (FailedCall) -> Void]>([])
    let hooks = Locked(Hooks())

    /// Starts serving on `connection`.
    ///
    /// - Throws: ``DBusError/objectPathInUse(_:)`` when the connection already has a server.
    public init(connection: DBusConnection) throws {
        self.connection = connection
        try connection.core.setMethodCallHandler(self)
    }

    // MARK: Registration

    /// Serves a fixed object at `path`.
    ///
    /// - Throws: ``DBusError/invalidArgs(_:)`` for an invalid interface declaration,
    ///   ``DBusError/objectPathInUse(_:)`` when an object is already registered there.
    public func register(_ object: DBusObject, at path: ObjectPath) throws {
        try object.validate()
        try registry.withLock { registry in
            guard registry.objects[path] == nil else {
                throw DBusError.objectPathInUse("an object is already registered at \(path)")
            }
            registry.objects[path] = object
        }
    }

    /// Stops serving the fixed object at `path`.
    public func unregister(_ path: ObjectPath) {
        registry.withLock { _ = $0.objects.removeValue(forKey: path) }
    }

    /// Serves every path within `prefix` (the prefix itself and everything below it) lazily.
    ///
    /// - Parameters:
    ///   - resolve: builds the object at a path for a caller, or returns `nil`.
    ///   - enumerate: lists the child names of a path for a caller; used by `Introspect` and
    ///     `GetManagedObjects`.
    ///   - resolveDescendants: optionally builds everything below a path at once, for
    ///     `GetManagedObjects` (see ``DescendantsResolver``).
    ///   - readProperty: optionally answers `Properties.Get` without resolving the object (see
    ///     ``PropertyReader``).
    /// - Throws: ``DBusError/objectPathInUse(_:)`` when a subtree is already registered there.
    public func registerSubtree(
        _ prefix: ObjectPath, resolve: @escaping Resolver, enumerate: @escaping Enumerator,
        resolveDescendants: DescendantsResolver? = nil, readProperty: PropertyReader? = nil
    ) throws {
        try registry.withLock { registry in
            guard !registry.subtrees.contains(where: { $0.prefix == prefix }) else {
                throw DBusError.objectPathInUse("a subtree is already registered at \(prefix)")
            }
            registry.subtrees.append(Subtree(
                prefix: prefix, resolve: resolve, enumerate: enumerate, resolveDescendants: resolveDescendants, readProperty: readProperty))
            registry.subtrees.sort { $0.prefix.rawValue.utf8.count > $1.prefix.rawValue.utf8.count }
        }
    }

    /// Stops serving the subtree at `prefix`.
    public func unregisterSubtree(_ prefix: ObjectPath) {
        registry.withLock { $0.subtrees.removeAll { $0.prefix == prefix } }
    }

    /// Makes `path` an `org.freedesktop.DBus.ObjectManager` for the objects below it.
    public func addObjectManager(at path: ObjectPath) {
        registry.withLock { _ = $0.objectManagers.insert(path) }
    }

    /// Removes the object manager at `path`.
    public func removeObjectManager(at path: ObjectPath) {
        registry.withLock { _ = $0.objectManagers.remove(path) }
    }

    /// Makes every path within `prefix` for which `isManager` holds an object manager of its
    /// own, without registering each one: for managers inside a lazy subtree (say, one per
    /// item). The predicate must be cheap and must not depend on the caller.
    public func addObjectManagers(within prefix: ObjectPath, where isManager: @escaping ManagerPredicate) {
        registry.withLock { $0.managerRules.append(ManagerRule(prefix: prefix, isManager: isManager)) }
    }

    // MARK: Limits and hooks

    /// The bus daemon's default `max_message_size` (system and session buses alike): a
    /// connection that sends a larger message is disconnected by the bus. libdbus's own limit
    /// on a connection is larger (128 MiB), so it does not protect a service.
    public static let defaultBusMessageLimit = 32 * 1024 * 1024

    /// The largest reply sent, in bytes (the whole message): a larger one is answered with
    /// `org.freedesktop.DBus.Error.LimitsExceeded`. Defaults to the smaller of
    /// ``defaultBusMessageLimit`` and the connection's own maximum. Lower it for a bus
    /// configured tighter than the stock `max_message_size`.
    public var maximumReplySize: Int {
        get { hooks.withLock { $0.maximumReplySize } ?? min(Self.defaultBusMessageLimit, connection.core.maximumMessageSize) }
        set { hooks.withLock { $0.maximumReplySize = newValue } }
    }

    /// Sets what a `LimitsExceeded` answer advises calling instead, per method.
    public func setOversizeAdvice(_ advice: @escaping OversizeAdvice) {
        hooks.withLock { $0.oversizeAdvice = advice }
    }

    /// Sets the function told of every `GetManagedObjects` call (manager path and caller),
    /// e.g. to send that caller the manager's change signals from then on.
    public func observeManagedObjectsCalls(_ observer: @escaping ManagedObjectsObserver) {
        hooks.withLock { $0.managedObjectsObserver = observer }
    }

    /// Whether `peer` (a unique name) is known to have left the bus. Known only for peers whose
    /// departure happened after the server first resolved a caller's credentials or built a
    /// `GetManagedObjects` reply (the server then watches departures).
    public func hasLeftBus(_ peer: String) -> Bool {
        connection.core.hasLeft(peer)
    }

    // MARK: Lookup

    /// The context a value computed for `peer` should use (`.broadcast` for `nil`), e.g. to
    /// decide whether a subscriber may see an object before unicasting it a signal.
    public func callerContext(for peer: String?) -> CallerContext {
        guard let peer else { return .broadcast }
        return CallerContext(sender: peer, source: .bus(connection.core))
    }

    /// The object at `path` as `caller` sees it: a fixed registration, or what the covering
    /// subtree's resolver returns.
    ///
    /// - Throws: what the resolver throws; ``DBusError/failed(_:)`` for an object with an
    ///   invalid interface declaration.
    public func object(at path: ObjectPath, for caller: CallerContext) throws -> DBusObject? {
        let (fixed, subtree) = registry.withLock { registry -> (DBusObject?, Subtree?) in
            if let fixed = registry.objects[path] { return (fixed, nil) }
            return (nil, registry.subtrees.first { path.isWithin($0.prefix) })
        }
        if let fixed { return fixed }
        guard let subtree, let object = try subtree.resolve(path, caller) else { return nil }
        do {
            try object.validate()
        } catch let error as DBusError {
            throw DBusError.failed("the object at \(path) has an invalid interface: \(error.message)")
        }
        return object
    }

    /// The child node names of `path` as `caller` sees them: the covering subtree's
    /// enumeration, then the next elements of registrations below `path`.
    ///
    /// - Throws: what the enumerator throws; ``DBusError/failed(_:)`` when it returns a name
    ///   that is not a valid path element.
    public func childNames(of path: ObjectPath, for caller: CallerContext) throws -> [String] {
        let (subtree, anchors) = registry.withLock { registry in
            (registry.subtrees.first { path.isWithin($0.prefix) }, registry.anchors)
        }
        var names: [String] = []
        var seen = Set<String>()
        if let subtree {
            for name in try subtree.enumerate(path, caller) {
                guard ObjectPath.isValidElement(name) else {
                    throw DBusError.failed(
                        "the enumerator of \(subtree.prefix) returned '\(name)' under \(path), which is not a valid path element (escape it with ObjectPath.escape)")
                }
                if seen.insert(name).inserted { names.append(name) }
            }
        }
        var registered: [String] = []
        for anchor in anchors where anchor != path {
            guard let below = anchor.components(below: path), let next = below.first else { continue }
            let name = String(next)
            if seen.insert(name).inserted { registered.append(name) }
        }
        return names + registered.sorted()
    }

    /// Whether something is registered at or below `path` (so it exists as a node).
    func anchorsSomething(at path: ObjectPath) -> Bool {
        registry.withLock { registry in registry.anchors.contains { $0.isWithin(path) } }
    }

    /// Whether `path` was made a manager by ``addObjectManager(at:)`` (rather than by a rule).
    func isRegisteredObjectManager(_ path: ObjectPath) -> Bool {
        registry.withLock { $0.objectManagers.contains(path) }
    }

    /// Whether `path` answers `org.freedesktop.DBus.ObjectManager` (where an object exists,
    /// for a manager by rule).
    public func isObjectManager(_ path: ObjectPath) -> Bool {
        let (managers, rules) = registry.withLock { ($0.objectManagers, $0.managerRules) }
        return managers.contains(path) || rules.contains { path.isWithin($0.prefix) && $0.isManager(path) }
    }

    /// The closest object manager strictly above `path`: the one that reports it and sends its
    /// `InterfacesAdded`/`InterfacesRemoved`.
    public func objectManager(above path: ObjectPath) -> ObjectPath? {
        let (managers, rules) = registry.withLock { ($0.objectManagers, $0.managerRules) }
        var current = path.parent
        while let candidate = current {
            if managers.contains(candidate) || rules.contains(where: { candidate.isWithin($0.prefix) && $0.isManager(candidate) }) {
                return candidate
            }
            current = candidate.parent
        }
        return nil
    }
}
