import Foundation

/// The figures of every part that ran and whether its invariants held, printed as a table.
struct StressSummary {
    var fuzz: FuzzedCallsPart.Outcome?
    var kill: KillRoundsPart.Outcome?
    var writers: ConcurrentWritersPart.Outcome?
    var connections: ManyConnectionsPart.Outcome?

    /// Each check: what, the figure, whether it holds.
    var rows: [(check: String, figure: String, ok: Bool)] {
        var rows: [(String, String, Bool)] = []
        if let fuzz {
            let counts = fuzz.counts
            let failed = counts.byName[ProviderNames.failedError] ?? 0
            rows.append(("fuzzed calls", "\(counts.answered) in \(String(format: "%.0f", fuzz.seconds)) s (\(String(format: "%.0f", Double(counts.answered) / max(fuzz.seconds, 0.001))) calls/s) over \(fuzz.kinds.count) kinds\(fuzz.stoppedEarly ? ", stopped at STRESS_SECONDS before STRESS_CALLS" : "")", !fuzz.stoppedEarly))
            rows.append(("daemon crashes", "\(fuzz.crashes.count)", fuzz.crashes.isEmpty))
            rows.append(("time-outs (10 s)", "\(counts.timeouts.count)", counts.timeouts.isEmpty))
            rows.append(("Error.Failed replies", "\(failed) (\(counts.failedMessages.count) distinct)", failed == 0))
            let rss = fuzz.residentKiB
            rows.append(("daemon RSS start/middle/end", "\(rss.start / 1024)/\(rss.middle / 1024)/\(rss.end / 1024) MiB (flat: end <= 1.5x start + 32 MiB)", fuzz.memoryIsFlat))
        }
        if let kill {
            rows.append(("kill -9 rounds", "\(kill.rounds) (killed during \(kill.killedDuring.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))), \(kill.acknowledgedWrites) acknowledged writes, restart median \(String(format: "%.0f", median(kill.startupSeconds) * 1000)) ms", kill.rounds > 0))
            rows.append(("lost acknowledged writes", "\(kill.lostWrites.count)", kill.lostWrites.isEmpty))
            rows.append(("half-written packages", "\(kill.halfWritten.count)", kill.halfWritten.isEmpty))
            rows.append(("integrity_check failures", "\(kill.integrityFailures.count)", kill.integrityFailures.isEmpty))
        }
        if let writers {
            rows.append(("writers on one sequence", "\(writers.writers) writers, \(writers.acknowledged) updates (SetSequence with the version check, then AddStep), \(writers.conflicts) conflicts retried, \(String(format: "%.1f", writers.seconds)) s", writers.errors.isEmpty))
            rows.append(("lost or doubled updates", "\(writers.lost.count + writers.duplicated.count)", writers.lost.isEmpty && writers.duplicated.isEmpty))
        }
        if let connections {
            rows.append(("connections at once", "\(connections.opened)/\(connections.requested) open, \(connections.answered) answered, serves after: \(connections.servesAfter ? "yes" : "no"), \(String(format: "%.1f", connections.seconds)) s", connections.ok))
        }
        return rows
    }

    var passed: Bool { rows.allSatisfy(\.ok) }

    func print() {
        if let fuzz {
            let counts = fuzz.counts
            report("\nstress: replies by error name:")
            for (name, count) in counts.byName.sorted(by: { $0.value > $1.value }) { report("  \(String(count).leftPadded(7))  \(name)") }
            for (name, count) in counts.localErrors.sorted(by: { $0.key < $1.key }) { report("  \(String(count).leftPadded(7))  not sent: \(name)") }
            report("stress: calls by kind of object: " + counts.byKind.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            for (message, call) in counts.failedMessages.sorted(by: { $0.key < $1.key }) {
                report("stress: Error.Failed \"\(message)\"\n    first from: \(call)")
            }
            for call in counts.timeouts.prefix(10) { report("stress: time-out: \(call)") }
            for crash in fuzz.crashes { report("stress: crash: \(crash)") }
        }
        if let kill {
            for line in (kill.lostWrites + kill.halfWritten + kill.integrityFailures).prefix(20) { report("stress: kill -9: \(line)") }
        }
        if let writers {
            for line in writers.errors { report("stress: writers: \(line)") }
            if !writers.lost.isEmpty { report("stress: writers: lost updates \(writers.lost.prefix(20))") }
            if !writers.duplicated.isEmpty { report("stress: writers: doubled updates \(writers.duplicated.prefix(20))") }
        }
        if let connections, !connections.failures.isEmpty {
            report("stress: connections: failures \(connections.failures)")
        }
        let rows = self.rows
        let width = rows.map(\.check.count).max() ?? 0
        report("\nstress summary")
        for row in rows {
            report("  \(row.ok ? "ok  " : "FAIL")  \(row.check.padding(toLength: width, withPad: " ", startingAt: 0))  \(row.figure)")
        }
        report(passed ? "stress: every invariant held" : "stress: FAILED")
    }

    private func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[sorted.count / 2]
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
