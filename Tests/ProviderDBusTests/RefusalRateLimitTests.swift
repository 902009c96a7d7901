import ProviderDBus
import Testing

/// The per-uid limit on refusal lines, on a clock the test sets.
@Suite struct RefusalRateLimitTests {
    @Test func theFirstLinesOfAWindowAreLoggedThenSuppressedThenCounted() {
        var limit = RefusalRateLimit(linesPerWindow: 3, window: 60)
        let first = (0..<3).map { limit.admit(uid: 1000, at: Double($0)) }
        #expect(first == [.log(suppressedBefore: 0), .log(suppressedBefore: 0), .logAndStartSuppressing])
        let flood = (0..<997).map { limit.admit(uid: 1000, at: 10 + Double($0) / 100) }
        #expect(flood.allSatisfy { $0 == .suppress })
        // Another uid has its own window.
        #expect(limit.admit(uid: 1001, at: 30) == .log(suppressedBefore: 0))
        // The first refusal of the next window logs, after saying how many were suppressed.
        #expect(limit.admit(uid: 1000, at: 60) == .log(suppressedBefore: 997))
        #expect(limit.admit(uid: 1000, at: 61) == .log(suppressedBefore: 0))
    }

    @Test func forgottenUIDsAreBoundedByTheirWindows() {
        var limit = RefusalRateLimit(linesPerWindow: 1, window: 60, maximumUIDs: 2)
        #expect(limit.admit(uid: 1, at: 0) == .logAndStartSuppressing)
        #expect(limit.admit(uid: 2, at: 0) == .logAndStartSuppressing)
        // A third uid after both windows ended: the old buckets go, the limit still holds.
        #expect(limit.admit(uid: 3, at: 61) == .logAndStartSuppressing)
        #expect(limit.admit(uid: 3, at: 62) == .suppress)
    }
}
