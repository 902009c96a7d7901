import DBusKit
import Foundation
import Testing
import TestSupport

/// `make run`'s form: `tsproviderd --private-bus --data-dir D` starts its own bus, prints the
/// line to export, writes `D/bus.address`, and serves there.
@Suite struct PrivateBusModeTests {
    static let exportPrefix = "export TSPROVIDER_BUS_ADDRESS="

    @Test func thePrintedAddressServesTheProvider() async throws {
        let directory = try TemporaryDirectory()
        let output = directory.path + "/stdout", errors = directory.path + "/stderr"
        let daemon = try ChildProcess.spawn(
            try CommandRunner.builtProduct(named: "tsproviderd").path,
            arguments: ["--private-bus", "--data-dir", directory.path],
            standardOutput: .file(output), standardError: .file(errors))
        defer { daemon.terminate(timeout: .seconds(10)) }

        let printed = await waitUntil(timeout: .seconds(30)) {
            !daemon.isRunning || (readTextFile(output) ?? "").contains("\n")
        }
        let line = try #require((readTextFile(output) ?? "").split(separator: "\n").first.map(String.init),
                                "nothing printed (\(printed)); stderr: \(readTextFile(errors) ?? "")")
        #expect(line.hasPrefix(Self.exportPrefix), "\(line)")
        // The value is shell-quoted: 'unix:path=…,guid=…'.
        let quoted = line.dropFirst(Self.exportPrefix.count)
        #expect(quoted.hasPrefix("'") && quoted.hasSuffix("'"), "\(line)")
        let address = String(quoted.dropFirst().dropLast())
        #expect(address.hasPrefix("unix:path="))
        #expect(readTextFile(directory.path + "/bus.address")?.trimmingTrailingNewlines == address)

        let connection = try DBusConnection(address: address)
        defer { connection.close() }
        #expect(await waitUntil(timeout: .seconds(30)) { ((try? connection.nameOwner(of: Provider.busName)) ?? nil) != nil },
                "\(readTextFile(errors) ?? "")")
        let client = ProviderClient(connection)
        let package = try await client.importPackage(SmallSequence.restart, name: "make run")
        #expect(try client.string("Name", of: Provider.packageInterface, at: package) == "make run")
        #expect(try client.sequence(package).steps.map(\.name) == ["Restart"])

        // SIGTERM stops the daemon cleanly, and its bus with it.
        #expect(daemon.terminate(timeout: .seconds(20)) == .exited(0), "\(readTextFile(errors) ?? "")")
        #expect(await waitUntil(timeout: .seconds(10)) { !connection.isConnected })
        #expect(throws: DBusError.self) { _ = try DBusConnection(address: address) }
    }
}
