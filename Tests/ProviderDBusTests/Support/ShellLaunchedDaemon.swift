import DBusKit
import Foundation
import ProviderDBus
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A `tsproviderd` started the way a user's shell starts it — with that shell's umask (022 by
/// default, not the test runner's) — its standard output and error in files of its own.
struct ShellLaunchedDaemon {
    let process: ChildProcess
    let outputPath: String
    let logPath: String

    /// Starts `tsproviderd ARGUMENTS` under `umask`; output goes to `directory`/`name`.out and .log.
    static func start(_ arguments: [String], umask: String = "022", logsIn directory: String, name: String) throws -> ShellLaunchedDaemon {
        let executable = try CommandRunner.builtProduct(named: "tsproviderd").path
        let output = directory + "/\(name).out", log = directory + "/\(name).log"
        // `exec` keeps the pid: the child is the daemon itself.
        let process = try ChildProcess.spawn(
            "/bin/sh", arguments: ["-c", "umask \(umask) && exec \"$0\" \"$@\"", executable] + arguments,
            standardOutput: .file(output), standardError: .file(log))
        return ShellLaunchedDaemon(process: process, outputPath: output, logPath: log)
    }

    var output: String { readTextFile(outputPath) ?? "" }
    var log: String { readTextFile(logPath) ?? "" }

    /// Waits until the daemon owns its name on `connection`'s bus; false when it ended first.
    func waitUntilServing(on connection: DBusConnection) async -> Bool {
        _ = await waitUntil(timeout: .seconds(30)) {
            !process.isRunning || ((try? connection.nameOwner(of: ProviderBus.busName)) ?? nil) != nil
        }
        return process.isRunning && ((try? connection.nameOwner(of: ProviderBus.busName)) ?? nil) != nil
    }

    /// `tsproviderd --private-bus --data-dir DATA` as a shell starts it, once it serves: the
    /// daemon (the caller stops it), its bus's address and a connection to that bus (the caller
    /// closes it). A daemon that never serves is stopped before the error is thrown.
    static func startServingPrivateBus(
        dataDirectory: String, logsIn directory: String, name: String
    ) async throws -> (daemon: ShellLaunchedDaemon, address: String, connection: DBusConnection) {
        let daemon = try start(["--private-bus", "--data-dir", dataDirectory], logsIn: directory, name: name)
        do {
            let address = try #require(await daemon.waitForPrivateBusAddress(), "\(daemon.output) \(daemon.log)")
            let connection = try DBusConnection(address: address)
            guard await daemon.waitUntilServing(on: connection) else {
                connection.close()
                Issue.record("tsproviderd did not serve on \(address): \(daemon.log)")
                throw DBusError.failed("tsproviderd did not serve")
            }
            return (daemon, address, connection)
        } catch {
            daemon.process.terminate(timeout: .seconds(20))
            throw error
        }
    }

    /// For `--private-bus`: waits for the printed `export TSPROVIDER_BUS_ADDRESS='…'` line and
    /// returns the address.
    func waitForPrivateBusAddress() async -> String? {
        let prefix = "export TSPROVIDER_BUS_ADDRESS='"
        _ = await waitUntil(timeout: .seconds(30)) { !process.isRunning || output.contains("\n") }
        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }), line.hasSuffix("'") else { return nil }
        return String(line.dropFirst(prefix.count).dropLast())
    }
}

/// A file's permission bits, or nil when it does not exist.
func permissionBits(_ path: String) -> mode_t? {
    var status = stat()
    guard stat(path, &status) == 0 else { return nil }
    return status.st_mode & 0o7777
}

/// The directory of a private bus's socket (`unix:path=DIR/bus,guid=…`), which holds its config.
func privateBusDirectory(_ address: String) -> String? {
    guard address.hasPrefix("unix:path=") else { return nil }
    let path = address.dropFirst("unix:path=".count).split(separator: ",").first.map(String.init) ?? ""
    return (path as NSString).deletingLastPathComponent
}
