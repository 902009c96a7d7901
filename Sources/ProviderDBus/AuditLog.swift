import Logging
import ProviderCore

/// Writes one log line per change, naming who made it — uid and user name — and what changed,
/// rights included. Revisions and the permission audit table keep the same in the store. Only
/// the changes this provider served: those of other providers of a shared database are in theirs.
public final class AuditLog: LocalChangeObserver, Sendable {
    let logger: Logger

    public init(logger: Logger) {
        self.logger = logger
    }

    public func providerDidChange(_ events: [ChangeRecord]) {
        for event in events {
            let who = event.changedBy.map { "\($0.userName) (uid \($0.uid))" } ?? "the provider"
            var line = "\(who) \(event.kind.rawValue) \(event.object.relativePath)"
            if !event.changedProperties.isEmpty { line += " [\(event.changedProperties.joined(separator: ","))]" }
            if let detail = event.detail { line += ": \(detail)" }
            logger.info("\(line)")
        }
    }
}
