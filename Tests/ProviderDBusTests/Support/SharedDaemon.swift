import DBusKit
import Testing

/// One daemon for a whole suite whose tests do not interfere (each works on packages it
/// created itself): `@Suite(.sharedDaemon)`, then `try SharedDaemon.current()` in a test.
///
/// The daemon starts before the suite's first test and stops (SIGTERM, which must end it with
/// exit status 0) after its last one.
struct SharedDaemon: SuiteTrait, TestScoping {
    @TaskLocal static var running: ProviderDaemon?

    /// The suite's daemon.
    static func current() throws -> ProviderDaemon {
        guard let daemon = running else {
            throw DBusError.failed("no shared daemon: mark the suite @Suite(.sharedDaemon)")
        }
        return daemon
    }

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        // Suites nested in a marked suite share its daemon.
        if Self.running != nil {
            try await function()
            return
        }
        let daemon = try await ProviderDaemon.start()
        defer { daemon.shutdown() }
        try await Self.$running.withValue(daemon) {
            try await function()
        }
        // The daemon served the whole suite; it must still be running and stop cleanly.
        let ending = daemon.stop()
        guard ending == .exited(0) else {
            throw DBusError.failed("the suite's tsproviderd ended with \(ending.map { "\($0)" } ?? "nothing to stop") instead of exit 0 on SIGTERM; log:\n\(daemon.log)")
        }
    }
}

extension Trait where Self == SharedDaemon {
    /// Runs the suite's tests against one daemon started for the suite.
    static var sharedDaemon: SharedDaemon { SharedDaemon() }
}
