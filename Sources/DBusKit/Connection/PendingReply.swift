internal import CDBus
import Synchronization

/// One call waiting for its reply.
///
/// Whoever finishes it first wins: the libdbus notify callback (reply, error or timeout), a
/// cancelled task, or the connection going away. The libdbus pending call is released by
/// whichever path takes it, exactly once.
final class PendingReply: Sendable {
    typealias Completion = @Sendable (Result<DBusMessage, any Error>) -> Void

    private let completion: Locked<Completion?>
    private let pendingCall = Locked<UInt?>(nil)
    /// Set by the first path to take the libdbus reply; libdbus aborts on a second steal.
    private let replyTaken = Atomic<Bool>(false)

    init(_ completion: @escaping Completion) {
        self.completion = Locked(completion)
    }

    /// Delivers the outcome unless another path already did; returns whether this call won.
    @discardableResult
    func complete(_ result: Result<DBusMessage, any Error>) -> Bool {
        guard let deliver = completion.withLock({ stored -> Completion? in
            defer { stored = nil }
            return stored
        }) else { return false }
        deliver(result)
        return true
    }

    /// Marks the reply settled without delivering anything (the caller reports the failure).
    func discard() {
        completion.withLock { $0 = nil }
    }

    var isCompleted: Bool { completion.withLock { $0 == nil } }

    /// Records the libdbus pending call this reply owns one reference to.
    func attach(_ pending: OpaquePointer) {
        pendingCall.withLock { $0 = UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(pending))) }
    }

    /// Drops our reference to the libdbus pending call, once.
    func releasePendingCall() {
        guard let bits = pendingCall.withLock({ stored -> UInt? in
            defer { stored = nil }
            return stored
        }), let pointer = OpaquePointer(bitPattern: bits) else { return }
        dbus_pending_call_unref(pointer)
    }

    /// Abandons the libdbus call after this reply was completed another way (a timeout);
    /// a late reply is then dropped by libdbus.
    func cancelPendingCall() {
        guard let bits = pendingCall.withLock({ stored -> UInt? in
            defer { stored = nil }
            return stored
        }), let pointer = OpaquePointer(bitPattern: bits) else { return }
        dbus_pending_call_cancel(pointer)
        dbus_pending_call_unref(pointer)
    }

    /// Completes from a finished libdbus pending call: a reply, an error reply, or the
    /// synthesized `NoReply` timeout error.
    func finish(from pending: OpaquePointer) {
        // Both the notify callback (loop thread) and the sender (after set_notify) may get here.
        guard !replyTaken.exchange(true, ordering: .acquiringAndReleasing) else { return }
        let result: Result<DBusMessage, any Error>
        if let raw = dbus_pending_call_steal_reply(pending) {
            let reply = DBusMessage(taking: raw)
            if let error = reply.error {
                result = .failure(error)
            } else {
                result = .success(reply)
            }
        } else {
            result = .failure(DBusError.noReply("no reply was received"))
        }
        complete(result)
        releasePendingCall()
    }
}

/// The C notify callback of a pending call; `data` is a retained `PendingReply`.
let pendingCallNotify: DBusPendingCallNotifyFunction = { pending, data in
    guard let pending, let data else { return }
    let reply = Unmanaged<PendingReply>.fromOpaque(data).takeUnretainedValue()
    reply.finish(from: pending)
}

/// Releases the `PendingReply` retained for the notify callback.
let pendingCallFreeData: DBusFreeFunction = { data in
    guard let data else { return }
    Unmanaged<PendingReply>.fromOpaque(data).release()
}
