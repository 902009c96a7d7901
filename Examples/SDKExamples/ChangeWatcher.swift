import Foundation
import TaskSequenceSDK

/// Example program 4: a live watcher printing one line per change, as an operator keeps open in
/// a terminal while colleagues edit sequences. It names the step, the properties that changed
/// and the new SourceVersion, and says so when events may have been missed (the daemon
/// restarted).
public enum ChangeWatcher {
    /// Reads changes from `client` and hands each one, as a line, to `output` until `output`
    /// returns `false` or the stream ends.
    public static func run(client: ProviderClient, output: (String) -> Bool) async throws {
        for await event in try client.changes() {
            guard output(line(for: event)) else { return }
        }
    }

    /// `modified MEM00001 step 12 SMS_TaskSequence_RunCommandLineAction [Timeout] v7`, or
    /// `resumed: events may be missing since 2026-12-06T03:50:00Z`.
    public static func line(for event: ChangeEvent) -> String {
        if event.kind == .resumed {
            let since = event.since.map { ISO8601DateFormatter().string(from: $0) } ?? "the restart"
            return "resumed: events may be missing since \(since)"
        }
        var line = "\(event.kind.rawValue) \(event.packageID ?? "-")"
        if let stepID = event.stepID { line += " step \(stepID)" }
        if let operandID = event.operandID { line += " operand \(operandID)" }
        line += " \(event.className)"
        if !event.changedProperties.isEmpty { line += " [\(event.changedProperties.joined(separator: ", "))]" }
        if let version = event.sourceVersion { line += " v\(version)" }
        return line
    }
}
