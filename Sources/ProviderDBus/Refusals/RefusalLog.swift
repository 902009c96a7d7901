import DBusKit
import Logging
import ProviderCore
import Synchronization

/// Logs the calls the provider refused — denied rights, objects hidden from the caller — and
/// imports that failed (XML that does not read, a sequence that breaks a rule), naming uid,
/// user name, member, object path and reason; rate-limited per uid (``RefusalRateLimit``).
///
/// Only the log learns that a hidden object exists; the caller got `UnknownObject`, as for a
/// missing one.
final class RefusalLog: Sendable {
    private let logger: Logger
    private let service: ProviderService
    private let identity: CallerIdentity
    private let limit: Mutex<RefusalRateLimit>
    private let linesPerWindow: Int
    private let window: Int
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant

    /// Methods that take a whole sequence or package: their validation failures are failed imports.
    static let importMembers: Set<String> = ["ImportSequence", "ValidateSequence", "Import", "ImportFd", "SetSequence"]

    init(logger: Logger, service: ProviderService, identity: CallerIdentity, limit: RefusalRateLimit = RefusalRateLimit()) {
        self.logger = logger
        self.service = service
        self.identity = identity
        self.limit = Mutex(limit)
        linesPerWindow = limit.linesPerWindow
        window = Int(limit.window)
        started = clock.now
    }

    func record(_ failure: FailedCall) {
        guard let (kind, reason) = classify(failure), let caller = try? identity.caller(for: failure.caller) else { return }
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let verdict = limit.withLock { $0.admit(uid: caller.uid, at: seconds) }
        let who = "uid \(caller.uid) (\(caller.userName))"
        if case .suppress = verdict { return }
        if case .log(let suppressed) = verdict, suppressed > 0 {
            logger.notice("refusals of \(who): suppressed \(suppressed) similar messages in the last \(window) s")
        }
        let member = [failure.interface, failure.member].compactMap { $0 }.joined(separator: ".")
        logger.notice("\(kind): \(who) called \(member) on \(failure.path): \(Self.oneLine(reason))")
        if verdict == .logAndStartSuppressing {
            logger.notice("refusals of \(who): limit of \(linesPerWindow) lines in \(window) s reached; suppressing similar messages")
        }
    }

    /// What kind of refusal this is and why, or `nil` for failures that are not refusals (a
    /// missing object, a bad argument).
    private func classify(_ failure: FailedCall) -> (String, String)? {
        let answer = failure.dbusError
        switch failure.error {
        case ProviderError.accessDenied, DBusError.accessDenied:
            return ("refused", "\(answer.name): \(answer.message)")
        case ProviderError.invalidXML, ProviderError.validationFailed, ProviderError.limitsExceeded:
            guard Self.importMembers.contains(failure.member) else { return nil }
            return ("import failed", "\(answer.name): \(answer.message)")
        default:
            guard answer.name == DBusError.unknownObject("").name,
                  let path = try? ObjectPath(failure.path), case .object(let object)? = ProviderPath(path),
                  service.objectExistsIgnoringRights(object) else { return nil }
            return ("refused", "hidden: the caller may not read \(object.relativePath) (answered \(answer.name))")
        }
    }

    /// Log lines stay lines: messages may quote XML with line breaks.
    private static func oneLine(_ text: String) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count > 500 ? String(flat.prefix(500)) + "…" : flat
    }
}
