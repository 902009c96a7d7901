import ProviderStore
import Synchronization

/// An observer that wants only the changes this provider made itself, not those other
/// providers of the same database report (the audit log: each provider logs the calls it served).
public protocol LocalChangeObserver: ChangeObserver {}

extension ProviderService {
    /// Starts hearing the changes other providers of the same PostgreSQL database commit: each
    /// empties this provider's caches and goes to its observers as if made here, so bus signals
    /// reach subscribers of every provider. When the listener lost the server and listens again,
    /// what it missed is unknown: the caches are emptied. On SQLite nothing happens (one process
    /// owns the store). Calling it again does nothing.
    public func hearOtherProviders() throws {
        guard store.dialect == .postgresql else { return }
        try otherProviders.withLock { listener in
            guard listener == nil else { return }
            let assembler = AssemblerBox(ChangeNotificationAssembler(origin: origin))
            listener = try translatingStoreErrors {
                try store.listen(
                    channel: ChangeNotifications.channel,
                    handler: { [weak self] payload in
                        guard let self else { return }
                        let outcome = assembler.receive(payload)
                        if outcome.missed || !outcome.events.isEmpty { packageCache.invalidate() }
                        readCache.forgetDeletedPackages(outcome.events)
                        if !outcome.events.isEmpty { deliverOtherProviders(outcome.events) }
                    },
                    reconnected: { [weak self] in self?.packageCache.invalidate() })
            }
        }
    }

    /// Stops hearing other providers (``hearOtherProviders()``); returns once no more arrive.
    public func stopHearingOtherProviders() {
        let listener = otherProviders.withLock { current -> StoreListener? in
            defer { current = nil }
            return current
        }
        listener?.stop()
    }

    /// Sends `events` to the other providers with the write that made them (PostgreSQL delivers
    /// them only if it commits). Nothing to send on SQLite.
    func tellOtherProviders(_ events: [ChangeRecord], in db: StoreDatabase) throws {
        guard !events.isEmpty, db.dialect == .postgresql else { return }
        let batch = changeBatches.add(1, ordering: .relaxed).newValue
        let messages: [String]
        do {
            messages = try ChangeNotifications.messages(for: events, origin: origin, batch: batch)
        } catch {
            throw ProviderError.storage("cannot encode the change for other providers: \(error)")
        }
        for message in messages {
            try db.notify(channel: ChangeNotifications.channel, payload: message)
        }
    }

    private func deliverOtherProviders(_ events: [ChangeRecord]) {
        for observer in observers.withLock({ $0 }) where !(observer is any LocalChangeObserver) {
            observer.providerDidChange(events)
        }
    }
}

/// The listener's assembler: only its one thread calls `receive`.
private final class AssemblerBox: Sendable {
    private let assembler: Mutex<ChangeNotificationAssembler>

    init(_ assembler: ChangeNotificationAssembler) {
        self.assembler = Mutex(assembler)
    }

    func receive(_ payload: String) -> ChangeNotificationAssembler.Outcome {
        assembler.withLock { $0.receive(payload) }
    }
}
