import DBusKit
import Synchronization

/// What the fuzzed calls got back, counted from the reply callbacks (which run on the
/// connection's loop thread, hence the lock).
final class CallTally: Sendable {
    struct Counts: Sendable {
        var sent = 0
        var answered = 0
        /// Replies by error name; successful replies under "(success)".
        var byName: [String: Int] = [:]
        /// `Error.Failed` messages, each with the first call that got it.
        var failedMessages: [String: String] = [:]
        /// Calls with no reply in time while the daemon ran.
        var timeouts: [String] = []
        /// Calls that could not be sent (built or queued) on our side.
        var localErrors: [String: Int] = [:]
        /// Calls sent by kind of object.
        var byKind: [String: Int] = [:]
    }

    static let success = "(success)"
    private let state = Mutex(Counts())

    var counts: Counts { state.withLock { $0 } }

    func sent(kind: String) {
        state.withLock {
            $0.sent += 1
            $0.byKind[kind, default: 0] += 1
        }
    }

    func localError(_ error: any Error) {
        state.withLock {
            $0.localErrors[DBusError(converting: error).name, default: 0] += 1
            $0.answered += 1
        }
    }

    /// Records one outcome; `daemonAlive` tells a time-out from a reply lost to a crash.
    func record(_ result: Result<DBusMessage, any Error>, call: String, daemonAlive: @Sendable () -> Bool) {
        let name: String
        var message = ""
        switch result {
        case .success: name = Self.success
        case .failure(let error):
            let converted = DBusError(converting: error)
            name = converted.name
            message = converted.message
        }
        let timedOut = name == "org.freedesktop.DBus.Error.NoReply" && daemonAlive()
        state.withLock { counts in
            counts.answered += 1
            counts.byName[name, default: 0] += 1
            if name == ProviderNames.failedError, counts.failedMessages[message] == nil { counts.failedMessages[message] = call }
            if timedOut { counts.timeouts.append(call) }
        }
    }
}
