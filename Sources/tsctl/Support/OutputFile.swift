import Foundation

/// Writes a command's result to a file named on the command line (`--output`).
///
/// A regular file (or a new one) is replaced atomically — written beside it, then renamed — so
/// a failed write never leaves half a file. Anything else — `/dev/null`, `/dev/full`, a FIFO, a
/// terminal — is written in place: an atomic replace would put a regular file where the device
/// was (as root, in `/dev`). A failure is one line on standard error and exit status 1.
enum OutputFile {
    static func write(_ text: String, to path: String) {
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        var status = stat()
        if stat(target, &status) == 0, (status.st_mode & S_IFMT) != S_IFREG {
            let descriptor = open(target, O_WRONLY | O_TRUNC | O_CLOEXEC)
            guard descriptor >= 0 else { fail(path, errno) }
            defer { close(descriptor) }
            if let code = writeAll(text, to: descriptor) { fail(path, code) }
            return
        }
        // A name of our own beside the target, created exclusively with the usual mode.
        let temporary = "\(target).tsctl-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { fail(path, errno) }
        var failure = writeAll(text, to: descriptor) ?? (fsync(descriptor) == 0 ? nil : errno)
        close(descriptor)
        if failure == nil, rename(temporary, target) != 0 { failure = errno }
        if let failure {
            unlink(temporary)
            fail(path, failure)
        }
    }

    /// Writes every byte; the errno of a failed write, or `nil`.
    private static func writeAll(_ text: String, to descriptor: Int32) -> Int32? {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            bytes = bytes.dropFirst(written)
        }
        return nil
    }

    private static func fail(_ path: String, _ code: Int32) -> Never {
        StandardError.write("tsctl: \(path): cannot write the file: \(String(cString: strerror(code)))")
        Foundation.exit(ExitStatus.failure)
    }
}
