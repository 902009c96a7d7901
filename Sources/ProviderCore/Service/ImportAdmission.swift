import Foundation

/// Bounds the bytes of XML being imported at once, so concurrent large imports cannot multiply
/// the provider's peak memory: an import peaks at a few times its payload, so the budget bounds
/// the peak of all imports together.
///
/// An import is admitted when the payloads already in progress and its own fit in the budget;
/// one import is always admitted alone, whatever its size (``ProviderConfiguration/maxXMLBytes``
/// limits that). Otherwise it waits, first come first served, until enough has finished; when
/// that takes longer than the patience it fails with ``ProviderError/limitsExceeded(_:)`` and
/// changes nothing.
final class ImportAdmission: @unchecked Sendable {
    /// Bytes of payload that may be imported at once.
    let budget: Int
    /// How long an import waits for its turn.
    let patience: TimeInterval

    // `condition` guards everything below.
    private let condition = NSCondition()
    private var bytesInProgress = 0
    /// Tickets in arrival order: an import goes when its ticket is the next to serve.
    private var nextTicket = 0
    private var nowServing = 0
    /// Tickets whose imports gave up before their turn.
    private var abandoned: Set<Int> = []

    init(budget: Int, patience: TimeInterval) {
        self.budget = budget
        self.patience = patience
    }

    /// Runs `body` once `bytes` of payload fit in the budget.
    func admit<Result>(bytes: Int, _ body: () throws -> Result) throws -> Result {
        try reserve(bytes)
        defer { finished(bytes) }
        return try body()
    }

    private var patienceText: String {
        patience == patience.rounded() ? String(Int(patience)) : String(patience)
    }

    /// Waits until `bytes` fit; each reservation must be released.
    func reserve(_ bytes: Int) throws {
        condition.lock()
        defer { condition.unlock() }
        let ticket = nextTicket
        nextTicket += 1
        let deadline = Date(timeIntervalSinceNow: patience)
        while nowServing != ticket || (bytesInProgress > 0 && bytesInProgress + bytes > budget) {
            guard condition.wait(until: deadline) else {
                let waiting = bytesInProgress
                // Let the imports behind this one move up.
                if nowServing == ticket { nowServing += 1 } else { abandoned.insert(ticket) }
                skipAbandoned()
                condition.broadcast()
                throw ProviderError.limitsExceeded(
                    "the provider imports at most \(budget) bytes of XML at once; \(waiting) bytes were still being imported "
                        + "after \(patienceText) s, so this import of \(bytes) bytes was not started; retry later")
            }
        }
        nowServing += 1
        skipAbandoned()
        bytesInProgress += bytes
        condition.broadcast()
    }

    private func skipAbandoned() {
        while abandoned.remove(nowServing) != nil { nowServing += 1 }
    }

    /// Ends an import of `bytes`: releases its reservation and, after a large one (it left
    /// its model as many small freed blocks in the middle of the heap), hands the freed pages
    /// back to the system, so imports one after another each start where the daemon was.
    func finished(_ bytes: Int) {
        release(bytes)
        if bytes >= ProviderService.largeImportBytes { FreedMemory.returnToSystem() }
    }

    func release(_ bytes: Int) {
        condition.lock()
        bytesInProgress -= bytes
        condition.broadcast()
        condition.unlock()
    }
}
