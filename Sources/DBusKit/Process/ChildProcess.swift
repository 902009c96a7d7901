internal import CDBus
#if canImport(Glibc)
import Glibc
#endif

/// A child process started with `posix_spawn`, with every signal unblocked and reset to its
/// default action.
///
/// `Foundation.Process` children start with SIGTERM blocked on this toolchain (so they cannot
/// be stopped) and would inherit libdbus's ignored SIGPIPE; this type starts them clean.
/// ``terminate(timeout:)`` sends SIGTERM, waits, and falls back to SIGKILL.
public final class ChildProcess: Sendable {
    /// Where a child's standard output or error goes.
    public enum Output: Sendable, Hashable {
        /// `/dev/null`.
        case discard
        /// This process's own stream.
        case inherit
        /// A file, created or truncated.
        case file(String)
    }

    /// How a child ended.
    public enum Termination: Sendable, Hashable, CustomStringConvertible {
        /// It called `exit` with this status.
        case exited(Int32)
        /// A signal killed it.
        case signaled(Int32)

        /// Whether it exited with status 0.
        public var isSuccess: Bool { self == .exited(0) }

        /// `exit 3` or `signal 9`.
        public var description: String {
            switch self {
            case .exited(let status): return "exit \(status)"
            case .signaled(let signal): return "signal \(signal)"
            }
        }
    }

    /// The child's process id.
    public let pid: Int32
    /// The executable that was started.
    public let executable: String
    private let termination = Locked<Termination?>(nil)

    private init(pid: Int32, executable: String) {
        self.pid = pid
        self.executable = executable
    }

    /// Starts `executable` (an absolute path) with `arguments`.
    ///
    /// - Parameters:
    ///   - environment: the child's environment; `nil` inherits this process's.
    ///   - standardOutput: where stdout goes.
    ///   - standardError: where stderr goes.
    ///   - passing: descriptors of this process to hand over, as `(descriptor in this process,
    ///     number in the child)`; for example `--print-address=3` pipes.
    /// - Throws: ``DBusError/fileNotFound(_:)`` or ``DBusError/failed(_:)`` naming the errno.
    public static func spawn(
        _ executable: String, arguments: [String] = [], environment: [String: String]? = nil,
        standardOutput: Output = .discard, standardError: Output = .discard,
        passing descriptors: [(Int32, Int32)] = []
    ) throws -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        try redirect(standardOutput, to: 1, in: &actions)
        try redirect(standardError, to: 2, in: &actions)
        for (source, target) in descriptors {
            posix_spawn_file_actions_adddup2(&actions, source, target)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = [executable] + arguments
        let environmentStrings = environment.map { $0.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" } }
        var pid: pid_t = 0
        let result = withCStrings(argv) { argvPointers in
            if let environmentStrings {
                return withCStrings(environmentStrings) { envPointers in
                    posix_spawn(&pid, executable, &actions, &attributes, argvPointers, envPointers)
                }
            }
            return posix_spawn(&pid, executable, &actions, &attributes, argvPointers, cdbus_environment())
        }
        guard result == 0 else {
            if result == ENOENT { throw DBusError.fileNotFound("cannot start \(executable): no such file") }
            throw DBusError.failed("cannot start \(executable): posix_spawn error \(result)")
        }
        return ChildProcess(pid: pid, executable: executable)
    }

    private static func redirect(_ output: Output, to descriptor: Int32, in actions: inout posix_spawn_file_actions_t) throws {
        switch output {
        case .inherit:
            return
        case .discard:
            posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", O_WRONLY, 0)
        case .file(let path):
            guard !path.utf8.contains(0) else { throw DBusError.invalidArgs("output path contains a NUL character") }
            posix_spawn_file_actions_addopen(&actions, descriptor, path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
    }

    private static func withCStrings(
        _ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> Int32
    ) -> Int32 {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        pointers.append(nil)
        defer { for pointer in pointers { free(pointer) } }
        return pointers.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return EINVAL }
            return body(base)
        }
    }

    /// How the child ended, if it has (never blocks).
    public var exitStatus: Termination? {
        reap()
    }

    /// Whether the child is still running.
    public var isRunning: Bool { exitStatus == nil }

    /// Sends a signal to the child (if it still runs).
    public func send(signal: Int32) {
        guard exitStatus == nil else { return }
        kill(pid, signal)
    }

    /// Waits for the child to end, up to `timeout` (forever when `nil`).
    ///
    /// - Returns: how it ended, or `nil` when it still runs after the timeout.
    @discardableResult
    public func wait(timeout: Duration? = nil) -> Termination? {
        // Polls rather than blocking in waitpid, so terminate() from another thread still works.
        let deadline = timeout.map { ContinuousClock.now + $0 }
        while deadline.map({ ContinuousClock.now < $0 }) ?? true {
            if let status = reap() { return status }
            usleep(2_000)
        }
        return reap()
    }

    /// Stops the child: SIGTERM, then SIGKILL if it has not ended within `timeout`.
    @discardableResult
    public func terminate(timeout: Duration = .seconds(5)) -> Termination {
        if let status = exitStatus { return status }
        kill(pid, SIGTERM)
        if let status = wait(timeout: timeout) { return status }
        kill(pid, SIGKILL)
        return wait() ?? .signaled(SIGKILL)
    }

    private func reap() -> Termination? {
        termination.withLock { termination in
            if let termination { return termination }
            var status: Int32 = 0
            var result: pid_t
            repeat {
                result = waitpid(pid, &status, WNOHANG)
            } while result < 0 && errno == EINTR
            guard result == pid else {
                // ECHILD: someone else reaped it; report it as gone rather than running forever.
                if result < 0 { termination = .exited(-1) }
                return termination
            }
            // The wait-status macros are not importable: low 7 bits are the signal, 0 = exited.
            let signal = status & 0x7f
            termination = signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
            return termination
        }
    }
}
