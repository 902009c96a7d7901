import Foundation
import ProviderStore
#if canImport(Glibc)
import Glibc
#endif

/// A throwaway PostgreSQL cluster for tests: `initdb` in a temporary directory owned by the
/// `postgres` user (the server refuses to run as root, NOTES.md item 13), trust authentication,
/// no TCP — only a Unix socket in that directory. Stopped with `pg_ctl -m immediate stop` and
/// its directory removed.
///
/// `PostgresServer.shared` is one server per test process, started on first use and stopped at
/// exit; tests that stop or restart a server start one of their own with `start()`.
public final class PostgresServer: Sendable {
    /// The directory holding the cluster (`data/`), its log and its socket.
    public let directory: String
    private let binaries: String
    private let databaseCounter = Counter()

    /// The server every test of the process shares, started on first use.
    public static func shared() throws -> PostgresServer {
        try SharedServer.instance()
    }

    /// Creates and starts a cluster of its own (stop it with `stop()`).
    public static func start() throws -> PostgresServer {
        let server = try PostgresServer()
        try server.startServer()
        return server
    }

    private init() throws {
        binaries = try Self.findBinaries()
        var template = Array("/tmp/tspg-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return mkdtemp(base) != nil
        }
        guard made else { throw PostgresServerError("cannot create a directory for the cluster: errno \(errno)") }
        directory = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let owner = try SystemPrincipals.user("postgres")
        guard chown(directory, owner.uid, owner.gid) == 0 else {
            throw PostgresServerError("cannot give \(directory) to postgres: errno \(errno)")
        }
        try runAsPostgres("initdb", ["-D", dataDirectory, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"])
    }

    private var dataDirectory: String { directory + "/data" }

    /// `postgresql:///postgres?host=DIR&user=postgres`: the maintenance database.
    public func url(database: String) -> String {
        "postgresql:///\(database)?host=\(directory)&user=postgres"
    }

    /// A fresh empty database on this server, and the configuration that reaches it.
    public func createDatabase() throws -> PostgresConfiguration {
        try PostgresConfiguration(url: createDatabaseURL())
    }

    /// A fresh empty database on this server, as the URL a daemon's `--database` takes.
    public func createDatabaseURL() throws -> String {
        let name = "tsprovider_test_\(getpid())_\(databaseCounter.next())"
        try psql("CREATE DATABASE \(name)")
        return url(database: name)
    }

    /// Runs SQL as the superuser on `database` with psql (set-up and checks in tests).
    @discardableResult
    public func psql(_ sql: String, database: String = "postgres") throws -> String {
        let result = try CommandRunner.run(
            URL(fileURLWithPath: binaries + "/psql"),
            ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url(database: database), "-c", sql])
        guard result.status == 0 else { throw PostgresServerError("psql '\(sql)' failed: \(result.errorOutput)") }
        return result.output
    }

    /// Starts the server (waiting until it accepts connections).
    public func startServer() throws {
        let options = "-k \(directory) -c listen_addresses='' -c fsync=off -c max_connections=300"
        try runAsPostgres("pg_ctl", ["-D", dataDirectory, "-l", directory + "/server.log", "-w", "-t", "60", "-o", options, "start"])
    }

    /// Stops the server at once, as a crash would (`pg_ctl -m immediate stop`).
    public func stopServer() throws {
        try runAsPostgres("pg_ctl", ["-D", dataDirectory, "-m", "immediate", "-w", "stop"])
    }

    /// Stops the server at once and starts it again.
    public func restart() throws {
        try stopServer()
        try startServer()
    }

    /// Stops the server (if running) and removes its directory.
    public func stop() {
        _ = try? runAsPostgres("pg_ctl", ["-D", dataDirectory, "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func runAsPostgres(_ tool: String, _ arguments: [String]) throws {
        let result = try CommandRunner.run(
            SystemPrincipals.setpriv,
            ["--reuid=postgres", "--regid=postgres", "--init-groups", binaries + "/" + tool] + arguments,
            timeout: .seconds(120))
        guard result.status == 0 else {
            throw PostgresServerError("\(tool) \(arguments.joined(separator: " ")) failed (status \(result.status)): \(result.errorOutput)\(result.output)")
        }
    }

    /// The newest `/usr/lib/postgresql/<version>/bin` (Debian's `postgresql` package).
    private static func findBinaries() throws -> String {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .compactMap { Int($0) }
            .filter { FileManager.default.isExecutableFile(atPath: "\(root)/\($0)/bin/initdb") }
        guard let newest = versions.max() else {
            throw PostgresServerError("no PostgreSQL server under \(root) (apt-get install postgresql)")
        }
        return "\(root)/\(newest)/bin"
    }
}

/// Why the test cluster could not be set up.
public struct PostgresServerError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// A thread-safe counter (database names, one per call).
private final class Counter: @unchecked Sendable {
    // @unchecked: `value` is only touched with `lock` held.
    private let lock = NSLock()
    private var value = 0

    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}

/// The process's shared server: started once, stopped when the process exits.
private enum SharedServer {
    nonisolated(unsafe) private static var server: PostgresServer?
    private static let lock = NSLock()

    static func instance() throws -> PostgresServer {
        lock.lock()
        defer { lock.unlock() }
        if let server { return server }
        let started = try PostgresServer.start()
        server = started
        atexit { SharedServer.stopAtExit() }
        return started
    }

    static func stopAtExit() {
        lock.lock()
        defer { lock.unlock() }
        server?.stop()
        server = nil
    }
}
