#if canImport(Glibc)
import Glibc
#endif

/// Writes one line to standard output at once (no buffering), so progress shows while a long
/// part runs even when the output is a pipe (`make stress | tee`).
func report(_ line: String) {
    var text = line + "\n"
    text.withUTF8 { bytes in
        var offset = 0
        while offset < bytes.count {
            let written = write(1, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
            if written <= 0 { return }
            offset += written
        }
    }
}
