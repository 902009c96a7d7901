import DBusKit
import Dispatch
import Synchronization

/// Calls per second on `client` with `window` calls in flight; each reply sends the next call.
/// Shared by the D-Bus and provider benchmarks so both measure pipelining the same way.
func pipelinedCallRate(on client: DBusConnection, total: Int, window: Int, makeCall: @escaping @Sendable () throws -> DBusMessage) throws -> Double {
    let done = DispatchSemaphore(value: 0)
    let progress = Mutex((sent: 0, received: 0, failure: String?.none))

    @Sendable func sendNext() {
        let shouldSend = progress.withLock { state -> Bool in
            guard state.sent < total, state.failure == nil else { return false }
            state.sent += 1
            return true
        }
        guard shouldSend else { return }
        do {
            try client.call(try makeCall()) { result in
                let finished = progress.withLock { state -> Bool in
                    if case .failure(let error) = result, state.failure == nil { state.failure = "\(error)" }
                    state.received += 1
                    return state.received == total || state.failure != nil
                }
                if finished { done.signal() } else { sendNext() }
            }
        } catch {
            progress.withLock { $0.failure = "\(error)" }
            done.signal()
        }
    }

    let start = ContinuousClock.now
    for _ in 0..<window { sendNext() }
    done.wait()
    let elapsed = (ContinuousClock.now - start).components
    if let failure = progress.withLock({ $0.failure }) { throw DBusError.failed("pipelined call failed: \(failure)") }
    return Double(total) / (Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18)
}
