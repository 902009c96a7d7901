internal import CDBus
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A private `dbus-daemon` started for tests, benchmarks or a service's stand-alone mode.
///
/// The bus listens on a Unix socket in a short temporary directory (socket paths are limited
/// to 108 bytes), admits every user (`<allow user="*"/>`, so clients can run as other users),
/// lets anyone own names and raises the limits that break test and benchmark load
/// (``Limits/generous``); a service's stand-alone bus takes ``Limits/systemBus`` and a policy
/// of its own instead. ``Configuration/extraConfiguration`` is spliced into the
/// config, for example an `<include>` of a project's policy file or a `<deny own=…/>`.
///
/// ```swift
/// let bus = try PrivateBus.start()
/// defer { bus.stop() }
/// let connection = try DBusConnection(address: bus.address)
/// ```
public final class PrivateBus: Sendable {
    /// How to start the bus.
    public struct Configuration: Sendable {
        /// The daemon executable.
        public var daemonPath: String
        /// XML inserted before `</busconfig>`; later policies override earlier ones.
        public var extraConfiguration: String
        /// The bus `<type>` (`session` or `system`).
        public var busType: String
        /// Whether the default policy lets any user connect, send and own names.
        public var allowEveryone: Bool
        /// The `<limit>` elements: ``Limits/generous`` (the default, for tests and benchmarks)
        /// or ``Limits/systemBus`` (a service's stand-alone bus).
        public var limits: Limits
        /// Where the temporary directory goes; keep it short.
        public var temporaryDirectoryParent: String
        /// How long to wait for the daemon to print its address.
        public var startupTimeout: Duration
        /// Where the daemon's own output goes.
        public var daemonOutput: ChildProcess.Output

        /// The defaults: `/usr/bin/dbus-daemon`, a session-type bus open to everyone with
        /// ``Limits/generous`` limits, under `/tmp`, 10 s to start.
        public init(
            daemonPath: String = "/usr/bin/dbus-daemon", extraConfiguration: String = "",
            busType: String = "session", allowEveryone: Bool = true, limits: Limits = .generous,
            temporaryDirectoryParent: String = "/tmp", startupTimeout: Duration = .seconds(10),
            daemonOutput: ChildProcess.Output = .discard
        ) {
            self.daemonPath = daemonPath
            self.extraConfiguration = extraConfiguration
            self.busType = busType
            self.allowEveryone = allowEveryone
            self.limits = limits
            self.temporaryDirectoryParent = temporaryDirectoryParent
            self.startupTimeout = startupTimeout
            self.daemonOutput = daemonOutput
        }
    }

    /// The address clients connect to, as the daemon printed it.
    public let address: String
    /// The temporary directory holding the config and the socket.
    public let directory: String
    /// The config file the daemon runs with.
    public let configurationPath: String
    /// The process running the daemon: a small watchdog shell that stops `dbus-daemon` when
    /// asked to (SIGTERM) or when this process dies.
    public let process: ChildProcess
    private let stopped = Atomic<Bool>(false)
    /// Our end of the watchdog's stdin pipe.
    private let parentLink: Int32

    private init(address: String, directory: String, configurationPath: String, process: ChildProcess, parentLink: Int32) {
        self.address = address
        self.directory = directory
        self.configurationPath = configurationPath
        self.process = process
        self.parentLink = parentLink
    }

    deinit {
        stop()
    }

    /// Writes the config, starts the daemon and returns once it listens.
    ///
    /// - Throws: ``DBusError/failed(_:)`` when the directory, config or daemon cannot be set up
    ///   or the daemon does not print an address in time.
    public static func start(_ configuration: Configuration = Configuration()) throws -> PrivateBus {
        let directory = try makeTemporaryDirectory(in: configuration.temporaryDirectoryParent)
        let socketPath = directory + "/bus"
        guard socketPath.utf8.count < 108 else {
            removeDirectory(directory)
            throw DBusError.failed("socket path \(socketPath) is longer than the 107 bytes Unix sockets allow")
        }
        let configurationPath = directory + "/bus.conf"
        do {
            try writeFile(configurationPath, contents: configurationText(configuration, socketPath: socketPath))
        } catch {
            removeDirectory(directory)
            throw error
        }

        let addressPipe: (read: Int32, write: Int32)
        let parentPipe: (read: Int32, write: Int32)
        do {
            addressPipe = try makePipe()
            do {
                parentPipe = try makePipe()
            } catch {
                close(addressPipe.read)
                close(addressPipe.write)
                throw error
            }
        } catch {
            removeDirectory(directory)
            throw error
        }
        let readEnd = addressPipe.read
        defer { close(readEnd) }
        let daemonArguments = [
            configuration.daemonPath, "--config-file=\(configurationPath)", "--nofork", "--nopidfile", "--print-address=3",
        ]
        let process: ChildProcess
        do {
            // A watchdog shell owns the daemon: it stops it on SIGTERM, and also when this
            // process dies (its stdin, our pipe, reaches end of file), so no daemon is orphaned.
            process = try ChildProcess.spawn(
                "/bin/sh", arguments: ["-c", watchdogScript, "dbuskit-bus"] + daemonArguments,
                standardOutput: configuration.daemonOutput, standardError: configuration.daemonOutput,
                passing: [(parentPipe.read, 0), (addressPipe.write, 3)])
        } catch {
            close(addressPipe.write)
            close(parentPipe.read)
            close(parentPipe.write)
            removeDirectory(directory)
            throw error
        }
        close(addressPipe.write)
        close(parentPipe.read)
        // parentPipe.write stays open (close-on-exec) until stop(), or until this process dies.

        guard let address = readLine(from: readEnd, timeout: configuration.startupTimeout) else {
            let status = process.terminate(timeout: .seconds(2))
            close(parentPipe.write)
            removeDirectory(directory)
            throw DBusError.failed(
                "dbus-daemon did not print its address within \(configuration.startupTimeout) (it ended with \(status)); config: \(configurationPath)")
        }
        return PrivateBus(
            address: address, directory: directory, configurationPath: configurationPath, process: process,
            parentLink: parentPipe.write)
    }

    /// Stops the daemon (SIGTERM, SIGKILL after 5 s) and removes the temporary directory.
    /// Calling it again does nothing.
    public func stop() {
        guard !stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
        process.terminate(timeout: .seconds(5))
        close(parentLink)
        PrivateBus.removeDirectory(directory)
    }

    // MARK: Helpers

    /// Runs the daemon in the background; stops it on SIGTERM/SIGINT or when stdin closes.
    static let watchdogScript = """
        "$@" </dev/null &
        daemon=$!
        trap 'kill -TERM $daemon 2>/dev/null; wait $daemon; exit 0' TERM INT
        read ignored
        kill -TERM $daemon 2>/dev/null
        wait $daemon
        """

    /// A close-on-exec pipe whose ends avoid descriptors 0–3, which children get by dup2.
    static func makePipe() throws -> (read: Int32, write: Int32) {
        var ends: [Int32] = [-1, -1]
        guard cdbus_pipe_cloexec(&ends) == 0 else { throw DBusError.failed("cannot create a pipe: errno \(errno)") }
        let readEnd = fcntl(ends[0], F_DUPFD_CLOEXEC, 10)
        let writeEnd = fcntl(ends[1], F_DUPFD_CLOEXEC, 10)
        close(ends[0])
        close(ends[1])
        guard readEnd >= 0, writeEnd >= 0 else {
            if readEnd >= 0 { close(readEnd) }
            if writeEnd >= 0 { close(writeEnd) }
            throw DBusError.failed("cannot move a pipe's descriptors: errno \(errno)")
        }
        return (readEnd, writeEnd)
    }

    static func configurationText(_ configuration: Configuration, socketPath: String) -> String {
        let everyone = configuration.allowEveryone ? """
              <allow user="*"/>
              <allow send_destination="*" eavesdrop="true"/>
              <allow eavesdrop="true"/>
              <allow own="*"/>
            """ : ""
        return """
            <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
             "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
            <busconfig>
              <type>\(configuration.busType)</type>
              <listen>unix:path=\(socketPath)</listen>
              <auth>EXTERNAL</auth>
              <policy context="default">
            \(everyone)
              </policy>
            \(configuration.limits.elements)
            \(configuration.extraConfiguration)
            </busconfig>

            """
    }

    private static func makeTemporaryDirectory(in parent: String) throws -> String {
        var template = Array((parent + "/dbk-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return mkdtemp(base) != nil
        }
        guard made else { throw DBusError.failed("cannot create a temporary directory in \(parent): errno \(errno)") }
        let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // Other users must reach the socket inside.
        chmod(path, 0o755)
        return path
    }

    static func writeFile(_ path: String, contents: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw DBusError.failed("cannot write \(path): errno \(errno)") }
        defer { close(descriptor) }
        var bytes = Array(contents.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw DBusError.failed("cannot write \(path): errno \(errno)")
            }
            bytes = bytes.dropFirst(written)
        }
    }

    private static func readLine(from descriptor: Int32, timeout: Duration) -> String? {
        let deadline = ContinuousClock.now + timeout
        var collected: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 512)
        while ContinuousClock.now < deadline {
            var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let remaining = deadline - ContinuousClock.now
            let milliseconds = Int32(clamping: remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000)
            let ready = poll(&entry, 1, max(1, milliseconds))
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { return nil }
            collected.append(contentsOf: buffer[0..<count])
            if let newline = collected.firstIndex(of: UInt8(ascii: "\n")) {
                return String(decoding: collected[..<newline], as: UTF8.self)
            }
        }
        return nil
    }

    static func removeDirectory(_ path: String) {
        guard let directory = opendir(path) else { return }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            unlink(path + "/" + name)
        }
        closedir(directory)
        rmdir(path)
    }
}
