import DBusKit
import Testing

/// How the daemon process starts and stops, as a supervisor (systemd, a test harness) sees it.
@Suite struct DaemonLifecycleTests {
    /// A supervisor that waits for the name and then stops the daemon at once must still get a
    /// clean exit: SIGTERM is handled from the moment the name is owned.
    @Test func sigtermRightAfterTheNameIsOwnedEndsWithExitZero() async throws {
        let daemon = try await ProviderDaemon.start()
        defer { daemon.shutdown() }
        for round in 0..<3 {
            if round > 0 { try await daemon.launch() }
            let ending = daemon.stop()
            #expect(ending == .exited(0), "round \(round): \(String(describing: ending)); log:\n\(daemon.log)")
        }
    }
}
