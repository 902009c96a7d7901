import TaskSequenceSDK

/// Example program 2: a bulk fix — every Run Command Line step that runs `cscript` gets a
/// one-hour time limit, so a hung script cannot hold a deployment forever.
public enum BulkTimeoutFix {
    /// One step the fix changed.
    public struct Change: Sendable, Hashable {
        /// The package.
        public var packageID: String
        /// The step's stable ID.
        public var stepID: Int64
        /// The time limit before the fix (0: none).
        public var previousTimeout: UInt32
    }

    /// The time limit the fix sets, in seconds.
    public static let timeout: UInt32 = 3600

    /// Sets ``timeout`` on every Run Command Line step whose command line mentions `cscript`
    /// (in any case) and has another limit; returns what it changed.
    public static func run(client: ProviderClient) throws -> [Change] {
        var changes: [Change] = []
        for id in try client.packageIDs().sorted() {
            let package = client.package(id)
            for node in try package.sequence.stepTree() {
                for (_, step) in node.flattened() where needsFix(step) {
                    let previous = step.timeout ?? 0
                    try package.step(step.id).set(.timeout, to: .int(Int64(timeout)))
                    changes.append(Change(packageID: id, stepID: step.id, previousTimeout: previous))
                }
            }
        }
        return changes
    }

    /// Whether `step` is a Run Command Line step running `cscript` without the limit.
    public static func needsFix(_ step: StepInfo) -> Bool {
        guard step.className == "SMS_TaskSequence_RunCommandLineAction",
              case .string(let commandLine)? = step.settings["CommandLine"] else { return false }
        return commandLine.lowercased().contains("cscript") && step.timeout != timeout
    }
}
