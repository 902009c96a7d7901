import DBusKit
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

/// Runs executables the way end-to-end tests need: spawned by DBusKit's ``ChildProcess`` (clean
/// signal mask: Foundation.Process starts children with SIGTERM blocked, NOTES.md trap 2), input
/// and output through temporary files (no pipe can fill up and block), a time limit enforced.
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

        let input = open(inputPath, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw CommandRunnerError(description: "cannot open \(inputPath): \(String(cString: strerror(errno)))") }
        defer { close(input) }
        let process: ChildProcess
        do {
            process = try ChildProcess.spawn(
                executable.path, arguments: arguments, standardOutput: .file(outputPath), standardError: .file(errorPath),
                passing: [(input, 0)])
        } catch {
            throw CommandRunnerError(description: "cannot start \(executable.path): \(error)")
        }
        guard let termination = process.wait(timeout: timeout) else {
            _ = process.terminate(timeout: .seconds(2))
            throw CommandRunnerError(description: "\(executable.lastPathComponent) did not finish within \(timeout)")
        }
        let status: Int32 = switch termination {
        case .exited(let code): code
        case .signaled(let signal): 128 + signal
        }
        return CommandResult(
            status: status,
            standardOutput: (try? Data(contentsOf: URL(fileURLWithPath: outputPath))) ?? Data(),
            standardError: (try? Data(contentsOf: URL(fileURLWithPath: errorPath))) ?? Data()
        )
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
