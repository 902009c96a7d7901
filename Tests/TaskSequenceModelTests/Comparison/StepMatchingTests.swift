import Testing
@testable import TaskSequenceModel

@Suite struct StepMatchingTests {
    static func command(_ name: String, _ line: String) -> Step {
        .action(className: "SMS_TaskSequence_RunCommandLineAction", name: name, commandLine: "smsswd.exe /run: \(line)",
                variables: [Variable(name: "CommandLine", property: "CommandLine", value: line)])
    }

    /// Setup { Format, Partition }, Install { Copy, Script, Script }, Restart.
    static func sequence() -> TaskSequence {
        TaskSequence(schemaVersion: "3.10", steps: [
            .group(name: "Setup", steps: [command("Format", "format c:"), command("Partition", "diskpart /s p.txt")]),
            .group(name: "Install", steps: [
                command("Copy", "robocopy a b"), command("Script", "run1.cmd"), command("Script", "run2.cmd"),
            ]),
            .action(className: "SMS_TaskSequence_RebootAction", name: "Restart", commandLine: "smsboot.exe /target:HD"),
        ])
    }

    /// Paths as 1-based strings, new → old, for readable expectations.
    static func described(_ pairs: [StepPath: StepPath]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: pairs.map { ($0.key.description, $0.value.description) })
    }

    static func noIdentity(_: StepPath) -> StepIdentity? { nil }

    @Test func identicalSequencesPairEveryStepWithItself() {
        let sequence = Self.sequence()
        let pairs = StepMatching.match(old: sequence, new: sequence, oldIdentity: Self.noIdentity, newIdentity: Self.noIdentity)
        var count = 0
        sequence.forEachStep { path, _ in
            count += 1
            #expect(pairs[path] == path)
        }
        #expect(pairs.count == count)
        #expect(count == 8)
    }

    @Test func aRenamedStepIsPairedByPositionAndSettings() {
        let old = Self.sequence()
        var new = old
        new.updateEachStep { path, step in if path.description == "group[1]/step[2]" { step.name = "Partition disk" } }
        let pairs = Self.described(StepMatching.match(old: old, new: new, oldIdentity: Self.noIdentity, newIdentity: Self.noIdentity))
        #expect(pairs.count == 8)
        #expect(pairs["group[1]/step[2]"] == "group[1]/step[2]")
    }

    @Test func aRenamedGroupStillPairsItsChildren() {
        let old = Self.sequence()
        var new = old
        new.updateEachStep { path, step in if path.description == "group[2]" { step.name = "Install apps" } }
        let pairs = Self.described(StepMatching.match(old: old, new: new, oldIdentity: Self.noIdentity, newIdentity: Self.noIdentity))
        #expect(pairs.count == 8)
        #expect(pairs["group[2]"] == "group[2]")
        #expect(pairs["group[2]/step[3]"] == "group[2]/step[3]")
    }

    @Test func anInsertedStepIsLeftUnpairedAndTheOthersShift() {
        let old = Self.sequence()
        var new = old
        new.insertStep(Self.command("Log", "log.cmd"), at: 1)
        let pairs = Self.described(StepMatching.match(old: old, new: new, oldIdentity: Self.noIdentity, newIdentity: Self.noIdentity))
        #expect(pairs.count == 8)
        #expect(pairs["step[2]"] == nil)
        #expect(pairs["group[3]"] == "group[2]")
        #expect(pairs["group[3]/step[2]"] == "group[2]/step[2]")
        #expect(pairs["step[4]"] == "step[3]")
    }

    @Test func stepsWithTheSameNameArePairedInOrderAndEachOldStepOnce() {
        let old = Self.sequence()
        var new = old
        // Swap the two "Script" steps' command lines: names alike, the nearer position wins.
        new.updateEachStep { path, step in
            if path.description == "group[2]/step[2]" { step.variables?.setValue("run2.cmd", forProperty: "CommandLine") }
            if path.description == "group[2]/step[3]" { step.variables?.setValue("run1.cmd", forProperty: "CommandLine") }
        }
        let pairs = StepMatching.match(old: old, new: new, oldIdentity: Self.noIdentity, newIdentity: Self.noIdentity)
        #expect(Set(pairs.values).count == pairs.count)
        #expect(Self.described(pairs)["group[2]/step[2]"] == "group[2]/step[2]")
    }

    @Test func aStepMovedToAnotherGroupIsPairedByItsUniqueName() {
        let old = Self.sequence()
        var new = old
        var setup = new.steps[0]
        let format = setup.removeStep(at: 0)
        new.steps[0] = setup
        var install = new.steps[1]
        if let format { install.insertStep(format) }
        new.steps[1] = install
        let pairs = Self.described(StepMatching.match(old: old, new: new, oldIdentity: Self.noIdentity, newIdentity: Self.noIdentity))
        #expect(pairs.count == 8)
        #expect(pairs["group[2]/step[4]"] == "group[1]/step[1]")
        #expect(pairs["group[1]/step[1]"] == "group[1]/step[2]")
    }

    @Test func identityWinsOverNameAndPosition() {
        let old = Self.sequence()
        var new = old
        // The two Script steps trade places; their identities say so although names are equal.
        var install = new.steps[1]
        if let second = install.removeStep(at: 2) { install.insertStep(second, at: 1) }
        new.steps[1] = install
        let oldIDs = ["group[2]/step[2]": "A", "group[2]/step[3]": "B"]
        let newIDs = ["group[2]/step[2]": "B", "group[2]/step[3]": "A"]
        let pairs = Self.described(StepMatching.match(
            old: old, new: new,
            oldIdentity: { oldIDs[$0.description].map(StepIdentity.init) },
            newIdentity: { newIDs[$0.description].map(StepIdentity.init) }
        ))
        #expect(pairs["group[2]/step[2]"] == "group[2]/step[3]")
        #expect(pairs["group[2]/step[3]"] == "group[2]/step[2]")
        #expect(pairs.count == 8)
    }

    @Test func aStepOfAnotherClassAtTheSamePlaceIsNotPaired() {
        let old = Self.sequence()
        var new = old
        new.steps[2] = .action(className: "SMS_TaskSequence_RunPowerShellScriptAction", name: "Restart")
        let pairs = Self.described(StepMatching.match(old: old, new: new, oldIdentity: Self.noIdentity, newIdentity: Self.noIdentity))
        #expect(pairs["step[3]"] == nil)
        #expect(pairs.count == 7)
    }
}
