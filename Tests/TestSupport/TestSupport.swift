// Shared helpers for end-to-end tests: private buses, external tools, polling.
import DBusKit
#if canImport(Glibc)
import Glibc
#endif

/// What an external tool printed and how it ended.
public struct ToolRun: Sendable, CustomStringConvertible {
    /// How the process ended.
    public let termination: ChildProcess.Termination
    /// Everything written to stdout.
    public let standardOutput: String
    /// Everything written to stderr.
    public let standardError: String

    /// Whether it exited with status 0.
    public var succeeded: Bool { termination.isSuccess }

    /// Status and output, for test failure messages.
    public var description: String {
        "\(termination)\nstdout: \(standardOutput)\nstderr: \(standardError)"
    }
}

/// Runs an external tool to completion (killed after `timeout`) and collects its output.
public func runTool(
    _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
    timeout: Duration = .seconds(30)
) throws -> ToolRun {
    let directory = try TemporaryDirectory()
    let outputPath = directory.path + "/stdout"
    let errorPath = directory.path + "/stderr"
    let process = try ChildProcess.spawn(
        executable, arguments: arguments, environment: environment,
        standardOutput: .file(outputPath), standardError: .file(errorPath))
    let termination = process.wait(timeout: timeout) ?? process.terminate(timeout: .seconds(2))
    return ToolRun(
        termination: termination,
        standardOutput: readTextFile(outputPath) ?? "",
        standardError: readTextFile(errorPath) ?? "")
}

/// Starts a private bus for the duration of `body`, stopping it afterwards even on failure.
public func withPrivateBus<T>(
    _ configuration: PrivateBus.Configuration = PrivateBus.Configuration(),
    _ body: (PrivateBus) async throws -> T
) async throws -> T {
    let bus = try PrivateBus.start(configuration)
    defer { bus.stop() }
    return try await body(bus)
}

/// Polls `condition` until it holds or `timeout` passes; returns whether it held.
public func eventually(timeout: Duration = .seconds(5), _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try condition() { return true }
        usleep(5_000)
    }
    return try condition()
}

/// Polls `condition` until it holds or `timeout` passes, sleeping between polls without holding
/// a thread; returns whether it held.
///
/// Only the time this waiter could have run counts against `timeout`: a gap between two polls
/// counts as at most 50 ms. Tests run on the small cooperative pool, where one suite's blocking
/// test can hold every thread for a minute; what the waiter waits for (a signal stream's reader,
/// an importing task) needs that pool too, so a wall-clock deadline would pass before it ran.
/// The timeout is a hang guard only.
public func waitUntil(timeout: Duration = .seconds(30), _ condition: () throws -> Bool) async rethrows -> Bool {
    let longestCountedGap = Duration.milliseconds(50)
    var waited = Duration.zero
    var last = ContinuousClock.now
    while waited < timeout {
        if try condition() { return true }
        try? await Task.sleep(for: .milliseconds(5))
        let now = ContinuousClock.now
        waited += min(now - last, longestCountedGap)
        last = now
    }
    return try condition()
}

/// How many threads of this process are named `name` (from `/proc/self/task/*/comm`).
public func threadCount(named name: String) -> Int {
    guard let directory = opendir("/proc/self/task") else { return 0 }
    defer { closedir(directory) }
    var count = 0
    while let entry = readdir(directory) {
        let task = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        if task == "." || task == ".." { continue }
        if readTextFile("/proc/self/task/\(task)/comm")?.trimmingTrailingNewlines == name { count += 1 }
    }
    return count
}

/// A temporary directory removed (with its files) when the value goes away.
public final class TemporaryDirectory: Sendable {
    /// The directory's path.
    public let path: String

    /// Creates a fresh directory under `/tmp`.
    public init() throws {
        var template = Array("/tmp/dbkt-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return mkdtemp(base) != nil
        }
        guard made else { throw DBusError.failed("cannot create a temporary directory: errno \(errno)") }
        path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    deinit {
        guard let directory = opendir(path) else { return }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { unlink(path + "/" + name) }
        }
        closedir(directory)
        rmdir(path)
    }
}

/// A whole file as text, or `nil`.
public func readTextFile(_ path: String) -> String? {
    guard let file = fopen(path, "r") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = fread(&buffer, 1, buffer.count, file)
        if count == 0 { break }
        bytes.append(contentsOf: buffer[0..<count])
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// Writes text to a file, replacing it.
public func writeTextFile(_ path: String, _ text: String) throws {
    guard let file = fopen(path, "w") else { throw DBusError.failed("cannot write \(path): errno \(errno)") }
    defer { fclose(file) }
    let bytes = Array(text.utf8)
    guard fwrite(bytes, 1, bytes.count, file) == bytes.count else {
        throw DBusError.failed("cannot write \(path): errno \(errno)")
    }
}

extension String {
    /// The text without trailing newlines.
    public var trimmingTrailingNewlines: String {
        var text = self
        while text.last == "\n" || text.last == "\r" { text.removeLast() }
        return text
    }
}

/// A small deterministic generator (SplitMix64), so generated inputs are the same on every run
/// and a failure repeats.
public struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
