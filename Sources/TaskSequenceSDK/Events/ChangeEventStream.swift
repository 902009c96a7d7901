import DBusKit

/// The provider's change events as an `AsyncSequence`: made by ``ProviderClient/changes()``.
///
/// ```swift
/// for await event in try client.changes() where event.className == "SMS_TaskSequencePackage" {
///     print(event.kind, event.relativePath)
/// }
/// ```
///
/// The subscription is in place when `changes()` returns, so nothing that happens afterwards is
/// missed. Ending the iteration (or cancelling its task) unsubscribes. When the daemon restarts,
/// the stream subscribes again by itself (events while it was down are lost); when the
/// connection to the bus closes, the stream finishes.
public struct ChangeEventStream: AsyncSequence, Sendable {
    /// Events.
    public typealias Element = ChangeEvent
    /// The iterator.
    public typealias AsyncIterator = AsyncStream<ChangeEvent>.Iterator

    let stream: AsyncStream<ChangeEvent>

    /// Starts an iteration.
    public func makeAsyncIterator() -> AsyncStream<ChangeEvent>.Iterator {
        stream.makeAsyncIterator()
    }
}

extension ProviderClient {
    /// Subscribes to change events: every object you may read that is created, modified or
    /// deleted from now on. See ``ChangeEventStream``.
    ///
    /// - Throws: ``ProviderError/serviceUnavailable(_:)`` when the provider is not running.
    public func changes() throws -> ChangeEventStream {
        let connection = try connection()
        let serviceName = options.serviceName
        let rule = MatchRule(sender: serviceName, interface: ProviderInterface.root, path: ProviderPaths.root)
        let signals: AsyncStream<ReceivedSignal>
        let owners: AsyncStream<String?>
        do {
            signals = try connection.signals(matching: rule)
            owners = try connection.nameOwnerChanges(of: serviceName)
        } catch {
            throw ProviderError(converting: error)
        }
        let subscribe: @Sendable () async throws -> Void = {
            _ = try await connection.call(
                destination: serviceName, path: ProviderPaths.root, interface: ProviderInterface.root, method: "Subscribe")
        }
        // Subscribe now, blocking, so the caller knows the subscription is in place.
        do {
            _ = try connection.call(destination: serviceName, path: ProviderPaths.root, interface: ProviderInterface.root, method: "Subscribe")
        } catch DBusError.serviceUnknown, DBusError.nameHasNoOwner {
            // Not running yet: the owner watch below subscribes once it is.
        } catch {
            throw ProviderError(converting: error)
        }

        let (stream, continuation) = AsyncStream<ChangeEvent>.makeStream(bufferingPolicy: .unbounded)
        let pump = Task {
            for await signal in signals {
                guard let event = ChangeEvent(signal) else { continue }
                continuation.yield(event)
            }
            continuation.finish()
        }
        let resubscribe = Task {
            var first = true
            for await owner in owners {
                // The first value is the current owner, subscribed to above.
                defer { first = false }
                guard !first, owner != nil else { continue }
                try? await subscribe()
            }
        }
        continuation.onTermination = { _ in
            pump.cancel()
            resubscribe.cancel()
            // From the loop thread (the connection closing) a blocking call would deadlock.
            Task {
                _ = try? await connection.call(
                    destination: serviceName, path: ProviderPaths.root, interface: ProviderInterface.root, method: "Unsubscribe")
            }
        }
        return ChangeEventStream(stream: stream)
    }
}

extension ChangeEvent {
    /// The event an `Instance*` signal reports; `nil` for other signals.
    init?(_ signal: ReceivedSignal) {
        let kind: Kind
        switch signal.member {
        case "InstanceCreated": kind = .created
        case "InstanceModified": kind = .modified
        case "InstanceDeleted": kind = .deleted
        default: return nil
        }
        guard signal.arguments.count >= 3 else { return nil }
        self.init(
            kind: kind, className: PropertyValue(signal.arguments[0]).text, relativePath: PropertyValue(signal.arguments[1]).text,
            objectPath: PropertyValue(signal.arguments[2]).text)
    }
}
