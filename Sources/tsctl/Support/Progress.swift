import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Progress of a long job on standard error — only when standard error is a terminal, so logs
/// and pipes stay clean. Each update rewrites the line; ``finish()`` clears it.
final class Progress {
    private let total: Int
    private let enabled: Bool
    private var shown = false

    init(total: Int) {
        self.total = total
        enabled = isatty(STDERR_FILENO) == 1 && total > 1
    }

    /// Shows `[done/total] label`.
    func update(_ done: Int, _ label: String) {
        guard enabled else { return }
        let width = 70
        let text = "[\(done)/\(total)] \(label)"
        let clipped = text.count > width ? String(text.prefix(width - 1)) + "…" : text
        StandardError.writeRaw("\r\u{1B}[K" + clipped)
        shown = true
    }

    /// Clears the line before other output is written.
    func clear() {
        guard enabled, shown else { return }
        StandardError.writeRaw("\r\u{1B}[K")
        shown = false
    }

    /// Ends the progress display.
    func finish() {
        clear()
    }
}
