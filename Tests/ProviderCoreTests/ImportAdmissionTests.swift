import Dispatch
import Foundation
@testable import ProviderCore
import Testing

/// Imports together hold at most the budget of payload; the next waits its turn, and one that
/// waits longer than the patience is refused without running.
@Suite struct ImportAdmissionTests {
    @Test func anImportThatDoesNotFitWaitsUntilTheOneInProgressEnds() throws {
        let admission = ImportAdmission(budget: 100, patience: 600)
        try admission.reserve(60)
        let ran = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            do {
                try admission.admit(bytes: 60) { _ = ran.signal() }
            } catch {
                Issue.record("the waiting import failed: \(error)")
            }
        }
        // Whatever the scheduling, it cannot run while the first import holds the budget.
        #expect(ran.wait(timeout: .now() + .milliseconds(100)) == .timedOut)
        admission.release(60)
        ran.wait()
    }

    @Test func importsThatFitTogetherRunTogether() throws {
        let admission = ImportAdmission(budget: 100, patience: 0)
        try admission.reserve(40)
        let ran = try admission.admit(bytes: 60) { true }
        #expect(ran)
        admission.release(40)
    }

    @Test func aLargeImportAloneIsAdmittedWhateverItsSize() throws {
        let admission = ImportAdmission(budget: 100, patience: 0)
        #expect(try admission.admit(bytes: 1_000) { true })
    }

    @Test func anImportWaitingLongerThanThePatienceIsRefusedAndTheNextStillRuns() throws {
        let admission = ImportAdmission(budget: 100, patience: 0.05)
        try admission.reserve(80)
        var ran = false
        #expect(throws: ProviderError.limitsExceeded(
            "the provider imports at most 100 bytes of XML at once; 80 bytes were still being imported after 0.05 s, so this import of 50 bytes was not started; retry later"
        )) {
            try admission.admit(bytes: 50) { ran = true }
        }
        #expect(!ran)
        admission.release(80)
        #expect(try admission.admit(bytes: 50) { true }, "a refused import leaves no claim behind")
    }
}
