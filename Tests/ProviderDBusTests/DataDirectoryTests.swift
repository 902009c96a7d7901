import DBusKit
import Foundation
import Testing
import TestSupport
@testable import ProviderDBus
#if canImport(Glibc)
import Glibc
#endif

/// The data directory holds passwords in clear: it is the daemon's alone (0700, files 0600,
/// whatever the umask it was started with), and one daemon at a time serves it.
@Suite struct DataDirectoryTests {
    static let storeFiles = ["store.sqlite", "store.sqlite-wal", "store.sqlite-shm", "tsproviderd.pid"]

    @Test func aNewDataDirectoryAndItsStoreArePrivateUnderUmask022() async throws {
        let bus = try PrivateBus.start(ProviderDaemon.busConfiguration)
        defer { bus.stop() }
        let scratch = try TemporaryDirectory()
        let data = scratch.path + "/data"
        defer { try? FileManager.default.removeItem(atPath: data) }

        let daemon = try ShellLaunchedDaemon.start(["--address", bus.address, "--data-dir", data], logsIn: scratch.path, name: "daemon")
        defer { daemon.process.terminate(timeout: .seconds(20)) }
        let connection = try DBusConnection(address: bus.address)
        defer { connection.close() }
        #expect(await daemon.waitUntilServing(on: connection), "\(daemon.log)")
        // A write, so that the write-ahead log and its index exist.
        _ = try await ProviderClient(connection).importPackage(SmallSequence.restart, name: "modes")

        #expect(permissionBits(data) == 0o700)
        for file in Self.storeFiles {
            #expect(permissionBits(data + "/" + file) == 0o600, "\(file)")
        }
        #expect(!daemon.log.contains("tightened"), "nothing to tighten in a new directory: \(daemon.log)")
        #expect(daemon.process.terminate(timeout: .seconds(20)) == .exited(0), "\(daemon.log)")
    }

    @Test func looserModesOfAnExistingStoreAreTightenedAtStartWithALogLine() async throws {
        let bus = try PrivateBus.start(ProviderDaemon.busConfiguration)
        defer { bus.stop() }
        let scratch = try TemporaryDirectory()
        let data = scratch.path + "/data"
        defer { try? FileManager.default.removeItem(atPath: data) }
        let connection = try DBusConnection(address: bus.address)
        defer { connection.close() }

        let first = try ShellLaunchedDaemon.start(["--address", bus.address, "--data-dir", data], logsIn: scratch.path, name: "first")
        #expect(await first.waitUntilServing(on: connection), "\(first.log)")
        let package = try await ProviderClient(connection).importPackage(SmallSequence.restart, name: "kept")
        #expect(first.process.terminate(timeout: .seconds(20)) == .exited(0), "\(first.log)")
        #expect(await waitUntil { ((try? connection.nameOwner(of: ProviderBus.busName)) ?? nil) == nil })

        // What an older version, or a person, left behind.
        chmod(data, 0o755)
        chmod(data + "/store.sqlite", 0o644)
        chmod(data + "/tsproviderd.pid", 0o664)
        try writeTextFile(data + "/bus.address", "unix:path=/tmp/gone\n")
        chmod(data + "/bus.address", 0o644)

        let second = try ShellLaunchedDaemon.start(["--address", bus.address, "--data-dir", data], logsIn: scratch.path, name: "second")
        defer { second.process.terminate(timeout: .seconds(20)) }
        #expect(await second.waitUntilServing(on: connection), "\(second.log)")
        for (file, change) in [("", "0755 to 0700"), ("/store.sqlite", "0644 to 0600"), ("/tsproviderd.pid", "0664 to 0600"), ("/bus.address", "0644 to 0600")] {
            #expect(second.log.contains("tightened the mode of \(data)\(file) from \(change)"), "\(file): \(second.log)")
        }
        #expect(permissionBits(data) == 0o700)
        for file in Self.storeFiles + ["bus.address"] {
            #expect(permissionBits(data + "/" + file) == 0o600, "\(file)")
        }
        // The same store, still served.
        #expect(try ProviderClient(connection).string("Name", of: Provider.packageInterface, at: package) == "kept")
    }

    @Test func aSecondDaemonOnTheSameDirectoryExitsAtOnceNamingTheFirst() async throws {
        let scratch = try TemporaryDirectory()
        let data = scratch.path + "/data"
        defer { try? FileManager.default.removeItem(atPath: data) }
        let (first, address, connection) = try await ShellLaunchedDaemon.startServingPrivateBus(
            dataDirectory: data, logsIn: scratch.path, name: "first")
        defer { first.process.terminate(timeout: .seconds(20)) }
        defer { connection.close() }
        #expect(readTextFile(data + "/bus.address") == address + "\n")
        #expect(permissionBits(data + "/bus.address") == 0o600)
        #expect(readTextFile(data + "/tsproviderd.pid") == "\(first.process.pid)\n")

        let second = try ShellLaunchedDaemon.start(["--private-bus", "--data-dir", data], logsIn: scratch.path, name: "second")
        #expect(second.process.wait(timeout: .seconds(30)) == .exited(75), "\(second.log)")
        #expect(second.log.contains("the data directory \(data) is in use by another tsproviderd (pid \(first.process.pid)); it holds \(data)/tsproviderd.pid"),
                "\(second.log)")
        // It stopped before starting a bus or touching the first one's files.
        #expect(second.output.isEmpty, "\(second.output)")
        #expect(readTextFile(data + "/bus.address") == address + "\n")
        #expect(readTextFile(data + "/tsproviderd.pid") == "\(first.process.pid)\n")
        #expect(first.process.isRunning)
        _ = try await ProviderClient(connection).importPackage(SmallSequence.restart, name: "still served")
    }

    @Test func thePrivateBusRunsWithTheStockSystemBusLimits() async throws {
        let scratch = try TemporaryDirectory()
        let data = scratch.path + "/data"
        defer { try? FileManager.default.removeItem(atPath: data) }
        let daemon = try ShellLaunchedDaemon.start(["--private-bus", "--data-dir", data], logsIn: scratch.path, name: "daemon")
        defer { daemon.process.terminate(timeout: .seconds(20)) }
        let address = try #require(await daemon.waitForPrivateBusAddress(), "\(daemon.output) \(daemon.log)")
        let directory = try #require(privateBusDirectory(address))
        let configuration = try #require(readTextFile(directory + "/bus.conf"))

        let limits = Self.limits(in: configuration)
        // dbus-daemon's built-in (system bus) values, as /usr/share/dbus-1/system.conf lists them …
        let stock = [
            "max_incoming_bytes": 133_169_152, "max_outgoing_bytes": 133_169_152, "max_message_size": 33_554_432,
            "max_incoming_unix_fds": 64, "max_outgoing_unix_fds": 64, "max_message_unix_fds": 16,
            "max_completed_connections": 2_048, "max_incomplete_connections": 64, "max_connections_per_user": 256,
            "max_pending_service_starts": 512, "max_names_per_connection": 512, "max_match_rules_per_connection": 512,
            "auth_timeout": 5_000, "pending_fd_timeout": 150_000, "service_start_timeout": 25_000,
        ]
        for (name, value) in stock {
            #expect(limits[name] == value, "\(name): \(limits[name].map(String.init) ?? "not set")")
        }
        // … except the pending replies, raised for pipelining clients; and no reply timeout of our own.
        #expect(limits["max_replies_per_connection"] == 1_024)
        #expect(limits["reply_timeout"] == nil)
        #expect(Set(limits.keys) == Set(stock.keys).union(["max_replies_per_connection"]))
        #expect(configuration.contains("<type>system</type>"))

        // dbus-daemon took the config: the daemon serves on it.
        let connection = try DBusConnection(address: address)
        defer { connection.close() }
        #expect(await daemon.waitUntilServing(on: connection), "\(daemon.log)")
    }

    /// `<limit name="N">V</limit>` elements by name.
    static func limits(in configuration: String) -> [String: Int] {
        var limits: [String: Int] = [:]
        let pattern = #/<limit name="([a-z_]+)">([0-9]+)</limit>/#
        for match in configuration.matches(of: pattern) {
            limits[String(match.output.1)] = Int(match.output.2)
        }
        return limits
    }
}
