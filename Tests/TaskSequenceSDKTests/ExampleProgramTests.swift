import Foundation
import SDKExamples
import Synchronization
@testable import TaskSequenceSDK
import TaskSequenceXML
import Testing
import TestSupport

/// The five example programs of the DocC catalog (Examples/SDKExamples), run against a real
/// daemon; the corpus programs against all 94 real-world sequences imported.
@Suite(.serialized) struct ExampleProgramTests {
    /// Imports every real-world file; returns the package IDs.
    static func importCorpus(_ client: ProviderClient) throws -> [String] {
        try Fixtures.realWorldNames.map { name in
            try client.importPackage(contentsOf: Fixtures.realWorld.appendingPathComponent(name)).id
        }
    }

    /// Every step of every package, by package ID and step ID.
    static func allSteps(_ client: ProviderClient) throws -> [String: [Int64: StepInfo]] {
        var steps: [String: [Int64: StepInfo]] = [:]
        for id in try client.packageIDs() {
            let flat = try client.package(id).sequence.stepTree().flatMap { $0.flattened().map(\.info) }
            steps[id] = Dictionary(uniqueKeysWithValues: flat.map { ($0.id, $0) })
        }
        return steps
    }

    static func git(_ directory: String, _ arguments: [String]) throws -> CommandResult {
        let result = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/git"),
            ["-C", directory, "-c", "user.name=snapshot", "-c", "user.email=snapshot@example.invalid"] + arguments)
        #expect(result.status == 0, "git \(arguments): \(result.errorOutput)")
        return result
    }

    /// The files `git status` reports, without the status letters.
    static func changedFiles(_ directory: String) throws -> Set<String> {
        Set(try git(directory, ["status", "--porcelain"]).outputLines.map { String($0.dropFirst(3)) })
    }

    @Test func corpusProgramsAuditFixAndSnapshot() throws {
        try withProvider { client, _ in
            let ids = try Self.importCorpus(client)
            #expect(ids.count == 94)

            // Snapshot: one file per package, committed.
            let directory = try TemporaryDirectory()
            _ = try Self.git(directory.path, ["init", "-q"])
            let callsBefore = client.callsMade
            let first = try NightlySnapshot.run(client: client, into: URL(fileURLWithPath: directory.path))
            let calls = client.callsMade - callsBefore
            #expect(first.written == ids.sorted() && first.removed.isEmpty)
            #expect(calls <= 2 * ids.count, "\(calls) calls for \(ids.count) packages")
            #expect(calls == ids.count + 1, "the list, then one export per package")
            _ = try Self.git(directory.path, ["add", "-A"])
            _ = try Self.git(directory.path, ["commit", "-q", "-m", "night 1"])
            let night1 = try NightlySnapshot.run(client: client, into: URL(fileURLWithPath: directory.path))
            #expect(night1.written.count == 94)
            #expect(try Self.changedFiles(directory.path).isEmpty, "an unchanged provider snapshots identically")

            // Audit: cross-checked against each conditioned step's typed operand tree.
            let before = try Self.allSteps(client)
            let findings = try VariableConditionAudit.run(client: client, variable: "_SMSTSInWinPE")
            #expect(!findings.isEmpty)
            var expected: Set<String> = []
            for (packageID, steps) in before {
                for step in steps.values where step.conditionText != nil {
                    let info = try #require(try client.package(packageID).step(step.id).condition.info())
                    if Self.testsVariable(info.operands, "_SMSTSInWinPE") { expected.insert("\(packageID)/\(step.id)") }
                }
            }
            #expect(Set(findings.map { "\($0.packageID)/\($0.stepID)" }) == expected)

            // Bulk fix: exactly the cscript steps without the limit change, and nothing else.
            let due = before.flatMap { packageID, steps in steps.values.filter(BulkTimeoutFix.needsFix).map { "\(packageID)/\($0.id)" } }
            #expect(!due.isEmpty)
            let planCalls = client.callsMade
            let plans = try BulkTimeoutFix.plan(client: client)
            #expect(client.callsMade - planCalls == 2, "the versions and one typed query, whatever the corpus")
            let outcome = try BulkTimeoutFix.apply(plans, client: client)
            #expect(client.callsMade - planCalls == 2 + plans.count, "one batch per package")
            #expect(outcome.conflicts.isEmpty)
            let changes = outcome.applied
            #expect(Set(changes.map { "\($0.packageID)/\($0.stepID)" }) == Set(due))
            let after = try Self.allSteps(client)
            for (packageID, steps) in before {
                for (stepID, old) in steps {
                    var expectedStep = old
                    if changes.contains(where: { $0.packageID == packageID && $0.stepID == stepID }) { expectedStep.timeout = BulkTimeoutFix.timeout }
                    #expect(after[packageID]?[stepID] == expectedStep, "\(packageID) step \(stepID)")
                }
            }
            #expect(try BulkTimeoutFix.plan(client: client).isEmpty, "a second run finds nothing left to fix")

            // Night 2: the snapshot's diff is exactly the fixed packages.
            let night2 = try NightlySnapshot.run(client: client, into: URL(fileURLWithPath: directory.path))
            #expect(night2.written.count == 94)
            #expect(try Self.changedFiles(directory.path) == Set(changes.map { "\($0.packageID).xml" }))
            // The canonical layout makes each fixed step one changed line (plus the package's SourceDate).
            for (packageID, fixed) in Dictionary(grouping: changes, by: \.packageID) {
                let diff = try Self.git(directory.path, ["diff", "--unified=0", "--", "\(packageID).xml"]).outputLines
                    .filter { ($0.hasPrefix("+") || $0.hasPrefix("-")) && !$0.hasPrefix("+++") && !$0.hasPrefix("---") }
                    .filter { !$0.contains("<SourceDate>") && !$0.contains("<SourceVersion>") }
                let added = diff.filter { $0.hasPrefix("+") }
                #expect(added.count == fixed.count && diff.count == 2 * fixed.count, "\(packageID): \(diff)")
                #expect(added.allSatisfy { $0.contains(#"timeout="3600""#) }, "\(packageID): \(added)")
            }
            _ = try Self.git(directory.path, ["add", "-A"])
            _ = try Self.git(directory.path, ["commit", "-q", "-m", "night 2"])

            // A deleted package leaves the snapshot.
            let gone = try #require(ids.first)
            try client.package(gone).delete()
            let night3 = try NightlySnapshot.run(client: client, into: URL(fileURLWithPath: directory.path))
            #expect(night3.removed == [gone] && night3.written.count == 93)
            #expect(try Self.changedFiles(directory.path) == ["\(gone).xml"])
        }
    }

    /// Whether an operand tree holds a variable expression on `name`.
    static func testsVariable(_ operands: [OperandNode], _ name: String) -> Bool {
        operands.contains { operand in
            let variable = operand.properties.first { $0.name == "Variable" }?.value
            return (operand.className == "SMS_TaskSequence_VariableConditionExpression" && variable?.lowercased() == name.lowercased())
                || testsVariable(operand.operands, name)
        }
    }

    @Test func aConcurrentEditIsAConflictAndNothingIsLost() throws {
        try withProvider { client, daemon in
            let packages = try ["First", "Second"].map { name in
                let package = try client.createPackage(named: name)
                try package.sequence.addStep(.runCommandLine(#"cscript //nologo C:\fix.vbs"#).timeout(seconds: 60), named: "Fix")
                try package.sequence.addStep(.runCommandLine("cmd /c echo not a script"), named: "Echo")
                return package
            }
            let plans = try BulkTimeoutFix.plan(client: client)
            #expect(plans.map(\.packageID) == packages.map(\.id).sorted())
            #expect(plans.allSatisfy { $0.changes.count == 1 && $0.changes.first?.previousTimeout == 60 })

            // Another administrator, on a connection of their own, edits the first package's
            // script step between the fix's read and its write.
            let colleague = try ProviderClient(bus: .address(daemon.address))
            let raced = try #require(packages.first)
            let racedStep = try #require(try raced.sequence.steps().first)
            try colleague.package(raced.id).step(racedStep.id).setSettings(["CommandLine": .string(#"cscript //nologo C:\fix2.vbs"#)])
            let racedVersion = try raced.info().sourceVersion

            let outcome = try BulkTimeoutFix.apply(plans, client: client)
            #expect(outcome.conflicts == [raced.id])
            #expect(outcome.applied.map(\.packageID) == [try #require(packages.last).id])
            // The colleague's edit stands and the fix wrote nothing to that package.
            let after = try racedStep.info()
            #expect(after.settings["CommandLine"] == .string(#"cscript //nologo C:\fix2.vbs"#))
            #expect(after.timeout == 60)
            #expect(try raced.info().sourceVersion == racedVersion)
            #expect(try packages.last?.sequence.steps().first?.info().timeout == BulkTimeoutFix.timeout)

            // Running the fix again applies it on top of the colleague's edit.
            let again = try BulkTimeoutFix.run(client: client)
            #expect(again.conflicts.isEmpty && again.applied.map(\.stepID) == [racedStep.id])
            let final = try racedStep.info()
            #expect(final.timeout == BulkTimeoutFix.timeout)
            #expect(final.settings["CommandLine"] == .string(#"cscript //nologo C:\fix2.vbs"#))
        }
    }

    @Test func theBuiltSequenceIsWhatTheBuildersSay() throws {
        try withProvider { client, _ in
            let package = try BuiltSequence.run(client: client, named: "Diagnostics")
            #expect(try package.info().description == "Built from the typed builders")
            let tree = try package.sequence.stepTree()
            #expect(tree.map(\.info.name) == ["Diagnostics", "Restart"])
            let group = try #require(tree.first)
            #expect(group.info.isGroup && group.children.map(\.info.name) == ["Choose the folder", "Save network configuration", "Save recent system events"])
            let save = try #require(group.children.dropFirst().first?.info)
            #expect(save.className == "SMS_TaskSequence_RunCommandLineAction")
            #expect(save.timeout == 300 && save.continuesOnError)
            #expect(save.conditionText == #"_SMSTSInWinPE equals "false""#)
            #expect(save.settings["CommandLine"] == .string(#"cmd /c ipconfig /all > "%DiagnosticsFolder%\ip.txt""#))
            #expect(group.children.last?.info.className == "SMS_TaskSequence_RunPowerShellScriptAction")
            #expect(group.children.last?.info.settings["ExecutionPolicy"] == .string("Bypass"))
            #expect(tree.last?.info.className == "SMS_TaskSequence_RebootAction")
            // What the daemon exports reads back as the same sequence.
            let document = try #require(try TaskSequenceReader().documents(from: Data(package.export(format: .package).utf8)).first)
            #expect(document.package.name == "Diagnostics" && document.sequence.counts.steps == 4 && document.sequence.counts.groups == 1)
        }
    }

    @Test func theWatcherSeesEditsAndCarriesOnAcrossARestart() async throws {
        try await withProvider { client, daemon in
            let lines = WatcherLines()
            let watcher = Task {
                try await ChangeWatcher.run(client: client) { line in lines.append(line) }
            }
            defer { watcher.cancel() }
            // The subscription is made inside the task: keep editing until the watcher hears one.
            let package = try client.createPackage(named: "Watched")
            var step: StepHandle?
            for attempt in 0..<40 {
                let added = try package.sequence.addStep(.runCommandLine("cmd /c echo \(attempt)"), named: "Step \(attempt)")
                step = added
                if try await Self.waitFor(lines, { $0.contains { $0.hasPrefix("created \(package.id) step \(added.id) ") } }) { break }
            }
            let added = try #require(step)
            #expect(lines.all.contains { $0.hasPrefix("created \(package.id) step \(added.id) SMS_TaskSequence_RunCommandLineAction") }, "\(lines.all)")
            let version = try added.set([.timeout: .int(90)], expecting: nil)
            #expect(try await Self.waitFor(lines, { $0.contains("modified \(package.id) step \(added.id) SMS_TaskSequence_RunCommandLineAction [Timeout] v\(version)") }), "\(lines.all)")

            try daemon.restart()
            #expect(try await Self.waitFor(lines, { $0.contains { $0.hasPrefix("resumed: events may be missing since ") } }, attempts: 400), "\(lines.all)")
            let made = try client.createPackage(named: "After restart")
            lines.stop(at: "modified \(made.id)")
            try made.set(.description, to: "last")
            try await watcher.value
            #expect(lines.all.last?.hasPrefix("modified \(made.id) SMS_TaskSequencePackage [Description") == true, "\(lines.all)")
        }
    }

    /// Polls `lines` until `condition` holds (true) or `attempts` × 50 ms pass (false): a bound
    /// on a failure, not a timing assertion.
    static func waitFor(_ lines: WatcherLines, _ condition: ([String]) -> Bool, attempts: Int = 20) async throws -> Bool {
        for _ in 0..<attempts {
            if condition(lines.all) { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }
}

/// The watcher's output, shared with the test; `append` says whether to go on.
final class WatcherLines: Sendable {
    private let state = Mutex<(lines: [String], stopPrefixes: [String])>(([], []))

    var all: [String] { state.withLock { $0.lines } }

    /// Ends the watcher at the first line starting with `prefix`.
    func stop(at prefix: String) { state.withLock { $0.stopPrefixes.append(prefix) } }

    func append(_ line: String) -> Bool {
        state.withLock { state in
            state.lines.append(line)
            return !state.stopPrefixes.contains { line.hasPrefix($0) }
        }
    }
}
