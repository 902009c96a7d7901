import Testing
import TaskSequenceModel
import TaskSequenceXML

@Suite struct ThreeWayMergeTests {
    /// Base = the original as it was copied; theirs = the copy; ours = the original now.
    static func merge(
        _ fixture: ComparisonFixture, ours: TaskSequence, theirs: TaskSequence, policy: ThreeWayMerge.Policy = .none
    ) -> MergeResult {
        ThreeWayMerge(
            base: fixture.original,
            ours: fixture.copy(ours),
            theirs: fixture.copy(theirs),
            policy: policy
        ).run()
    }

    @Test func aCopyEditedInThreePlacesMergesIntoTheUnchangedOriginal() throws {
        let fixture = try ComparisonFixture()
        let theirs = SequenceDiffTests.threeEdits(fixture.sequence)
        let result = Self.merge(fixture, ours: fixture.sequence, theirs: theirs)
        #expect(result.conflicts.isEmpty)
        #expect(result.merged == theirs)
        #expect(result.applied.changes.map(\.kind) == [.settingChanged, .stepRenamed, .conditionChanged])
    }

    @Test func editsOfBothSidesToDifferentStepsAreAllKept() throws {
        let fixture = try ComparisonFixture()
        let theirs = SequenceDiffTests.threeEdits(fixture.sequence)
        let ours = fixture.sequence
            .editing("group[1]/step[4]") { $0.name = "Gather (local)" }
            .editing("group[3]/step[7]") { $0.continueOnError = true }
        let result = Self.merge(fixture, ours: ours, theirs: theirs)
        #expect(result.conflicts.isEmpty)
        let merged = try #require(result.merged)
        #expect(merged.step("group[1]/step[4]")?.name == "Gather (local)")
        #expect(merged.step("group[3]/step[7]")?.name == "Enable BitLocker (Offline, TPM)")
        #expect(merged.step("group[3]/step[7]")?.continueOnError == true)
        #expect(merged.step("group[5]/step[14]")?.condition == SequenceDiffTests.notInWinPE)
        #expect(merged.step("group[2]/step[3]")?.actionCommandLine == "cmd /c time 12:00")
        #expect(result.applied.changes.count == 3)
    }

    @Test func aStepBothSidesChangedDifferentlyIsAConflictAndNothingIsMerged() throws {
        let fixture = try ComparisonFixture()
        let theirs = SequenceDiffTests.threeEdits(fixture.sequence)
        let ours = fixture.sequence.editing("group[3]/step[7]") { $0.name = "BitLocker offline" }
        let result = Self.merge(fixture, ours: ours, theirs: theirs)
        #expect(result.merged == nil)
        #expect(result.hasUnresolvedConflicts)
        #expect(result.conflicts == [MergeConflict(
            stepID: "C25", name: "BitLocker offline", path: "group[3]/step[7]", property: "Name",
            base: "Enable BitLocker (Offline)", ours: "BitLocker offline", theirs: "Enable BitLocker (Offline, TPM)"
        )])
        #expect(result.conflicts.first?.text == """
            group[3]/step[7] "BitLocker offline" Name: base "Enable BitLocker (Offline)", ours "BitLocker offline", theirs "Enable BitLocker (Offline, TPM)"
            """)
        // The dry run still shows the two changes that do not conflict.
        #expect(result.applied.changes.map(\.kind) == [.settingChanged, .conditionChanged])
        #expect(result.proposed.step("group[3]/step[7]")?.name == "BitLocker offline")
    }

    @Test(arguments: [ThreeWayMerge.Policy.ours, .theirs])
    func forcePoliciesDecideEachConflict(policy: ThreeWayMerge.Policy) throws {
        let fixture = try ComparisonFixture()
        let theirs = SequenceDiffTests.threeEdits(fixture.sequence)
            .editing("group[1]/step[1]") { $0.variables?.setValue("theirs-secret", forProperty: "SMSTSRunCommandLineUserPassword") }
        let ours = fixture.sequence
            .editing("group[3]/step[7]") { $0.name = "BitLocker offline" }
            .editing("group[1]/step[1]") { $0.variables?.setValue("ours-secret", forProperty: "SMSTSRunCommandLineUserPassword") }
        let result = Self.merge(fixture, ours: ours, theirs: theirs, policy: policy)
        let merged = try #require(result.merged)
        #expect(result.conflicts.map(\.property) == ["SMSTSRunCommandLineUserPassword", "Name"])
        #expect(result.conflicts.allSatisfy { $0.resolution == policy })
        #expect(result.conflicts.first?.isSecret == true)
        #expect(result.conflicts.first?.ours == nil && result.conflicts.first?.theirs == nil)
        #expect(result.conflicts.first?.text.contains("both changed (secret)") == true)
        let password = merged.step("group[1]/step[1]")?.setting("SMSTSRunCommandLineUserPassword")
        #expect(merged.step("group[3]/step[7]")?.name == (policy == .ours ? "BitLocker offline" : "Enable BitLocker (Offline, TPM)"))
        #expect(password == (policy == .ours ? "ours-secret" : "theirs-secret"))
        // The edits without conflict come through either way.
        #expect(merged.step("group[5]/step[14]")?.condition == SequenceDiffTests.notInWinPE)
    }

    @Test func stepsTheirsAddedMovedAndRemovedAreCarriedOverWithTheirOrigin() throws {
        let fixture = try ComparisonFixture()
        var theirs = fixture.sequence
        // Add a step after "Install Operating System"; move "Restart computer" first in Postinstall;
        // remove "dump TS Variables".
        theirs.steps[3].insertStep(.action(className: "SMS_TaskSequence_RunCommandLineAction", name: "Log install", commandLine: "log.cmd"))
        var postinstall = theirs.steps[4]
        let removedRestart = postinstall.removeStep(at: 14)
        let restart = try #require(removedRestart)
        postinstall.insertStep(restart, at: 0)
        postinstall.removeStep(at: 10)
        theirs.steps[4] = postinstall
        // Ours meanwhile renamed a step in Install and added one at the end.
        var ours = fixture.sequence.editing("group[4]/step[1]") { $0.name = "Install Windows" }
        ours.insertStep(.action(className: "SMS_TaskSequence_RebootAction", name: "Final restart"))

        let result = ThreeWayMerge(
            base: fixture.original,
            ours: fixture.copy(ours),
            theirs: fixture.copy(theirs, origin: SequenceDiffTests.originsByMatching(fixture, edited: theirs))
        ).run()
        #expect(result.conflicts.isEmpty)
        let merged = try #require(result.merged)
        #expect(merged.steps.map(\.name) == ["Initialization", "Validation", "Preinstall", "Install", "Postinstall", "Final restart"])
        #expect(merged.steps[3].steps.map(\.name) == ["Install Windows", "Log install"])
        #expect(merged.steps[4].steps.first?.name == "Restart computer")
        #expect(!merged.steps[4].steps.contains { $0.name == "dump TS Variables" })
        #expect(merged.steps[4].steps.count == 14)
        let added = try #require(fixture.path("group[4]/step[2]", in: merged))
        #expect(result.origins[added] == .theirs(try #require(fixture.path("group[4]/step[2]", in: theirs))))
        let restartPath = try #require(fixture.path("group[5]/step[1]", in: merged))
        #expect(result.origins[restartPath] == .ours(try #require(fixture.path("group[5]/step[15]"))))
        #expect(result.applied.changes.map(\.kind) == [.stepAdded, .stepMoved, .stepRemoved])
    }

    @Test func aStepTheirsRemovedAndOursChangedIsAConflict() throws {
        let fixture = try ComparisonFixture()
        var theirs = fixture.sequence
        var postinstall = theirs.steps[4]
        postinstall.removeStep(at: 9)   // "dump TS Variables"
        theirs.steps[4] = postinstall
        let ours = fixture.sequence.editing("group[5]/step[10]") { $0.isEnabled = false }
        let result = ThreeWayMerge(
            base: fixture.original, ours: fixture.copy(ours),
            theirs: fixture.copy(theirs, origin: SequenceDiffTests.originsByMatching(fixture, edited: theirs))
        ).run()
        #expect(result.merged == nil)
        #expect(result.conflicts.map(\.property) == ["Step"])
        #expect(result.conflicts.first?.name == "dump TS Variables")
        #expect(result.conflicts.first?.ours == "changed" && result.conflicts.first?.theirs == "removed")
    }
}
