/// A method call the server answered with an error: who called what, and the error as the
/// handler threw it (before it became a D-Bus error reply).
///
/// Services register with ``ObjectServer/observeFailures(_:)`` to log refusals in one place.
public struct FailedCall: Sendable {
    /// The caller: its unique name, and credentials on demand.
    public let caller: CallerContext
    /// The object path called.
    public let path: String
    /// The interface named in the call (`nil` when the caller named none).
    public let interface: String?
    /// The method called (`Get`/`Set` for properties).
    public let member: String
    /// What the handler threw.
    public let error: any Error
    /// The D-Bus error the caller received.
    public var dbusError: DBusError { DBusError(converting: error) }
}

extension ObjectServer {
    /// Calls `observer` for every method call answered with an error, on the thread that sends
    /// the reply. The observer must be quick and must not call this connection's own objects.
    public func observeFailures(_ observer: @escaping @Sendable (FailedCall) -> Void) {
        failureObservers.withLock { $0.append(observer) }
    }

    func reportFailure(_ error: any Error, of message: DBusMessage) {
        let observers = failureObservers.withLock { $0 }
        guard !observers.isEmpty else { return }
        let failure = FailedCall(
            caller: CallerContext(sender: message.sender, source: .bus(connection.core)),
            path: message.path?.rawValue ?? "", interface: message.interface, member: message.member ?? "", error: error)
        for observer in observers { observer(failure) }
    }
}
