import DBusKit
import Logging
import ProviderCore
import Synchronization

/// Puts a ``ProviderService`` on the bus: serves every object lazily under
/// `/org/tsprovider/Provider1`, an ObjectManager at that root, and change signals to the
/// callers that subscribed and may see the object.
public final class ProviderBus: ChangeObserver, Sendable {
    /// The well-known name the provider owns.
    public static let busName = "org.tsprovider.Provider1"
    /// Version reported by the root object's `Version` property.
    public static let version = "1.0"

    public let service: ProviderService
    public let server: ObjectServer
    let identity = CallerIdentity()
    let logger: Logger
    private let subscribers = Mutex<Set<String>>([])
    /// How many subscribers the provider keeps; each costs a name watch and signal sends.
    static let maximumSubscribers = 1_000

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
            enumerate: { [weak self] path, context in try self?.childNames(of: path, for: context) ?? [] }
        )
        server.addObjectManager(at: ProviderPath.rootPath)
        service.addObserver(AuditLog(logger: logger))
        let refusals = RefusalLog(logger: logger, service: service, identity: identity)
        server.observeFailures { refusals.record($0) }
        service.addObserver(self)
    }

    /// The caller behind a call, as the provider knows callers.
    func caller(_ context: CallerContext) throws -> Caller {
        try identity.caller(for: context)
    }

    // MARK: Subscriptions

    func subscribe(_ context: CallerContext) throws {
        guard let sender = context.sender else { throw DBusError.invalidArgs("Subscribe needs a calling peer") }
        let added = try subscribers.withLock { set -> Bool in
            guard set.count < Self.maximumSubscribers || set.contains(sender) else {
                throw DBusError.limitsExceeded("the provider already has \(Self.maximumSubscribers) subscribers")
            }
            return set.insert(sender).inserted
        }
        guard added else { return }
        // Forget a subscriber once it leaves the bus.
        let owners = try server.connection.nameOwnerChanges(of: sender)
        Task { [weak self] in
            for await owner in owners where owner == nil || owner == "" {
                self?.subscribers.withLock { _ = $0.remove(sender) }
                break
            }
        }
    }

    func unsubscribe(_ context: CallerContext) {
        guard let sender = context.sender else { return }
        subscribers.withLock { _ = $0.remove(sender) }
    }

    // MARK: Change signals

    public func providerDidChange(_ events: [ChangeEvent]) {
        let peers = subscribers.withLock { Array($0) }
        guard !peers.isEmpty else { return }
        for event in events {
            for peer in peers {
                do {
                    try deliver(event, to: peer)
                } catch {
                    logger.debug("could not signal \(event.kind) of \(event.object.relativePath) to \(peer): \(error)")
                }
            }
        }
    }

    /// Sends `event` to `peer` when the peer may read the object: the Instance* signal, and
    /// InterfacesAdded/Removed or PropertiesChanged as fits. A peer that may not read the object
    /// learns nothing of it.
    private func deliver(_ event: ChangeEvent, to peer: String) throws {
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
        try server.emit(instanceSignal, of: Interfaces.root.info, from: ProviderPath.rootPath,
                        arguments: [.string(event.className), .string(event.object.relativePath), .objectPath(path)], to: peer)
    }

    /// Whether the peer could read an object that is gone: through the rights of the package
    /// that held it, the rights that went with it (`formerReaders`) or class rights; permission
    /// entries by their keys, which outlive them.
    private func couldRead(deleted event: ChangeEvent, caller: Caller) throws -> Bool {
        switch event.object {
        case .classPermission, .instancePermission:
            return try service.canRead(event.object, for: caller)
        case .package, .smsPackage:
            if caller.principals.contains(where: event.formerReaders.contains) { return true }
            return try service.canRead(.class(event.className), for: caller)
        default:
            return try service.canRead(event.object.owningPackageID.map(ObjectReference.package) ?? .class(event.className), for: caller)
        }
    }
}
