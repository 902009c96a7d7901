import DBusKit
import Dispatch
import Foundation
import Synchronization

/// At least `calls` calls generated from the interface files over every kind of object, several
/// in flight at once; the fixture set is rebuilt every `callsPerRound` calls (fuzzed Deletes
/// and Imports wear it down or grow it). Counts replies by error name, daemon crashes (the
/// process ended; it is restarted and the run goes on), time-outs, `Error.Failed` replies, and
/// the daemon's resident memory after the first round, at the middle and at the end.
struct FuzzedCallsPart {
    struct Outcome {
        var counts = CallTally.Counts()
        var crashes: [String] = []
        var residentKiB: (start: Int, middle: Int, end: Int) = (0, 0, 0)
        var seconds = 0.0
        var kinds: [String] = []
        var stoppedEarly = false

        /// Flat: the end within 1.5× the start plus 32 MiB (caches filling up is not a leak).
        var memoryIsFlat: Bool { residentKiB.end <= residentKiB.start * 3 / 2 + 32 * 1024 }
    }

    let rig: StressRig
    let fixtures: FixtureSet
    let catalog: InterfaceCatalog
    let dataDirectory: String
    var calls = 100_000
    var callsPerRound = 2_000
    var window = 32
    var callTimeout: Duration = .seconds(10)
    var timeLimit: Duration = .seconds(480)
    var seed: UInt64 = 1

    func run() throws -> Outcome {
        var outcome = Outcome()
        var random = SeededRandom(seed: seed)
        let tally = CallTally()
        let start = ContinuousClock.now
        let rounds = max(1, (calls + callsPerRound - 1) / callsPerRound)
        for round in 0..<rounds {
            if ContinuousClock.now - start > timeLimit {
                outcome.stoppedEarly = true
                break
            }
            let targets = try fixtures.reset(round: round)
            let vocabulary = try fixtures.vocabulary(targets: targets, catalog: catalog)
            let generator = CallGenerator(catalog: catalog, vocabulary: vocabulary)
            let byKind = Dictionary(grouping: targets, by: \.kind)
            let kinds = byKind.keys.sorted()
            outcome.kinds = Array(Set(outcome.kinds).union(kinds)).sorted()
            let count = min(callsPerRound, calls - round * callsPerRound)
            if let crash = try runRound(count: count, kinds: kinds, byKind: byKind, generator: generator, tally: tally, random: &random) {
                outcome.crashes.append(crash)
                try rig.startDaemon(dataDirectory: dataDirectory)
            }
            let resident = rig.process.flatMap { residentKiB(of: $0.pid) } ?? 0
            if round == 0 { outcome.residentKiB.start = resident }
            if round == rounds / 2 { outcome.residentKiB.middle = resident }
            outcome.residentKiB.end = resident
            let counts = tally.counts
            guard round % 5 == 4 || round == rounds - 1 else { continue }
            report("stress: fuzzed calls \(counts.answered)/\(calls), \(outcome.crashes.count) crashes, \(counts.timeouts.count) time-outs, "
                  + "\(counts.byName[ProviderNames.failedError] ?? 0) Error.Failed, daemon RSS \(resident / 1024) MiB, "
                  + String(format: "%.0f s", (ContinuousClock.now - start).seconds))
        }
        outcome.counts = tally.counts
        outcome.seconds = (ContinuousClock.now - start).seconds
        return outcome
    }

    /// Sends `count` calls with `window` in flight; returns a description of the crash when the
    /// daemon ended during the round.
    private func runRound(count: Int, kinds: [String], byKind: [String: [FuzzTarget]], generator: CallGenerator,
                          tally: CallTally, random: inout SeededRandom) throws -> String? {
        guard let process = rig.process else { throw StressFailure("the daemon is not running") }
        // Starts at 0 and is raised to `window`: libdispatch traps when a semaphore is freed below
        // its initial value, which a call lost at a crash would otherwise cause.
        let slots = DispatchSemaphore(value: 0)
        for _ in 0..<window { slots.signal() }
        let inFlight = Shared<[Int: String]>([:])
        let alive: @Sendable () -> Bool = { process.isRunning }
        var crash: String?
        for number in 0..<count {
            while slots.wait(timeout: .now() + .seconds(1)) == .timedOut {
                if !process.isRunning { break }
            }
            if !process.isRunning {
                let pending = inFlight.update { $0.values.sorted() }
                crash = "tsproviderd ended (\(process.exitStatus.map { "\($0)" } ?? "?")) with these calls in flight:\n    "
                    + pending.joined(separator: "\n    ")
                break
            }
            guard let kind = kinds.randomElement(using: &random), let target = byKind[kind]?.randomElement(using: &random) else { continue }
            let call: GeneratedCall
            do {
                call = try generator.call(on: target, using: &random)
            } catch {
                tally.localError(error)
                slots.signal()
                continue
            }
            inFlight.update { $0[number] = call.summary }
            tally.sent(kind: kind)
            do {
                try rig.client.call(call.message, timeout: callTimeout) { result in
                    tally.record(result, call: call.summary, daemonAlive: alive)
                    inFlight.update { _ = $0.removeValue(forKey: number) }
                    slots.signal()
                }
            } catch {
                inFlight.update { _ = $0.removeValue(forKey: number) }
                tally.localError(error)
                slots.signal()
            }
        }
        // Let the last calls come back (or time out) before the fixture set is rebuilt.
        for _ in 0..<window { _ = slots.wait(timeout: .now() + .seconds(Int(callTimeout.seconds) + 5)) }
        for _ in 0..<window { slots.signal() }
        if crash == nil, !process.isRunning {
            crash = "tsproviderd ended (\(process.exitStatus.map { "\($0)" } ?? "?")) at the end of a round"
        }
        if crash != nil { rig.stopDaemon() }
        return crash
    }
}
