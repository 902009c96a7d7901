import DBusKit
import Foundation
import Synchronization

/// A connection to the task sequence provider (`tsproviderd`, bus name
/// `org.tsprovider.Provider1`): the entry point of the SDK.
///
/// ```swift
/// let client = try ProviderClient()                       // $TSPROVIDER_BUS_ADDRESS, else the system bus
/// for package in try client.packages() {
///     print(package.packageID, package.name)
/// }
/// let package = client.package("PS100004")
/// let xml = try package.export(format: .sequence)
/// ```
///
/// Every method blocks until the provider answers (a round trip is well under a millisecond;
/// imports of large files take longer) and throws `ProviderError`. The client is `Sendable`:
/// share one between threads and tasks.
///
/// **Daemon restarts.** The client survives them. A call that finds the provider gone
/// (`ServiceUnknown`) waits up to ``Options/restartGracePeriod`` for it to come back and is sent
/// once more; a call whose connection to the bus was lost (`Disconnected`) is sent once more on
/// a fresh connection. A call that was delivered but never answered (`NoReply`: the daemon died
/// while working on it) is not repeated, since it may have taken effect.
public final class ProviderClient: Sendable {
    /// Which bus the provider is on.
    public enum Bus: Sendable, Hashable, CustomStringConvertible {
        /// The system bus, where an installed `tsproviderd` runs.
        case system
        /// The session bus of the current login.
        case session
        /// A bus at a D-Bus address, such as the private bus `tsproviderd --private-bus` prints
        /// (`unix:path=/tmp/…/bus,guid=…`).
        case address(String)
        /// The private bus of `tsproviderd --private-bus --data-dir DIR`: its address is read
        /// from `DIR/bus.address` on every (re)connection, so the client follows a daemon that
        /// restarted with a new bus, and its change streams go on (after a `resumed` event).
        case dataDirectory(String)

        /// `TSPROVIDER_BUS_ADDRESS` when it is set and not empty, the system bus otherwise:
        /// what `tsctl` uses when no bus option is given.
        public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Bus {
            if let address = environment["TSPROVIDER_BUS_ADDRESS"], !address.isEmpty { return .address(address) }
            return .system
        }

        /// `the system bus`, `the session bus` or `the bus at ADDRESS`.
        public var description: String {
            switch self {
            case .system: "the system bus"
            case .session: "the session bus"
            case .address(let address): "the bus at \(address)"
            case .dataDirectory(let directory): "the private bus of \(directory)"
            }
        }
    }

    /// How the client behaves; the defaults suit programs that run for a while.
    public struct Options: Sendable {
        /// How long a call that finds the provider gone waits for it to come back before
        /// failing with `ProviderError.serviceUnavailable(_:)`. A short-lived tool that should
        /// fail fast when the daemon is not running wants a small value.
        public var restartGracePeriod: Duration
        /// The time limit of an ordinary call.
        public var callTimeout: Duration
        /// The time limit of imports and exports, which may parse megabytes.
        public var transferTimeout: Duration
        /// The provider's bus name; change it only to talk to a provider under another name.
        public var serviceName: String

        /// Options with the defaults: 5 s grace period, 25 s per call, 5 min per transfer.
        public init(
            restartGracePeriod: Duration = .seconds(5), callTimeout: Duration = .seconds(25),
            transferTimeout: Duration = .seconds(300), serviceName: String = "org.tsprovider.Provider1"
        ) {
            self.restartGracePeriod = restartGracePeriod
            self.callTimeout = callTimeout
            self.transferTimeout = transferTimeout
            self.serviceName = serviceName
        }
    }

    /// The bus this client talks on.
    public let bus: Bus
    /// The options it was made with.
    public let options: Options
    private let link: Mutex<DBusConnection?>
    /// How many method calls this client has sent, for tests that count round trips.
    private let sentCalls = Atomic<Int>(0)
    /// The change streams running, and the daemon subscription they share.
    let eventSubscriptions = EventSubscriptions()
    /// Where the blocking calls of async callers run (see ``AsyncCallable``).
    let callQueue = AsyncCallQueue(label: "tsprovider.client.calls")

    /// Connects to the private bus of `tsproviderd --private-bus --data-dir directory`, reading
    /// its address from `directory/bus.address` each time it (re)connects.
    ///
    /// - Throws: `ProviderError.serviceUnavailable(_:)` when the file or the bus cannot be reached.
    public convenience init(dataDirectory directory: String, options: Options = Options()) throws {
        try self.init(bus: .dataDirectory(directory), options: options)
    }

    /// Connects to the bus the provider is on. Nothing is asked of the provider yet, so this
    /// succeeds even while the daemon is stopped.
    ///
    /// - Parameters:
    ///   - bus: which bus; by default `TSPROVIDER_BUS_ADDRESS`, else the system bus.
    ///   - options: grace period and time limits.
    /// - Throws: `ProviderError.serviceUnavailable(_:)` when the bus cannot be reached.
    public init(bus: Bus = .fromEnvironment(), options: Options = Options()) throws {
        self.bus = bus
        self.options = options
        self.link = Mutex(nil)
        _ = try connection()
    }

    deinit {
        link.withLock { $0?.close() }
    }

    /// The provider's version (its root `Version` property).
    public func version() throws -> String {
        try property("Version", of: ProviderInterface.root, at: ProviderPaths.root).text
    }

    /// The site code PackageIDs start with (`PS1`).
    public func siteCode() throws -> String {
        try property("SiteCode", of: ProviderInterface.root, at: ProviderPaths.root).text
    }

    /// The object path a WMI relative path names (`GetObject`), e.g.
    /// `SMS_TaskSequencePackage.PackageID="PS100004"` → `/org/tsprovider/Provider1/SMS_TaskSequencePackage/PS100004`.
    ///
    /// - Throws: `ProviderError.notFound(_:)` when it names nothing you may read.
    public func objectPath(forRelativePath relativePath: String) throws -> String {
        let reply = try call(ProviderPaths.root, ProviderInterface.root, "GetObject", [.string(relativePath)])
        return PropertyValue(reply.first ?? .string("")).text
    }

    // MARK: Connection

    /// The open connection, made (again) when there is none or the last one closed.
    func connection() throws -> DBusConnection {
        try link.withLock { current in
            if let current, current.isConnected { return current }
            current?.close()
            do {
                let fresh = switch bus {
                case .system: try DBusConnection(bus: .system)
                case .session: try DBusConnection(bus: .session)
                case .address(let address): try DBusConnection(address: address)
                case .dataDirectory(let directory): try DBusConnection(address: try Self.privateBusAddress(in: directory))
                }
                current = fresh
                return fresh
            } catch {
                let reason = ProviderError(converting: error).message
                throw ProviderError.serviceUnavailable(reason.hasPrefix("cannot connect") ? reason : "cannot connect to \(bus): \(reason)")
            }
        }
    }

    /// The address `tsproviderd --private-bus` wrote to `directory/bus.address`.
    static func privateBusAddress(in directory: String) throws -> String {
        let file = directory + "/bus.address"
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw ProviderError.serviceUnavailable("cannot connect to the private bus of \(directory): \(file) cannot be read (is tsproviderd --private-bus --data-dir \(directory) running?)")
        }
        let address = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !address.isEmpty else {
            throw ProviderError.serviceUnavailable("cannot connect to the private bus of \(directory): \(file) is empty")
        }
        return address
    }

    /// Whether change streams reconnect when the connection to the bus is lost (rather than
    /// finish): only a client of a data directory can find a restarted bus again.
    var followsRestartedBus: Bool {
        if case .dataDirectory = bus { true } else { false }
    }

    /// Closes the current connection as a dead socket would; the next call opens a new one.
    /// Tests use it to prove that.
    func closeConnection() {
        link.withLock { $0?.close() }
    }

    /// Forgets `connection` so the next call opens a new one (unless another call already did).
    private func discard(_ connection: DBusConnection) {
        link.withLock { current in
            if current === connection {
                current?.close()
                current = nil
            }
        }
    }

    /// Runs `body` against the connection, once more after reconnecting or waiting for the
    /// provider when the first attempt found the connection lost or the provider gone.
    func withReconnection<T>(_ body: (DBusConnection) throws -> T) throws -> T {
        let first = try connection()
        do {
            return try body(first)
        } catch DBusError.disconnected {
            discard(first)
        } catch DBusError.serviceUnknown, DBusError.nameHasNoOwner {
            try waitForProvider(on: first)
        } catch {
            throw ProviderError(converting: error)
        }
        do {
            return try body(try connection())
        } catch {
            throw ProviderError(converting: error)
        }
    }

    /// Waits up to the grace period for the provider's name to have an owner again.
    private func waitForProvider(on connection: DBusConnection) throws {
        let deadline = ContinuousClock.now + options.restartGracePeriod
        while true {
            let owner: String? = (try? connection.nameOwner(of: options.serviceName)) ?? nil
            if owner != nil { return }
            if !connection.isConnected { discard(connection); return }
            guard ContinuousClock.now < deadline else {
                throw ProviderError.serviceUnavailable(
                    "\(options.serviceName) is not running on \(bus) (waited \(options.restartGracePeriod.secondsText) for it)")
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
    }

    // MARK: Calls

    /// Calls a provider method and returns the reply's values.
    func call(
        _ path: ObjectPath, _ interface: String, _ method: String, _ arguments: [DBusValue] = [], timeout: Duration? = nil
    ) throws -> [DBusValue] {
        sentCalls.add(1, ordering: .relaxed)
        return try withReconnection { connection in
            try connection.call(
                destination: options.serviceName, path: path, interface: interface, method: method, arguments: arguments,
                timeout: timeout ?? options.callTimeout)
        }
    }

    /// How many calls this client has made so far (each retry after a reconnect counts once):
    /// tests use it to prove how many round trips a read costs.
    var callsMade: Int { sentCalls.load(ordering: .relaxed) }

    /// Every property of `interface` on the object at `path`, in the order the provider sends them.
    func properties(of interface: String, at path: ObjectPath) throws -> OrderedProperties {
        let reply = try call(path, "org.freedesktop.DBus.Properties", "GetAll", [.string(interface)])
        return OrderedProperties(reply.first ?? .stringVariantDictionary([:]))
    }

    /// One property.
    func property(_ name: String, of interface: String, at path: ObjectPath) throws -> PropertyValue {
        PropertyValue(try rawProperty(name, of: interface, at: path))
    }

    /// One property as the provider sent it.
    func rawProperty(_ name: String, of interface: String, at path: ObjectPath) throws -> DBusValue {
        let reply = try call(path, "org.freedesktop.DBus.Properties", "Get", [.string(interface), .string(name)])
        return reply.first?.unwrappingVariant ?? .string("")
    }

    /// Writes one property; `value` must already have the property's declared type.
    func setProperty(_ name: String, of interface: String, at path: ObjectPath, to value: DBusValue) throws {
        _ = try call(path, "org.freedesktop.DBus.Properties", "Set", [.string(interface), .string(name), .variant(value)])
    }

    /// Object paths out of an `ao` reply value.
    static func paths(_ value: DBusValue?) -> [ObjectPath] {
        guard case .array(_, let values)? = value?.unwrappingVariant else { return [] }
        return values.compactMap { if case .objectPath(let path) = $0.unwrappingVariant { path } else { nil } }
    }
}

/// An `a{sv}` reply in the order it came, with typed accessors.
struct OrderedProperties: Sendable {
    /// Names in the order the provider sent them.
    var names: [String] = []
    /// Values by name, variants unwrapped.
    var values: [String: DBusValue] = [:]

    init(_ value: DBusValue) {
        guard case .dictionary(_, _, let entries) = value.unwrappingVariant else { return }
        for entry in entries {
            guard case .string(let name) = entry.key.unwrappingVariant else { continue }
            if values[name] == nil { names.append(name) }
            values[name] = entry.value.unwrappingVariant
        }
    }

    subscript(_ name: String) -> DBusValue? { values[name] }

    func string(_ name: String) -> String {
        values[name].map { PropertyValue($0).text } ?? ""
    }

    func uint32(_ name: String) -> UInt32 {
        values[name].flatMap { PropertyValue($0).intValue }.flatMap { UInt32(exactly: $0) } ?? 0
    }

    func bool(_ name: String) -> Bool {
        values[name].flatMap { PropertyValue($0).boolValue } ?? false
    }

    func path(_ name: String) -> ObjectPath? {
        guard case .objectPath(let path)? = values[name], path != .root else { return nil }
        return path
    }

    /// The entries as property values, in order.
    var propertyValues: [(name: String, value: PropertyValue)] {
        names.compactMap { name in values[name].map { (name, PropertyValue($0)) } }
    }
}

extension Duration {
    /// `5 s`, `0.5 s`.
    var secondsText: String {
        let (seconds, attoseconds) = components
        let fraction = Double(attoseconds) / 1e18
        return fraction == 0 ? "\(seconds) s" : "\(Double(seconds) + fraction) s"
    }
}
