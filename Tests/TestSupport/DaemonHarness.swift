import DBusKit
import Foundation
import ProviderDBus
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A real `tsproviderd` on a private bus of its own, for end-to-end tests of clients.
///
/// The bus is configured as `tsproviderd --private-bus` configures its own (the project's
/// policy on a system-type bus, `BusPolicy.privateBusConfiguration`), but started here rather
/// than by the daemon, so the daemon can be stopped and started again on the same bus (clients
/// keep their address). The daemon is the built `tsproviderd` binary, run as a child with
/// `--address ADDR --data-dir DIR`; its log goes to `DIR/daemon.log`.
///
/// ```swift
/// let daemon = try DaemonHarness.start()
/// defer { daemon.stop() }
/// // connect to daemon.address …
/// try daemon.restart()
/// ```
public final class DaemonHarness: Sendable {
    /// The private bus.
    public let bus: PrivateBus
    /// The store directory (short, so socket paths stay under 108 bytes).
    public let dataDirectory: TemporaryDirectory
    private let daemon = Mutex<ChildProcess?>(nil)
    /// The bus name the daemon owns.
    public static let serviceName = "org.tsprovider.Provider1"

    /// The bus address clients connect to.
    public var address: String { bus.address }

    /// The daemon's log so far, for failure messages.
    public var log: String { readTextFile(dataDirectory.path + "/daemon.log") ?? "" }

    /// The PostgreSQL database the daemon keeps its store in (`--database`), when the suites run
    /// on PostgreSQL (`TSPROVIDER_TEST_ENGINE=postgresql`); nil for SQLite in the data directory.
    public let databaseURL: String?

    private init(bus: PrivateBus, dataDirectory: TemporaryDirectory, databaseURL: String?) {
        self.bus = bus
        self.dataDirectory = dataDirectory
        self.databaseURL = databaseURL
    }

    /// Starts a private bus and the daemon on it, and waits until the daemon owns its name.
    public static func start() throws -> DaemonHarness {
        var configuration = PrivateBus.Configuration()
        configuration.allowEveryone = false
        configuration.busType = "system"
        let entry: UnsafeMutablePointer<passwd>? = getuid() == 0 ? nil : getpwuid(getuid())
        let owner = entry.flatMap { $0.pointee.pw_name }.map { String(cString: $0) }
        configuration.extraConfiguration = BusPolicy.privateBusConfiguration(owner: owner)
        let bus = try PrivateBus.start(configuration)
        let databaseURL = TestStoreEngine.current == .postgresql ? try PostgresServer.shared().createDatabaseURL() : nil
        let harness = DaemonHarness(bus: bus, dataDirectory: try TemporaryDirectory(), databaseURL: databaseURL)
        do {
            try harness.startDaemon()
        } catch {
            harness.stop()
            throw error
        }
        return harness
    }

    /// The built daemon binary.
    public static func daemonExecutable() throws -> URL {
        try CommandRunner.builtProduct(named: "tsproviderd")
    }

    /// Starts the daemon (again) and waits until it owns its name.
    public func startDaemon() throws {
        let process = try ChildProcess.spawn(
            try Self.daemonExecutable().path,
            arguments: ["--address", bus.address, "--data-dir", dataDirectory.path, "--log-level", "debug"]
                + (databaseURL.map { ["--database", $0] } ?? []),
            standardOutput: .discard, standardError: .file(dataDirectory.path + "/daemon.log"))
        daemon.withLock { $0 = process }
        let watcher = try DBusConnection(address: bus.address)
        defer { watcher.close() }
        let owned = eventually(timeout: .seconds(20)) {
            if !process.isRunning { return true }
            return ((try? watcher.nameOwner(of: Self.serviceName)) ?? nil) != nil
        }
        guard owned, process.isRunning else {
            _ = process.terminate(timeout: .seconds(2))
            throw DBusError.failed("tsproviderd did not start (\(process.exitStatus.map(String.init(describing:)) ?? "still starting")): \(log)")
        }
    }

    /// Stops the daemon (SIGTERM) and waits until its name is gone from the bus.
    public func stopDaemon() {
        guard let process = daemon.withLock({ current -> ChildProcess? in
            defer { current = nil }
            return current
        }) else { return }
        _ = process.terminate(timeout: .seconds(5))
        if let watcher = try? DBusConnection(address: bus.address) {
            _ = eventually(timeout: .seconds(5)) { ((try? watcher.nameOwner(of: Self.serviceName)) ?? nil) == nil }
            watcher.close()
        }
    }

    /// Stops the daemon and starts it again on the same bus and store.
    public func restart() throws {
        stopDaemon()
        try startDaemon()
    }

    /// Stops the daemon and the bus.
    public func stop() {
        stopDaemon()
        bus.stop()
    }

    deinit {
        stop()
    }
}
