import DBusKit
import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// How the daemon process starts and stops, as a supervisor (systemd, a test harness) sees it.
@Suite struct DaemonLifecycleTests {
    /// A supervisor that waits for the name and then stops the daemon at once must still get a
    /// clean exit: SIGTERM is handled from the moment the name is owned.
    @Test func sigtermRightAfterTheNameIsOwnedEndsWithExitZero() async throws {
        let daemon = try await ProviderDaemon.start()
        defer { daemon.shutdown() }
        for round in 0..<3 {
            if round > 0 { try await daemon.launch() }
            let ending = daemon.stop()
            #expect(ending == .exited(0), "round \(round): \(String(describing: ending)); log:\n\(daemon.log)")
        }
    }

    /// A daemon left without its bus serves no one: it says why and exits 69, so that
    /// `Restart=on-failure` starts it again.
    @Test func losingTheBusEndsTheDaemonWithStatus69() async throws {
        let daemon = try await ProviderDaemon.start()
        defer { daemon.shutdown() }
        let process = try #require(daemon.process)
        let address = daemon.bus.address
        daemon.bus.stop()
        #expect(process.wait(timeout: .seconds(30)) == .exited(69), "\(daemon.log)")
        #expect(daemon.log.contains(
            "critical tsproviderd: [tsproviderd] lost the connection to the bus at \(address): the bus daemon exited or closed this connection"),
                "\(daemon.log)")
    }

    /// The same when the private bus's dbus-daemon of `--private-bus` dies (SIGKILL).
    @Test func aKilledPrivateBusEndsTheDaemonWithStatus69() async throws {
        let scratch = try TemporaryDirectory()
        let data = scratch.path + "/data"
        defer { try? FileManager.default.removeItem(atPath: data) }
        let (daemon, address, connection) = try await ShellLaunchedDaemon.startServingPrivateBus(
            dataDirectory: data, logsIn: scratch.path, name: "daemon")
        defer { daemon.process.terminate(timeout: .seconds(20)) }
        defer { connection.close() }

        let configuration = try #require(privateBusDirectory(address)).appending("/bus.conf")
        let busDaemon = try #require(Self.dbusDaemon(runningWith: configuration), "no dbus-daemon runs with \(configuration)")
        kill(busDaemon, SIGKILL)
        #expect(daemon.process.wait(timeout: .seconds(30)) == .exited(69), "\(daemon.log)")
        #expect(daemon.log.contains("lost the connection to the private bus at \(address): "), "\(daemon.log)")
    }

    /// The pid of the `dbus-daemon` whose command line names `configuration`.
    static func dbusDaemon(runningWith configuration: String) -> pid_t? {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let pid = pid_t(entry),
                  let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { continue }
            let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            if arguments.first?.hasSuffix("/dbus-daemon") == true, arguments.contains("--config-file=\(configuration)") { return pid }
        }
        return nil
    }
}
