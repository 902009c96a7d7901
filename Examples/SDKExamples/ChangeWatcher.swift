import TaskSequenceSDK

/// Example program 4: a live watcher printing one line per change, as an operator keeps open in
/// a terminal while colleagues edit sequences.
public enum ChangeWatcher {
    /// Reads changes from `client` and hands each one, as a line, to `output` until `output`
    /// returns `false` or the stream ends.
    public static func run(client: ProviderClient, output: (String) -> Bool) async throws {
        for await event in try client.changes() {
            guard output(line(for: event)) else { return }
        }
    }

    /// `modified MEM00001 SMS_TaskSequence_RunCommandLineAction SMS_TaskSequence_Step.PackageID=…`
    public static func line(for event: ChangeEvent) -> String {
        "\(event.kind.rawValue) \(event.packageID ?? "-") \(event.className) \(event.relativePath)"
    }
}
