import Testing
import Foundation
@testable import TaskSequenceModel

@Suite struct StepContainerTests {
    @Test func insertingAndRemovingStepsLeavesOtherChildrenInPlace() {
        var sequence = TaskSequence(attributes: ["version": "3.00"], children: [
            .variables(VariableList(kind: .globals)),
            .step(.group(name: "A")),
            .foreign(.comment("between")),
            .step(.group(name: "B")),
        ])
        sequence.insertStep(.group(name: "C"))
        sequence.insertStep(.group(name: "Z"), at: 0)
        #expect(sequence.steps.map(\.name) == ["Z", "A", "B", "C"])
        guard case .variables = sequence.children[0], case .foreign = sequence.children[3] else {
            Issue.record("non-step children moved: \(sequence.children)")
            return
        }
        #expect(sequence.removeStep(at: 1)?.name == "A")
        #expect(sequence.removeStep(at: 7) == nil)
        #expect(sequence.steps.map(\.name) == ["Z", "B", "C"])
    }

    @Test func flagsFollowTheFilesHabit() {
        var configMgr = Step.action(className: "SMS_TaskSequence_RunCommandLineAction", name: "x")
        configMgr.continueOnError = false
        #expect(configMgr.attributes["continueOnError"] == nil)
        configMgr.isEnabled = false
        #expect(configMgr.attributes["disable"] == "true")

        var mdt = Step(kind: .step, attributes: ["name": "y", "disable": "false", "continueOnError": "false"])
        mdt.continueOnError = true
        #expect(mdt.attributes.items.map(\.name) == ["name", "disable", "continueOnError"])
        #expect(mdt.attributes["continueOnError"] == "true")
        #expect(mdt.className == StepClass.untypedMDTStep)
    }
}

@Suite struct AttributeListCodingTests {
    @Test func encodesAsOrderedPairs() throws {
        let list: AttributeList = ["type": "SMS_TaskSequence_RebootAction", "name": "Restart"]
        let data = try JSONEncoder().encode(list)
        #expect(String(decoding: data, as: UTF8.self) == #"[["type","SMS_TaskSequence_RebootAction"],["name","Restart"]]"#)
        #expect(try JSONDecoder().decode(AttributeList.self, from: data) == list)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(AttributeList.self, from: Data(#"[["x"]]"#.utf8)) }
    }
}

@Suite struct StepFlagTests {
    @Test func reEnablingAConfigMgrStepLeavesNoDisableAttribute() {
        var step = Step.action(className: "SMS_TaskSequence_RebootAction", name: "Restart")
        step.isEnabled = false
        #expect(step.attributes["disable"] == "true")
        step.isEnabled = true
        #expect(step.attributes["disable"] == nil)
        #expect(!step.looksWrittenByMDT)
    }

    @Test func mdtStepsKeepBothFlagsWritten() {
        var step = Step(kind: .step, attributes: ["name": "x", "disable": "true", "continueOnError": "false"])
        step.isEnabled = true
        #expect(step.attributes.items.map(\.name) == ["name", "disable", "continueOnError"])
        #expect(step.attributes["disable"] == "false")
    }
}
