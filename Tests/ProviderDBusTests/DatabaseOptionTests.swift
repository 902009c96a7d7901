import DBusKit
import Foundation
import Testing
import TestSupport

/// `tsproviderd --database URL` (and `database =` / `database-password-file =` in the config
/// file): the store on PostgreSQL, which must be reachable at start; a URL carrying a password
/// and a password file others can read are refused before anything connects.
@Suite struct DatabaseOptionTests {
    private func runDaemon(_ arguments: [String], in directory: TemporaryDirectory) throws -> CommandResult {
        try CommandRunner.run(
            CommandRunner.builtProduct(named: "tsproviderd"),
            ["--private-bus", "--data-dir", directory.path + "/data"] + arguments, timeout: .seconds(60))
    }

    /// The message of the daemon's one critical log line.
    private func criticalMessage(_ result: CommandResult) -> String? {
        result.errorOutput.components(separatedBy: "[tsproviderd] ").dropFirst().first?.trimmingTrailingNewlines
    }

    @Test func aDatabaseThatCannotBeReachedStopsTheStartNamingIt() throws {
        let directory = try TemporaryDirectory()
        let result = try runDaemon(["--database", "postgresql:///tsprovider?host=/nonexistent"], in: directory)
        #expect(result.status == 1)
        #expect(criticalMessage(result) == """
            the database cannot be reached: cannot connect to PostgreSQL at /nonexistent/tsprovider: \
            connection to server on socket "/nonexistent/.s.PGSQL.5432" failed: No such file or directory
            \tIs the server running locally and accepting connections on that socket?
            """)
    }

    @Test func aPasswordInTheDatabaseURLIsRefused() throws {
        let directory = try TemporaryDirectory()
        let result = try runDaemon(["--database", "postgresql://provider:secret@db.example.com/tsprovider"], in: directory)
        #expect(result.status == 1)
        #expect(criticalMessage(result) == "database: the database URL must not carry a password (it would show in the process list and logs): put it in a file named by database-password-file, or in PGPASSWORD or ~/.pgpass")
    }

    @Test func aPasswordFileOthersCanReadIsRefusedFromTheConfigFile() throws {
        let directory = try TemporaryDirectory()
        let passwordFile = directory.path + "/password"
        try Data("secret\n".utf8).write(to: URL(fileURLWithPath: passwordFile))
        chmod(passwordFile, 0o644)
        let config = directory.path + "/tsproviderd.conf"
        try Data("database = postgresql://provider@db.example.com/tsprovider\ndatabase-password-file = \(passwordFile)\n".utf8)
            .write(to: URL(fileURLWithPath: config))
        let result = try runDaemon(["--config", config], in: directory)
        #expect(result.status == 1)
        #expect(criticalMessage(result) == "database: the database password file \(passwordFile) is readable by others (mode 0644): make it 0600 (chmod 600 \(passwordFile))")
    }

    @Test func aReachableDatabaseIsServedFrom() async throws {
        let configuration = try PostgresServer.shared().createDatabase()
        let directory = try TemporaryDirectory()
        let output = directory.path + "/stdout", errors = directory.path + "/stderr"
        let daemon = try ChildProcess.spawn(
            try CommandRunner.builtProduct(named: "tsproviderd").path,
            arguments: ["--private-bus", "--data-dir", directory.path + "/data", "--database", configuration.url],
            standardOutput: .file(output), standardError: .file(errors))
        defer { daemon.terminate(timeout: .seconds(10)) }
        let logged = await waitUntil(timeout: .seconds(60)) {
            !daemon.isRunning || (readTextFile(errors) ?? "").contains("serving ")
        }
        #expect(logged, "\(readTextFile(errors) ?? "")")
        #expect((readTextFile(errors) ?? "").contains("with store PostgreSQL \(configuration.target), site PS1"), "\(readTextFile(errors) ?? "")")
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/data/store.sqlite"), "no SQLite file beside a PostgreSQL store")
        #expect(daemon.terminate(timeout: .seconds(20)) == .exited(0), "\(readTextFile(errors) ?? "")")
    }
}
