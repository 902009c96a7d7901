// The provider benchmark's setting: a private bus configured like `tsproviderd --private-bus`,
// the release tsproviderd next to tsbench running on it, a DBusKit echo service (the floor a
// libdbus service can reach) and one client connection.
import DBusKit
import Dispatch
import Foundation
import ProviderDBus
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

struct ProviderBenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

final class ProviderBenchRig: Sendable {
    static let providerName = "org.tsprovider.Provider1"
    static let echoName = "org.tsprovider.BenchEcho"
    static let echoInterfaceName = "org.tsprovider.BenchEcho1"
    static let echoPath = ObjectPath.root

    static let echoInterface = DBusInterface<Void>(echoInterfaceName) {
        DBusMethod("Echo", inputs: [DBusArgument("text", .string)], outputs: [DBusArgument("text", .string)]) { _, call in
            call.arguments
        }
        // The floor of a call returning a document: `length` bytes of text made on each call.
        DBusMethod("Text", inputs: [DBusArgument("length", .uint32)], outputs: [DBusArgument("text", .string)]) { _, call in
            [.string(String(repeating: "x", count: Int(try call.argument("length", as: UInt32.self))))]
        }
    }

    /// A short directory for the stores (removed by ``close()``).
    let directory: String
    let bus: PrivateBus
    let client: DBusConnection
    let echoConnection: DBusConnection
    let echoServer: ObjectServer
    let executable: String
    private let daemon = Mutex<ChildProcess?>(nil)

    init() throws {
        guard let tsbench = executablePath() else { throw ProviderBenchError("cannot find this executable's path") }
        // TSBENCH_TSPROVIDERD measures another build of the daemon (a before/after comparison).
        executable = ProcessInfo.processInfo.environment["TSBENCH_TSPROVIDERD"]
            ?? URL(fileURLWithPath: tsbench).deletingLastPathComponent().appendingPathComponent("tsproviderd").path
        guard access(executable, X_OK) == 0 else {
            throw ProviderBenchError("\(executable) is not built; run `swift build -c release --product tsproviderd`")
        }
        directory = try Self.makeDirectory()
        var configuration = PrivateBus.Configuration()
        configuration.allowEveryone = false
        configuration.busType = "system"
        let owner = getuid() == 0 ? nil : getpwuid(getuid()).flatMap { $0.pointee.pw_name.map { String(cString: $0) } }
        // The daemon's own policy, plus the echo service the same bus lets be owned and called.
        configuration.extraConfiguration = BusPolicy.privateBusConfiguration(owner: owner) + """
              <policy context="default">
                <allow own="\(Self.echoName)"/>
                <allow send_destination="\(Self.echoName)"/>
                <allow own="\(CFloor.name)"/>
                <allow send_destination="\(CFloor.name)"/>
              </policy>
            """
        bus = try PrivateBus.start(configuration)
        client = try DBusConnection(address: bus.address)
        echoConnection = try DBusConnection(address: bus.address)
        echoServer = try ObjectServer(connection: echoConnection)
        try echoServer.register(DBusObject(Self.echoInterface.bound(to: ())), at: Self.echoPath)
        try echoConnection.requestName(Self.echoName)
    }

    private static func makeDirectory() throws -> String {
        var template = Array("/tmp/tsb-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return mkdtemp(base) != nil
        }
        guard made else { throw ProviderBenchError("cannot create a temporary directory: errno \(errno)") }
        return String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    // MARK: The daemon

    /// Starts tsproviderd on `dataDirectory` (with `extraArguments`, e.g. `--database URL`) and
    /// returns once it owns its name: how long that took from the spawn, and the process.
    @discardableResult
    func startDaemon(dataDirectory: String, extraArguments: [String] = []) throws -> (startup: Duration, process: ChildProcess) {
        let owned = DispatchSemaphore(value: 0)
        let owners = try client.nameOwnerChanges(of: Self.providerName)
        let watcher = Task {
            for await owner in owners where owner != nil {
                owned.signal()
                return
            }
        }
        defer { watcher.cancel() }
        let start = ContinuousClock.now
        let process = try ChildProcess.spawn(
            executable, arguments: ["--address", bus.address, "--data-dir", dataDirectory, "--log-level", "warning"] + extraArguments,
            standardOutput: .inherit, standardError: .inherit)
        daemon.withLock { $0 = process }
        // Woken by NameOwnerChanged rather than by polling, so the wait takes no CPU from the start-up.
        while owned.wait(timeout: .now() + .milliseconds(100)) == .timedOut {
            if let ending = process.exitStatus { throw ProviderBenchError("tsproviderd ended (\(ending)) before owning its name") }
            if ContinuousClock.now - start > .seconds(60) { throw ProviderBenchError("tsproviderd did not own its name within 60 s") }
        }
        return (ContinuousClock.now - start, process)
    }

    /// Stops the daemon (SIGTERM) and waits until the bus has dropped its name.
    func stopDaemon() throws {
        guard let process = daemon.withLock({ state -> ChildProcess? in
            defer { state = nil }
            return state
        }) else { return }
        let ending = process.terminate(timeout: .seconds(20))
        guard ending == .exited(0) else { throw ProviderBenchError("tsproviderd ended with \(ending) on SIGTERM") }
        let deadline = ContinuousClock.now + .seconds(10)
        while (try? client.nameOwner(of: Self.providerName)) ?? nil != nil, ContinuousClock.now < deadline { usleep(1_000) }
    }

    func close() {
        try? stopDaemon()
        client.close()
        echoConnection.close()
        bus.stop()
        removeTree(directory)
    }

    // MARK: Calls

    func call(_ path: ObjectPath, _ interface: String, _ method: String, _ arguments: [DBusValue] = []) throws -> [DBusValue] {
        try client.call(destination: Self.providerName, path: path, interface: interface, method: method, arguments: arguments,
                        timeout: .seconds(300))
    }

    func makeGet(_ path: ObjectPath, interface: String, property: String) throws -> DBusMessage {
        try DBusMessage.methodCall(
            destination: Self.providerName, path: path, interface: "org.freedesktop.DBus.Properties", method: "Get",
            arguments: [.string(interface), .string(property)])
    }

    func makeEcho() throws -> DBusMessage {
        try DBusMessage.methodCall(
            destination: Self.echoName, path: Self.echoPath, interface: Self.echoInterfaceName, method: "Echo",
            arguments: [.string("hello, bus")])
    }

    func makeText(length: Int) throws -> DBusMessage {
        try DBusMessage.methodCall(
            destination: Self.echoName, path: Self.echoPath, interface: Self.echoInterfaceName, method: "Text",
            arguments: [.uint32(UInt32(length))])
    }

    func makePing() throws -> DBusMessage {
        try DBusMessage.methodCall(
            destination: "org.freedesktop.DBus", path: ObjectPath("/org/freedesktop/DBus"), interface: "org.freedesktop.DBus.Peer",
            method: "Ping")
    }

    /// Calls per second with `window` calls in flight on the client connection.
    func pipelinedRate(total: Int, window: Int, makeCall: @escaping @Sendable () throws -> DBusMessage) throws -> Double {
        try pipelinedCallRate(on: client, total: total, window: window, makeCall: makeCall)
    }
}

extension Duration {
    var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) / 1e18
    }
}

/// Removes a directory and everything in it.
func removeTree(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
}

/// The median of each measurement over the floor measured beside it (the same round or batch):
/// the machine's speed drifts by a third within minutes, seldom within one round.
func medianRatio(_ measured: [Double], to floors: [Double]) -> Double {
    medianOf(zip(measured, floors).map { $0 / $1 })
}

/// The median of `values` (0 when empty).
func medianOf(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

/// Mean microseconds per call of `body` over `count` calls.
func meanMicroseconds(_ count: Int, _ body: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    for _ in 0..<count { try body() }
    return (ContinuousClock.now - start).seconds * 1_000_000 / Double(count)
}

/// The resident set of a process, from `/proc/<pid>/status` (`VmRSS:  12345 kB`), in KiB.
func residentKiB(of pid: Int32) -> Int? {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        return Int(line.dropFirst("VmRSS:".count).filter(\.isNumber))
    }
    return nil
}
