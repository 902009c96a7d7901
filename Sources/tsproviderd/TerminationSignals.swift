import Glibc

/// SIGTERM and SIGINT end the daemon in an orderly way: they are blocked in every thread and
/// taken with `sigwait` on the main thread.
///
/// They must be blocked before the first thread starts (libdbus's loop, GRDB's, Dispatch's):
/// threads inherit the mask, and a signal sent to the process goes to any thread that does not
/// block it — where its default action kills the whole daemon mid-write.
enum TerminationSignals {
    private static var set: sigset_t {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGTERM)
        sigaddset(&signals, SIGINT)
        return signals
    }

    /// Blocks them in the calling thread and every thread it starts from now on. A parent may
    /// also have started the daemon with them blocked; either way they now wait for ``wait()``.
    static func block() {
        var signals = set
        pthread_sigmask(SIG_BLOCK, &signals, nil)
    }

    /// Waits until one arrives; returns its number.
    @discardableResult
    static func wait() -> Int32 {
        var signals = set
        var received: Int32 = 0
        while sigwait(&signals, &received) != 0 {}
        return received
    }
}
