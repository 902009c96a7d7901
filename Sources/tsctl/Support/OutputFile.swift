import Foundation

/// Writes a command's result to a file named on the command line (`--output`).
///
/// A regular file (or a new one) is replaced atomically, so a failed write never leaves half a
/// file. Anything else — `/dev/null`, `/dev/full`, a FIFO, a terminal — is written in place:
/// an atomic replace would put a regular file where the device was (as root, in `/dev`).
enum OutputFile {
    /// Writes `text` to `path`, or reports the failure as one line on standard error and
    /// throws exit status 1.
    static func write(_ text: String, to path: String) throws {
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        var status = stat()
        let exists = stat(target.path, &status) == 0
        if exists, (status.st_mode & S_IFMT) != S_IFREG {
            try writeInPlace(text, to: target.path, shownAs: path)
            return
        }
        do {
            try Data(text.utf8).write(to: target, options: .atomic)
        } catch {
            // Foundation's own text ("The file doesn’t exist") says less than the system's.
            let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
            let reason = underlying?.domain == NSPOSIXErrorDomain ? String(cString: strerror(Int32(underlying?.code ?? 0))) : (error as NSError).localizedDescription
            fail(path, reason)
        }
    }

    private static func writeInPlace(_ text: String, to path: String, shownAs shown: String) throws {
        let descriptor = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC)
        guard descriptor >= 0 else { fail(shown, String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                fail(shown, String(cString: strerror(errno)))
            }
            bytes = bytes.dropFirst(written)
        }
    }

    private static func fail(_ path: String, _ reason: String) -> Never {
        StandardError.write("tsctl: \(path): cannot write the file: \(reason)")
        Foundation.exit(ExitStatus.failure)
    }
}
