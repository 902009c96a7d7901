import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a finished child process left behind.
public struct CommandResult: Sendable {
    /// The exit status, or 128 + the signal number when a signal ended it.
    public var status: Int32
    public var standardOutput: Data
    public var standardError: Data

    public var output: String { String(decoding: standardOutput, as: UTF8.self) }
    public var errorOutput: String { String(decoding: standardError, as: UTF8.self) }
    /// Standard error split into lines, without the empty last one.
    public var errorLines: [String] { errorOutput.split(separator: "\n").map(String.init) }
    /// Standard output split into lines, without the empty last one.
    public var outputLines: [String] { output.split(separator: "\n").map(String.init) }
}

/// Why a command could not be run.
public struct CommandRunnerError: Error, CustomStringConvertible {
    public var description: String
}

/// Runs executables the way end-to-end tests need: spawned with `posix_spawn` and a clean signal
/// mask (Foundation.Process starts children with SIGTERM blocked, NOTES.md trap 2), output
/// captured in temporary files (no pipe can fill up and block), a time limit enforced with
/// SIGKILL.
public enum CommandRunner {
    /// Runs `executable` with `arguments`, feeding `standardInput` (empty when `nil`).
    public static func run(
        _ executable: URL,
        _ arguments: [String],
        standardInput: Data? = nil,
        timeout: Duration = .seconds(120)
    ) throws -> CommandResult {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("tsprovider-command-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let inputPath = directory.appendingPathComponent("stdin").path
        let outputPath = directory.appendingPathComponent("stdout").path
        let errorPath = directory.appendingPathComponent("stderr").path
        try (standardInput ?? Data()).write(to: URL(fileURLWithPath: inputPath))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inputPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let environment = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { environment.forEach { free($0) } }

        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable.path, &actions, &attributes, argv, environment)
        guard spawned == 0 else {
            throw CommandRunnerError(description: "cannot start \(executable.path): \(String(cString: strerror(spawned)))")
        }
        let status = try wait(for: pid, timeout: timeout, executable: executable)
        return CommandResult(
            status: status,
            standardOutput: (try? Data(contentsOf: URL(fileURLWithPath: outputPath))) ?? Data(),
            standardError: (try? Data(contentsOf: URL(fileURLWithPath: errorPath))) ?? Data()
        )
    }

    /// Waits for `pid`, killing it when `timeout` passes.
    private static func wait(for pid: pid_t, timeout: Duration, executable: URL) throws -> Int32 {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { break }
            if result == -1 && errno != EINTR {
                throw CommandRunnerError(description: "waitpid failed for \(executable.path): \(String(cString: strerror(errno)))")
            }
            if clock.now >= deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                throw CommandRunnerError(description: "\(executable.lastPathComponent) did not finish within \(timeout)")
            }
            usleep(2_000)
        }
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }

    /// The directory holding the built products (executables) of this build, found from the
    /// running test executable; `TSPROVIDER_PRODUCTS_DIR` overrides it.
    public static func productsDirectory() -> URL {
        if let override = ProcessInfo.processInfo.environment["TSPROVIDER_PRODUCTS_DIR"] {
            return URL(fileURLWithPath: override)
        }
        var directory = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent()
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // On macOS the test executable sits inside an .xctest bundle.
        while directory.pathComponents.contains(where: { $0.hasSuffix(".xctest") }) {
            directory.deleteLastPathComponent()
        }
        return directory
    }

    /// A built executable of this package, such as `tsctl`.
    public static func builtProduct(named name: String) throws -> URL {
        let url = productsDirectory().appendingPathComponent(name)
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw CommandRunnerError(description: "\(name) is not built in \(productsDirectory().path); run `swift build` first")
        }
        return url
    }
}
