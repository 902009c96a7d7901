import DBusKit
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// One ``SecurityWorld`` for a whole suite: `@Suite(.securityWorld)`, then
/// `try SecurityWorldTrait.current()` in a test (which also restores the fixture).
///
/// The tests need root (to create users and run clients as them with `setpriv`) and a daemon
/// serving the permission classes. CI has both, so when either is missing every test fails
/// with the reason instead of being skipped: a matrix that quietly does not run proves nothing.
/// The daemon must stop with exit status 0 after the last test.
struct SecurityWorldTrait: SuiteTrait, TestScoping {
    /// Why there is no world: the prerequisite missing, or the error setup failed with.
    enum Absence: Sendable {
        case failure(String)
    }

    @TaskLocal static var running: SecurityWorld?
    @TaskLocal static var absence: Absence?

    /// The suite's world, back in its fixture state.
    static func current() throws -> SecurityWorld {
        guard let world = running else {
            switch absence {
            case .failure(let message)?: throw DBusError.failed(message)
            case nil: throw DBusError.failed("no security world: mark the suite @Suite(.securityWorld)")
            }
        }
        try world.restoreFixture()
        return world
    }

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        if Self.running != nil || Self.absence != nil {
            try await function()
            return
        }
        guard getuid() == 0 else {
            try await Self.$absence.withValue(.failure("the security matrix runs clients as other users with setpriv and creates them with useradd: it needs root")) {
                try await function()
            }
            return
        }
        let world: SecurityWorld
        do {
            world = try await SecurityWorld.start()
        } catch {
            try await Self.$absence.withValue(.failure("the security world could not be set up: \(error)")) { try await function() }
            return
        }
        defer { world.shutdown() }
        try await Self.$running.withValue(world) {
            try await function()
        }
        let ending = world.daemon.stop()
        guard ending == .exited(0) else {
            throw DBusError.failed("the security suite's tsproviderd ended with \(ending.map { "\($0)" } ?? "nothing to stop") instead of exit 0 on SIGTERM; log:\n\(world.daemon.log)")
        }
    }
}

extension Trait where Self == SecurityWorldTrait {
    /// Runs the suite's tests against one daemon set up with the security fixture.
    static var securityWorld: SecurityWorldTrait { SecurityWorldTrait() }
}
