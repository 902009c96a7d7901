import Testing

/// Runs a principal's planned cells in one python session and records, as test issues, every
/// cell that did not answer as the rules say and every leak in the session's output.
enum MatrixRun {
    /// Runs `plan` as its principal; returns the transcript for further checks.
    @discardableResult
    static func check(_ plan: MatrixPlan, in world: SecurityWorld, leaks: LeakScanner? = nil) throws -> SessionTranscript {
        let transcript = try ClientSession.run(plan.calls, as: plan.principal, on: world.daemon)
        let unauthorized = plan.unauthorizedSuccesses(in: transcript)
        if !unauthorized.isEmpty {
            let lines = unauthorized.map { "\($0): \(transcript[$0.call.id].map { "\($0)" } ?? "")" }
            Issue.record(Comment(rawValue: "UNAUTHORIZED SUCCESSES for \(plan.principal):\n" + lines.joined(separator: "\n")))
        }
        for cell in plan.cells {
            for problem in cell.problems(in: transcript) where !unauthorized.contains(where: { $0.call.id == cell.call.id }) {
                Issue.record(Comment(rawValue: problem))
            }
        }
        let scanner = leaks ?? LeakScanner(world: world, user: plan.principal)
        for leak in scanner.leaks(in: transcript, plan: plan.calls) {
            Issue.record(Comment(rawValue: leak))
        }
        return transcript
    }
}
