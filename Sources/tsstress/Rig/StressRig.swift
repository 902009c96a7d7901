import DBusKit
import Dispatch
import Foundation
import ProviderDBus
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The stress run's setting: a private bus configured like `tsproviderd --private-bus` (the
/// project's policy on a system-type bus), the release `tsproviderd` built next to `tsstress`
/// started and stopped on it (SIGTERM or SIGKILL) over a data directory, and a client connection.
final class StressRig: Sendable {
    static let providerName = "org.tsprovider.Provider1"

    /// Connections per user the stress bus admits: the 300-connection part opens them all from
    /// one user (root), which a bus tightened to the system bus's 256 per user would refuse;
    /// what is under test there is the daemon serving them, not the bus's own limit.
    static let connectionsPerUser = 1_024

    /// A short directory for the stores (removed by ``close()``).
    let directory: String
    let bus: PrivateBus
    let client: DBusConnection
    let executable: String
    private let daemon = Mutex<ChildProcess?>(nil)

    init() throws {
        guard let executablePath = Self.executablePath() else { throw StressFailure("cannot find this executable's path") }
        executable = URL(fileURLWithPath: executablePath).deletingLastPathComponent().appendingPathComponent("tsproviderd").path
        guard access(executable, X_OK) == 0 else {
            throw StressFailure("\(executable) is not built; run `swift build -c release --product tsproviderd`")
        }
        directory = try Self.makeDirectory()
        var configuration = PrivateBus.Configuration()
        configuration.allowEveryone = false
        configuration.busType = "system"
        let owner = getuid() == 0 ? nil : getpwuid(getuid()).flatMap { $0.pointee.pw_name.map { String(cString: $0) } }
        configuration.extraConfiguration = BusPolicy.privateBusConfiguration(owner: owner) + """
              <limit name="max_connections_per_user">\(Self.connectionsPerUser)</limit>
              <limit name="max_completed_connections">\(Self.connectionsPerUser * 2)</limit>
            """
        bus = try PrivateBus.start(configuration)
        client = try DBusConnection(address: bus.address)
    }

    private static func makeDirectory() throws -> String {
        var template = Array("/tmp/tss-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return mkdtemp(base) != nil
        }
        guard made else { throw StressFailure("cannot create a temporary directory: errno \(errno)") }
        return String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func executablePath() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    // MARK: The daemon

    /// The running daemon, if any.
    var process: ChildProcess? { daemon.withLock { $0 } }

    /// Starts tsproviderd on `dataDirectory` (its log in `dataDirectory.log`) and returns once
    /// it owns its name.
    @discardableResult
    func startDaemon(dataDirectory: String) throws -> ChildProcess {
        let start = ContinuousClock.now
        let process = try ChildProcess.spawn(
            executable, arguments: ["--address", bus.address, "--data-dir", dataDirectory, "--log-level", "warning"],
            standardOutput: .discard, standardError: .file(dataDirectory + ".log"))
        daemon.withLock { $0 = process }
        while ((try? client.nameOwner(of: Self.providerName)) ?? nil) == nil {
            if let ending = process.exitStatus {
                let log = (try? String(contentsOfFile: dataDirectory + ".log", encoding: .utf8)) ?? ""
                throw StressFailure("tsproviderd ended (\(ending)) before owning its name: \(log.suffix(2_000))")
            }
            if ContinuousClock.now - start > .seconds(60) { throw StressFailure("tsproviderd did not own its name within 60 s") }
            usleep(2_000)
        }
        return process
    }

    /// Stops the daemon with SIGTERM, or with SIGKILL when `kill` is set, and waits until the
    /// bus has dropped its name. Returns how it ended.
    @discardableResult
    func stopDaemon(kill: Bool = false) -> ChildProcess.Termination? {
        guard let process = daemon.withLock({ state -> ChildProcess? in
            defer { state = nil }
            return state
        }) else { return nil }
        let ending: ChildProcess.Termination
        if kill {
            process.send(signal: SIGKILL)
            ending = process.wait(timeout: .seconds(20)) ?? process.terminate(timeout: .seconds(1))
        } else {
            ending = process.terminate(timeout: .seconds(20))
        }
        let deadline = ContinuousClock.now + .seconds(10)
        while (try? client.nameOwner(of: Self.providerName)) ?? nil != nil, ContinuousClock.now < deadline { usleep(1_000) }
        return ending
    }

    func close() {
        stopDaemon()
        client.close()
        bus.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    // MARK: Calls

    /// A blocking call on `connection` (the rig's client by default).
    @discardableResult
    func call(_ path: ObjectPath, _ interface: String, _ method: String, _ arguments: [DBusValue] = [],
              on connection: DBusConnection? = nil, timeout: Duration = .seconds(60)) throws -> [DBusValue] {
        try (connection ?? client).call(destination: Self.providerName, path: path, interface: interface, method: method,
                                        arguments: arguments, timeout: timeout)
    }

    /// `Properties.Get`, unwrapped.
    func property(_ path: ObjectPath, _ interface: String, _ name: String, on connection: DBusConnection? = nil) throws -> DBusValue {
        let reply = try call(path, "org.freedesktop.DBus.Properties", "Get", [.string(interface), .string(name)], on: connection)
        guard let value = reply.first else { throw StressFailure("Get \(interface).\(name) on \(path) returned nothing") }
        return value.unwrappingVariant
    }

    /// `Properties.Set`.
    func setProperty(_ path: ObjectPath, _ interface: String, _ name: String, _ value: DBusValue, on connection: DBusConnection? = nil) throws {
        try call(path, "org.freedesktop.DBus.Properties", "Set", [.string(interface), .string(name), .variant(value)], on: connection)
    }
}

/// The resident set of a process, from `/proc/<pid>/status` (`VmRSS:  12345 kB`), in KiB.
func residentKiB(of pid: Int32) -> Int? {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        return Int(line.dropFirst("VmRSS:".count).filter(\.isNumber))
    }
    return nil
}

extension Duration {
    var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) / 1e18
    }
}
