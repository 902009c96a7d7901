import DBusKit
import ProviderStore
import Synchronization
import TestSupport
@testable import ProviderDBus
#if canImport(Glibc)
import Glibc
#endif

/// A real `tsproviderd` process under test: the built binary, started with `--address` on a
/// private bus configured exactly like the daemon's own `--private-bus` (system-type bus, the
/// project's policy, no `<allow user="*"/>` shortcuts), its store in a short temporary directory.
///
/// It can be stopped with SIGTERM, restarted on the same store, or killed with SIGKILL.
/// ``shutdown()`` stops everything and removes the directories.
final class ProviderDaemon: Sendable {
    /// The private bus the daemon serves on.
    let bus: PrivateBus
    /// The data directory (`--data-dir`); flat, so removing it is simple.
    let dataDirectory: TemporaryDirectory
    /// The `tsproviderd` executable under test.
    let executable: String
    /// A root connection to the bus for the test's own calls; it outlives daemon restarts.
    let client: DBusConnection
    /// Options added to every launch after the bus and data directory ones (e.g. `--config FILE`).
    let extraArguments: [String]
    /// The PostgreSQL database of the store (`--database`) when the suites run on PostgreSQL
    /// (`TSPROVIDER_TEST_ENGINE=postgresql`); nil for SQLite in the data directory.
    let databaseURL: String?
    private let state = Mutex<(process: ChildProcess?, launches: Int)>((nil, 0))

    /// How long the daemon may take to own its name: a hang guard, not a speed check.
    static let startupLimit: Duration = .seconds(30)

    /// Starts a bus and a daemon on it; returns once the daemon owns its name.
    ///
    /// - Parameters:
    ///   - extraArguments: more `tsproviderd` options, such as `["--config", path]`.
    ///   - databaseURL: a PostgreSQL database to keep the store in whatever engine the suites run
    ///     on — several daemons given the same one share it.
    static func start(extraArguments: [String] = [], databaseURL: String? = nil) async throws -> ProviderDaemon {
        let daemon = try ProviderDaemon(extraArguments: extraArguments, databaseURL: databaseURL)
        do {
            try await daemon.launch()
        } catch {
            daemon.shutdown()
            throw error
        }
        return daemon
    }

    private init(extraArguments: [String], databaseURL: String?) throws {
        self.extraArguments = extraArguments
        self.databaseURL = try databaseURL
            ?? (TestStoreEngine.current == .postgresql ? try PostgresServer.shared().createDatabaseURL() : nil)
        executable = try CommandRunner.builtProduct(named: "tsproviderd").path
        bus = try PrivateBus.start(Self.busConfiguration)
        do {
            dataDirectory = try TemporaryDirectory()
            client = try DBusConnection(address: bus.address)
        } catch {
            bus.stop()
            throw error
        }
    }

    /// The bus `tsproviderd --private-bus` starts for itself (see `Daemon.swift`), with the
    /// daemon running as root — its policy, but the generous limits of test buses (the
    /// daemon's own takes the stock system bus limits, checked in `DataDirectoryTests`).
    static var busConfiguration: PrivateBus.Configuration {
        var configuration = PrivateBus.Configuration()
        configuration.allowEveryone = false
        configuration.busType = "system"
        configuration.extraConfiguration = BusPolicy.privateBusConfiguration(owner: nil)
        return configuration
    }

    var storePath: String { dataDirectory.path + "/store.sqlite" }

    /// The daemon's store, opened by the test on the same engine (to look behind the bus).
    func openStore() throws -> ProviderStore {
        if let databaseURL { return try ProviderStore(location: .postgresql(PostgresConfiguration(url: databaseURL))) }
        return try ProviderStore(path: storePath)
    }

    /// The running process, if any.
    var process: ChildProcess? { state.withLock { $0.process } }

    /// Starts the daemon process on the bus and the data directory and waits until it owns
    /// `org.tsprovider.Provider1`.
    ///
    /// - Throws: when it ends early or does not own the name in time (the error carries its log).
    func launch() async throws {
        let number = state.withLock { state -> Int in
            state.launches += 1
            return state.launches
        }
        let log = logPath(number)
        let child = try ChildProcess.spawn(
            executable, arguments: ["--address", bus.address, "--data-dir", dataDirectory.path, "--log-level", "info"]
                + (databaseURL.map { ["--database", $0] } ?? []) + extraArguments,
            standardOutput: .file(log), standardError: .file(log))
        state.withLock { $0.process = child }
        let owned = await waitUntil(timeout: Self.startupLimit) {
            if !child.isRunning { return true }
            return ((try? client.nameOwner(of: ProviderBus.busName)) ?? nil) != nil
        }
        if let ended = child.exitStatus {
            throw DBusError.failed("tsproviderd ended (\(ended)) before owning its name; log:\n\(readTextFile(log) ?? "")")
        }
        guard owned else {
            child.terminate(timeout: .seconds(2))
            throw DBusError.failed("tsproviderd did not own \(ProviderBus.busName) within \(Self.startupLimit); log:\n\(readTextFile(log) ?? "")")
        }
    }

    /// Stops the daemon with SIGTERM and reports how it ended (SIGKILL after the hang guard).
    @discardableResult
    func stop() -> ChildProcess.Termination? {
        guard let child = state.withLock({ state -> ChildProcess? in
            defer { state.process = nil }
            return state.process
        }) else { return nil }
        let ending = child.terminate(timeout: .seconds(20))
        waitUntilNameIsReleased()
        return ending
    }

    /// Kills the daemon with SIGKILL: no chance to finish anything.
    func kill() {
        guard let child = state.withLock({ state -> ChildProcess? in
            defer { state.process = nil }
            return state.process
        }) else { return }
        child.send(signal: SIGKILL)
        child.wait(timeout: .seconds(20))
        waitUntilNameIsReleased()
    }

    /// SIGTERM, then a new process on the same bus and store.
    @discardableResult
    func restart() async throws -> ChildProcess.Termination? {
        let ending = stop()
        try await launch()
        return ending
    }

    /// Stops the daemon, closes the client, stops the bus; the data directory goes with this
    /// object.
    func shutdown() {
        stop()
        client.close()
        bus.stop()
    }

    /// Everything the daemon wrote to stdout and stderr in its latest run.
    var log: String {
        readTextFile(logPath(state.withLock { $0.launches })) ?? ""
    }

    private func logPath(_ launch: Int) -> String {
        dataDirectory.path + "/daemon-\(launch).log"
    }

    /// After the process is gone the bus drops its name; wait for that so a restart does not
    /// see the old owner.
    private func waitUntilNameIsReleased() {
        _ = eventually(timeout: .seconds(10)) { ((try? client.nameOwner(of: ProviderBus.busName)) ?? nil) == nil }
    }

    deinit {
        shutdown()
    }
}
