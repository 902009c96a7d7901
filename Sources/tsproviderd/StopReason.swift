import DBusKit
import Dispatch
import Foundation
import Synchronization

/// What ends the daemon's wait: SIGTERM/SIGINT, or the bus connection closing under it.
enum StopReason: Sendable, Equatable {
    case signal(Int32)
    case busLost

    /// Waits on two threads of their own for whichever comes first. The threads that lose the
    /// race stay blocked; the process is about to end.
    static func wait(for connection: DBusConnection) -> StopReason {
        let first = Mutex<StopReason?>(nil)
        let arrived = DispatchSemaphore(value: 0)
        @Sendable func report(_ reason: StopReason) {
            let isFirst = first.withLock { current -> Bool in
                guard current == nil else { return false }
                current = reason
                return true
            }
            if isFirst { arrived.signal() }
        }
        Thread.detachNewThread { report(.signal(TerminationSignals.wait())) }
        Thread.detachNewThread {
            connection.waitUntilClosed()
            report(.busLost)
        }
        arrived.wait()
        return first.withLock { $0 } ?? .busLost
    }
}
