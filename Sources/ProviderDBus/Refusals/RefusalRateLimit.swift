/// Keeps a flood of refusals from filling the journal: per uid, the first ``linesPerWindow``
/// lines of each ``window`` are logged, then one line says suppression started; the first
/// refusal after the window ends logs how many lines were suppressed and opens a new window.
public struct RefusalRateLimit: Sendable {
    /// What to log for one refusal.
    public enum Verdict: Equatable, Sendable {
        /// Log the line; first `suppressedBefore` (when not 0) log that many were suppressed
        /// in the window that ended.
        case log(suppressedBefore: Int)
        /// Log the line, then one line saying further lines are suppressed for the window.
        case logAndStartSuppressing
        /// Log nothing.
        case suppress
    }

    public let linesPerWindow: Int
    /// Seconds.
    public let window: Double
    /// Uids tracked at most; older windows are forgotten beyond this.
    public let maximumUIDs: Int

    private struct Bucket {
        var start: Double
        var logged = 0
        var suppressed = 0
    }

    private var buckets: [UInt32: Bucket] = [:]

    public init(linesPerWindow: Int = 10, window: Double = 60, maximumUIDs: Int = 4_096) {
        self.linesPerWindow = linesPerWindow
        self.window = window
        self.maximumUIDs = maximumUIDs
    }

    /// Decides for a refusal of `uid` at `now` (seconds on a monotonic clock).
    public mutating func admit(uid: UInt32, at now: Double) -> Verdict {
        var suppressedBefore = 0
        var bucket = buckets[uid] ?? Bucket(start: now)
        if now - bucket.start >= window {
            suppressedBefore = bucket.suppressed
            bucket = Bucket(start: now)
        }
        let verdict: Verdict
        if bucket.logged < linesPerWindow {
            bucket.logged += 1
            verdict = bucket.logged == linesPerWindow ? .logAndStartSuppressing : .log(suppressedBefore: suppressedBefore)
        } else {
            bucket.suppressed += 1
            verdict = .suppress
        }
        if buckets[uid] == nil, buckets.count >= maximumUIDs {
            buckets = buckets.filter { now - $0.value.start < window }
        }
        buckets[uid] = bucket
        return verdict
    }
}
