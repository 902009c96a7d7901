import Foundation

/// Writes diagnostics to standard error, one line each.
enum StandardError {
    static func write(_ line: String) {
        ConsoleStream.standardError.write(line + "\n")
    }

    /// Writes `text` as is (progress lines that redraw themselves).
    static func writeRaw(_ text: String) {
        ConsoleStream.standardError.write(text)
    }
}

/// Writes results to standard output.
enum StandardOutput {
    static func write(_ text: String) {
        ConsoleStream.standardOutput.write(text)
    }
}

/// Every byte tsctl writes goes through here. `FileHandle.write(_:)` traps on a failed write (a
/// full disk, `/dev/full`, a closed pipe); this reports it as one line on standard error and
/// exits 1 instead.
struct ConsoleStream: Sendable {
    static let standardOutput = ConsoleStream(descriptor: STDOUT_FILENO, name: "standard output")
    static let standardError = ConsoleStream(descriptor: STDERR_FILENO, name: "standard error")

    let descriptor: Int32
    let name: String

    func write(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                fail(errno)
            }
            bytes = bytes.dropFirst(written)
        }
    }

    /// Says which stream failed and why, then exits 1. A failing standard error can only exit.
    private func fail(_ code: Int32) -> Never {
        if descriptor != STDERR_FILENO {
            let line = Array("tsctl: cannot write to \(name): \(String(cString: strerror(code)))\n".utf8)
            _ = line.withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
        }
        Foundation.exit(ExitStatus.failure)
    }
}
