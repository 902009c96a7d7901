import DBusKit
import Logging
import ProviderCore
import Synchronization

/// Puts a ``ProviderService`` on the bus: serves every object lazily under
/// `/org/tsprovider/Provider1`, and change signals to the callers that may see the object.
///
/// Object managers: the root reports the class objects, the packages, the referenced packages
/// and the permission entries; each package (`…/SMS_TaskSequencePackage/<ID>`) is a manager of
/// its own sequence, steps, conditions and operands. So no reply grows with the steps of every
/// package. Signals go to callers that called `Subscribe()` (everything, with Instance*) and to
/// callers that called `GetManagedObjects` on a manager (what that manager covers).
public final class ProviderBus: ChangeObserver, Sendable {
    /// The well-known name the provider owns.
    public static let busName = "org.tsprovider.Provider1"
    /// Version reported by the root object's `Version` property.
    public static let version = "1.0"

    public let service: ProviderService
    public let server: ObjectServer
    let identity = CallerIdentity()
    let logger: Logger
    let subscriptions = Subscriptions()

    /// Serves `service` on `connection`. Call ``start()`` to register the objects, then request
    /// the bus name.
    public init(service: ProviderService, connection: DBusConnection, logger: Logger = Logger(label: "tsproviderd.bus")) throws {
        self.service = service
        self.server = try ObjectServer(connection: connection)
        self.logger = logger
    }

    /// Registers the object tree and starts delivering change signals.
    public func start() throws {
        try server.registerSubtree(
            ProviderPath.rootPath,
            resolve: { [weak self] path, context in try self?.object(at: path, for: context) },
            enumerate: { [weak self] path, context in try self?.childNames(of: path, for: context) ?? [] },
            resolveDescendants: { [weak self] path, context in try self?.descendants(of: path, for: context) },
            readProperty: { [service, identity] path, interface, property, context in
                Self.cachedProperty(at: path, interface: interface, property: property, for: context, service: service, identity: identity)
            }
        )
        server.addObjectManager(at: ProviderPath.rootPath)
        server.addObjectManagers(within: ProviderPath.rootPath, where: Self.isPackageManager)
        server.setOversizeAdvice(Self.oversizeAdvice)
        server.observeManagedObjectsCalls { [weak self] manager, context in
            self?.managedObjectsRequested(of: manager, by: context)
        }
        service.addObserver(AuditLog(logger: logger))
        let refusals = RefusalLog(logger: logger, service: service, identity: identity)
        server.observeFailures { refusals.record($0) }
        service.addObserver(self)
    }

    /// What a `LimitsExceeded` answer advises instead of a reply too large to send.
    static func oversizeAdvice(path: ObjectPath, interface: String?, member: String) -> String? {
        switch (ProviderPath(path), member) {
        case (.root?, "GetManagedObjects"):
            return "list packages with the class object's Enumerate or the root's ExecQuery, and call GetManagedObjects on each package for its steps"
        case (.object(.package)?, "GetManagedObjects"):
            return "read the steps with the package's GetSequence or Export, or walk them with Introspect"
        case (_, "GetSequence"), (_, "Export"):
            return "read the sequence in parts: its steps' properties with ExecQuery or the package's GetManagedObjects"
        default:
            return "ask for less at once (Enumerate, ExecQuery)"
        }
    }

    /// The caller behind a call, as the provider knows callers.
    func caller(_ context: CallerContext) throws -> Caller {
        try identity.caller(for: context)
    }

    // MARK: Subscriptions

    func subscribe(_ context: CallerContext) throws {
        guard let sender = context.sender else { throw DBusError.invalidArgs("Subscribe needs a calling peer") }
        try listen(sender) { $0.everything = true }
    }

    func unsubscribe(_ context: CallerContext) {
        guard let sender = context.sender else { return }
        subscriptions.endEverything(sender)
    }

    /// A caller asked a manager for its objects: from now on it hears of changes to them, as a
    /// generic object-manager client expects, without calling `Subscribe()`.
    func managedObjectsRequested(of manager: ObjectPath, by context: CallerContext) {
        guard let sender = context.sender, let location = ProviderPath(manager) else { return }
        do {
            try service.policy.admit(caller(context))
            switch location {
            case .root:
                try listen(sender) { $0.rootManager = true }
            case .object(.package(let id)):
                try listen(sender) { scope in
                    if scope.packageManagers.count < Subscriptions.maximumPackageManagersPerPeer { scope.packageManagers.insert(id) }
                }
            default:
                return
            }
        } catch {
            logger.debug("\(sender) is not sent the signals of \(manager): \(error)")
        }
    }

    private func listen(_ sender: String, _ change: (inout Subscriptions.Scope) -> Void) throws {
        guard try subscriptions.widen(sender, change) else { return }
        // Forget a listener once it leaves the bus.
        let owners: AsyncStream<String?>
        do {
            owners = try server.connection.nameOwnerChanges(of: sender)
        } catch {
            subscriptions.remove(sender)
            throw error
        }
        Task { [weak self] in
            for await owner in owners where owner == nil || owner == "" {
                self?.subscriptions.remove(sender)
                break
            }
        }
    }

    // MARK: Change signals

    public func providerDidChange(_ events: [ChangeRecord]) {
        let listeners = subscriptions.all
        guard !listeners.isEmpty else { return }
        for event in events.flatMap(\.withSettingsGone) {
            for (peer, scope) in listeners where scope.covers(event.object) {
                do {
                    try deliver(event, to: peer, withInstanceSignal: scope.everything)
                } catch {
                    logger.debug("could not signal \(event.kind) of \(event.object.relativePath) to \(peer): \(error)")
                }
            }
        }
    }

    /// Sends `event` to `peer` when the peer may read the object: InterfacesAdded/Removed or
    /// PropertiesChanged as fits, and the Instance* signal to subscribers. A peer that may not
    /// read the object learns nothing of it.
    private func deliver(_ event: ChangeRecord, to peer: String, withInstanceSignal: Bool) throws {
        let context = server.callerContext(for: peer)
        let caller = try caller(context)
        let path = ProviderPath.path(of: event.object)
        let instanceSignal: String
        switch event.kind {
        case .created, .modified:
            guard try service.canRead(event.object, for: caller), let object = try object(at: path, for: context) else { return }
            if event.kind == .created {
                instanceSignal = "InstanceCreated"
                try server.emitInterfacesAdded(object, at: path, to: peer)
            } else {
                instanceSignal = "InstanceModified"
                for bound in object.interfaces {
                    let declared = Set(bound.info.properties.map(\.name))
                    let changed = event.changedProperties.filter(declared.contains)
                    if !changed.isEmpty { try server.emitPropertiesChanged(changed, of: bound, at: path, to: peer) }
                }
            }
        case .deleted:
            guard try couldRead(deleted: event, caller: caller) else { return }
            instanceSignal = "InstanceDeleted"
            try server.emitInterfacesRemoved(Interfaces.names(for: event.object, className: event.className), at: path, to: peer)
        }
        guard withInstanceSignal else { return }
        let detail = Self.instanceDetail(event)
        try server.emit(instanceSignal, of: Interfaces.root.info, from: ProviderPath.rootPath,
                        arguments: [.string(event.className), .string(event.object.relativePath), .objectPath(path), detail], to: peer)
    }

    /// The `detail` argument of an Instance* signal: the changed properties, the owning
    /// package's SourceVersion after the change (absent when the package is gone), and who
    /// made the change.
    static func instanceDetail(_ event: ChangeRecord) -> DBusValue {
        var entries: [String: DBusValue] = [:]
        if event.kind == .modified {
            entries["Properties"] = .array(.string, event.changedProperties.map(DBusValue.string))
        }
        if let version = event.sourceVersion { entries["SourceVersion"] = .uint32(version) }
        if let user = event.changedBy?.userName, !user.isEmpty { entries["User"] = .string(user) }
        return .stringVariantDictionary(entries)
    }

    /// Whether the peer could read an object that is gone: through the rights of the package
    /// that held it, the rights that went with it (`formerReaders`) or class rights; permission
    /// entries by their keys, which outlive them.
    private func couldRead(deleted event: ChangeRecord, caller: Caller) throws -> Bool {
        switch event.object {
        case .classPermission, .instancePermission:
            return try service.canRead(event.object, for: caller)
        case .package, .smsPackage, .collection, .computer, .advertisement:
            if caller.principals.contains(where: event.formerReaders.contains) { return true }
            return try service.canRead(.class(event.className), for: caller)
        case .collectionSettings, .machineSettings:
            // As the collection or computer they went with.
            if caller.principals.contains(where: event.formerReaders.contains) { return true }
            let owner = if case .collectionSettings = event.object { ClassName.collection } else { ClassName.computer }
            return try service.canRead(.class(owner), for: caller)
        default:
            return try service.canRead(event.object.owningPackageID.map(ObjectReference.package) ?? .class(event.className), for: caller)
        }
    }
}
