// The C floor (bench/cfloor/cfloor.c): a minimal libdbus service, compiled by this run into its
// temporary directory and started on the rig's bus, so a provider's reads are compared with
// what a service written straight in C costs on the same bus, pinned the same way.
import DBusKit
import Foundation
#if canImport(Glibc)
import Glibc
#endif

final class CFloor {
    static let name = "org.tsprovider.BenchFloor"
    static let interfaceName = "org.tsprovider.BenchFloor1"
    static let sourcePath = "bench/cfloor/cfloor.c"

    let process: ChildProcess
    private let rig: ProviderBenchRig

    /// Compiles the floor with `cc` and libdbus's pkg-config flags, starts it on the rig's bus
    /// and returns once it owns its name.
    init(rig: ProviderBenchRig) throws {
        self.rig = rig
        let source = try Self.locateSource()
        let executable = rig.directory + "/cfloor"
        let flags = "$(pkg-config --cflags --libs dbus-1)"
        try runQuietly("/bin/sh", ["-c", "cc -O2 -o '\(executable)' '\(source)' \(flags)"])
        process = try ChildProcess.spawn(executable, arguments: [rig.bus.address, Self.name], standardError: .inherit)
        let deadline = ContinuousClock.now + .seconds(20)
        while (try? rig.client.nameOwner(of: Self.name)) ?? nil == nil {
            if let ending = process.exitStatus { throw ProviderBenchError("the C floor ended (\(ending)) before owning \(Self.name)") }
            guard ContinuousClock.now < deadline else { throw ProviderBenchError("the C floor did not own \(Self.name) within 20 s") }
            usleep(5_000)
        }
    }

    func stop() {
        _ = process.terminate(timeout: .seconds(5))
    }

    /// A `Properties.Get` the floor answers with a string variant.
    func makeGet() throws -> DBusMessage {
        try DBusMessage.methodCall(
            destination: Self.name, path: ObjectPath("/org/tsprovider/Floor"), interface: "org.freedesktop.DBus.Properties", method: "Get",
            arguments: [.string(Self.interfaceName), .string("Name")])
    }

    /// `Text(length)`: a stored string of `length` bytes.
    func makeText(length: Int) throws -> DBusMessage {
        try DBusMessage.methodCall(
            destination: Self.name, path: ObjectPath("/org/tsprovider/Floor"), interface: Self.interfaceName, method: "Text",
            arguments: [.uint32(UInt32(length))])
    }

    /// `TSBENCH_CFLOOR_SOURCE`, else bench/cfloor/cfloor.c under the working directory or a
    /// directory above this executable (it lives in the repository's `.build`).
    private static func locateSource() throws -> String {
        if let path = ProcessInfo.processInfo.environment["TSBENCH_CFLOOR_SOURCE"] { return path }
        var candidates = [FileManager.default.currentDirectoryPath]
        if let executable = executablePath() {
            var directory = URL(fileURLWithPath: executable).deletingLastPathComponent()
            for _ in 0..<5 {
                directory = directory.deletingLastPathComponent()
                candidates.append(directory.path)
            }
        }
        for directory in candidates where FileManager.default.fileExists(atPath: directory + "/" + sourcePath) {
            return directory + "/" + sourcePath
        }
        throw ProviderBenchError("cannot find \(sourcePath); run from the repository root or set TSBENCH_CFLOOR_SOURCE")
    }
}
