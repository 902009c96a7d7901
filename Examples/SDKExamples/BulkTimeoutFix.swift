import TaskSequenceSDK

/// Example program 2: a bulk fix — every Run Command Line step that runs `cscript` gets a
/// one-hour time limit, so a hung script cannot hold a deployment forever.
///
/// It reads first (``plan(client:)``, a dry run an administrator can print), then writes each
/// package's changes as one version-checked batch (``apply(_:client:)``): a package someone
/// else edited in between is reported as a conflict and left exactly as they left it.
public enum BulkTimeoutFix {
    /// One step the fix changes.
    public struct Change: Sendable, Hashable {
        /// The package.
        public var packageID: String
        /// The step's stable ID.
        public var stepID: Int64
        /// The time limit before the fix; `nil` when none was set.
        public var previousTimeout: UInt32?
    }

    /// One package's changes and the SourceVersion they were read at.
    public struct PackagePlan: Sendable, Hashable {
        /// The package.
        public var packageID: String
        /// The SourceVersion the steps were read at.
        public var sourceVersion: UInt32
        /// The steps to change.
        public var changes: [Change]
    }

    /// What applying a plan did.
    public struct Outcome: Sendable, Hashable {
        /// The changes written.
        public var applied: [Change] = []
        /// Packages that changed since they were read: nothing was written to them.
        public var conflicts: [String] = []
    }

    /// The time limit the fix sets, in seconds.
    public static let timeout: UInt32 = 3600

    /// The packages that have steps to fix, each with the version it was read at: two calls,
    /// whatever the number of packages.
    public static func plan(client: ProviderClient) throws -> [PackagePlan] {
        // Versions are read before the steps: an edit in between makes the write a conflict.
        let versions = Dictionary(uniqueKeysWithValues: try client.packages().map { ($0.packageID, $0.sourceVersion) })
        let due = try client.actions(ofClass: .runCommandLine, where: .commandLine(contains: "cscript"))
            .filter { $0.timeout != timeout }
        return Dictionary(grouping: due, by: \.packageID).sorted { $0.key < $1.key }.compactMap { packageID, steps in
            guard let version = versions[packageID] else { return nil }  // created after the version read: next run
            let changes = steps.map { Change(packageID: packageID, stepID: $0.stepID, previousTimeout: $0.timeout) }
            return PackagePlan(packageID: packageID, sourceVersion: version, changes: changes)
        }
    }

    /// Writes each package's changes as one batch, expecting the version it was read at.
    public static func apply(_ plans: [PackagePlan], client: ProviderClient) throws -> Outcome {
        var outcome = Outcome()
        for plan in plans {
            let package = client.package(plan.packageID)
            do {
                try package.edit(expecting: plan.sourceVersion) { batch in
                    for change in plan.changes {
                        batch.set(.timeout, to: .int(Int64(timeout)), on: package.step(change.stepID))
                    }
                }
                outcome.applied += plan.changes
            } catch ProviderError.conflict {
                outcome.conflicts.append(plan.packageID)
            }
        }
        return outcome
    }

    /// Plans and applies in one go.
    public static func run(client: ProviderClient) throws -> Outcome {
        try apply(plan(client: client), client: client)
    }

    /// Whether `step` is a Run Command Line step running `cscript` without the limit.
    public static func needsFix(_ step: StepInfo) -> Bool {
        guard step.className == "SMS_TaskSequence_RunCommandLineAction",
              case .string(let commandLine)? = step.settings["CommandLine"] else { return false }
        return commandLine.lowercased().contains("cscript") && step.timeout != timeout
    }
}
