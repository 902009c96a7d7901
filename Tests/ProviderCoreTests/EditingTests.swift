import Foundation
import Testing
import ProviderCore
import ProviderStore
import TaskSequenceModel
import TaskSequenceXML

@Suite struct EditingTests {
    /// A package with one Restart step, and the IDs involved.
    private func packageWithOneStep(_ fixture: ServiceFixture) throws -> (package: String, restart: Int64) {
        let xml = #"<sequence version="3.10"><step type="SMS_TaskSequence_RebootAction" name="Restart"><action>smsboot.exe /target:HD</action><defaultVarList><variable name="SMSRebootTarget" property="Target">HD</variable></defaultVarList></step></sequence>"#
        let id = try fixture.service.importPackage(data: Data(xml.utf8), for: fixture.root)
        return (id, try fixture.service.topLevelStepIDs(packageID: id, for: fixture.root)[0])
    }

    @Test func aGroupWithAConditionedCommandLineStepInsideItBecomesTheExpectedXML() throws {
        let fixture = try ServiceFixture()
        let recorder = EventRecorder()
        fixture.service.addObserver(recorder)
        let (package, restart) = try packageWithOneStep(fixture)
        let group = try fixture.service.addStep(className: StepClass.group, properties: ["Name": "Tools", "Description": "d"], packageID: package, parentID: nil, index: 0, for: fixture.root)
        let run = try fixture.service.addStep(
            className: "SMS_TaskSequence_RunCommandLineAction",
            properties: ["Name": "Say hello", "CommandLine": "cmd /c echo hello", "ContinueOnError": "true"],
            packageID: package, parentID: group, index: -1, for: fixture.root
        )
        let or = try fixture.service.addOperator("or", stepID: run, packageID: package, parentID: nil, for: fixture.root)
        _ = try fixture.service.addExpression(
            className: ConditionClass.variable, properties: [("Operator", "equals"), ("Value", "false"), ("Variable", "_SMSTSInWinPE")],
            stepID: run, packageID: package, parentID: or, for: fixture.root
        )
        try fixture.service.moveStep(restart, packageID: package, toParent: group, index: 0, for: fixture.root)

        let sequence = try TaskSequenceReader().sequence(fromXML: try fixture.service.sequenceXML(packageID: package, for: fixture.root))
        #expect(sequence.steps.map(\.name) == ["Tools"])
        let tools = sequence.steps[0]
        #expect(tools.steps.map(\.name) == ["Restart", "Say hello"])
        let hello = tools.steps[1]
        #expect(hello.className == "SMS_TaskSequence_RunCommandLineAction" && hello.continueOnError)
        #expect(hello.actionCommandLine == "smsswd.exe /run: cmd /c echo hello")
        let text = try #require(hello.condition).text
        #expect(text.contains("_SMSTSInWinPE") && text.contains("\"false\""), "condition reads: \(text)")
        let step = try fixture.service.step(run, packageID: package, for: fixture.root)
        #expect(step.parentID == group && step.hasCondition)
        #expect(try fixture.service.stepIndex(run, packageID: package, for: fixture.root) == 1)
        #expect(try fixture.service.childStepIDs(packageID: package, parentID: group, for: fixture.root) == [restart, run])
        #expect(try fixture.service.step(restart, packageID: package, for: fixture.root).parentID == group)
        #expect(try fixture.service.package(package, for: fixture.root).sourceVersion == 6)
        #expect(recorder.events.contains { $0.kind == .created && $0.object == .step(packageID: package, stepID: run) })
    }

    @Test func propertyAndSettingEditsValidateAndChangeOnlyThatStep() throws {
        let fixture = try ServiceFixture()
        let (package, restart) = try packageWithOneStep(fixture)
        try fixture.service.setStepProperty("name", to: "Reboot now", stepID: restart, packageID: package, for: fixture.root)
        try fixture.service.setStepProperty("Enabled", to: "false", stepID: restart, packageID: package, for: fixture.root)
        try fixture.service.setStepSettings(["Target": "WinPE", "MessageTimeout": "30"], stepID: restart, packageID: package, for: fixture.root)
        let info = try fixture.service.step(restart, packageID: package, for: fixture.root)
        #expect(info.name == "Reboot now" && !info.enabled)
        #expect(info.actionCommandLine == "smsboot.exe /target:WinPE")
        #expect {
            try fixture.service.setStepProperty("Name", to: String(repeating: "x", count: 101), stepID: restart, packageID: package, for: fixture.root)
        } throws: { error in
            if case ProviderError.validationFailed(let property, _) = error { property == "Name" } else { false }
        }
        #expect {
            try fixture.service.setStepProperty("SupportedEnvironment", to: "Mars", stepID: restart, packageID: package, for: fixture.root)
        } throws: { error in
            if case ProviderError.validationFailed(let property, _) = error { property == "SupportedEnvironment" } else { false }
        }
        #expect(throws: ProviderError.unknownProperty(named: "Bogus on SMS_TaskSequence_RebootAction")) {
            try fixture.service.setStepSettings(["Bogus": "1"], stepID: restart, packageID: package, for: fixture.root)
        }
        #expect(try fixture.service.step(restart, packageID: package, for: fixture.root).name == "Reboot now")
    }

    @Test func deletingStepsAndOperandsAndClearingConditions() throws {
        let fixture = try ServiceFixture()
        let (package, restart) = try packageWithOneStep(fixture)
        let not = try fixture.service.addOperator("not", stepID: restart, packageID: package, parentID: nil, for: fixture.root)
        let a = try fixture.service.addExpression(className: ConditionClass.variable, properties: [("Operator", "exists"), ("Variable", "A")], stepID: restart, packageID: package, parentID: not, for: fixture.root)
        _ = try fixture.service.addExpression(className: ConditionClass.variable, properties: [("Operator", "exists"), ("Variable", "B")], stepID: restart, packageID: package, parentID: not, for: fixture.root)
        #expect(try fixture.service.operand(not, stepID: restart, packageID: package, for: fixture.root).childIDs.count == 2)
        #expect {
            try fixture.service.addExpression(className: "SMS_TaskSequence_RebootAction", properties: [], stepID: restart, packageID: package, parentID: nil, for: fixture.root)
        } throws: { error in
            (error as? ProviderError)?.argumentName == "class_name"
        }
        #expect(throws: ProviderError.validationFailed(property: "OperatorType", rule: "'xor' is not one of and, or, not")) {
            try fixture.service.addOperator("xor", stepID: restart, packageID: package, parentID: nil, for: fixture.root)
        }
        try fixture.service.updateOperand(a, stepID: restart, packageID: package, properties: [("Operator", "notExists"), ("Variable", "A")], for: fixture.root)
        try fixture.service.deleteOperand(not, stepID: restart, packageID: package, for: fixture.root)
        #expect(throws: ProviderError.notFound(object: ObjectReference.operand(packageID: package, stepID: restart, operandID: a).relativePath)) {
            try fixture.service.operand(a, stepID: restart, packageID: package, for: fixture.root)
        }
        #expect(try fixture.service.condition(stepID: restart, packageID: package, for: fixture.root)?.operandIDs == [])
        try fixture.service.clearCondition(stepID: restart, packageID: package, for: fixture.root)
        #expect(try fixture.service.condition(stepID: restart, packageID: package, for: fixture.root) == nil)
        try fixture.service.deleteStep(restart, packageID: package, for: fixture.root)
        #expect(try fixture.service.topLevelStepIDs(packageID: package, for: fixture.root).isEmpty)
        #expect(throws: ProviderError.notFound(object: ObjectReference.step(packageID: package, stepID: restart).relativePath)) {
            try fixture.service.step(restart, packageID: package, for: fixture.root)
        }
    }

    @Test func packagePropertiesAreWritableOnlyWhereWMIAllowsIt() throws {
        let fixture = try ServiceFixture()
        var properties = PackageProperties()
        properties.name = "Deploy"
        let id = try fixture.service.createPackage(properties, for: fixture.root)
        let changed = try fixture.service.updatePackage(id, for: fixture.root) { $0.description = "new"; $0.duration = 30 }
        #expect(changed == ["Description", "Duration"])
        #expect(throws: ProviderError.readOnly(property: "SourceVersion (writable: \((PackageProperty.ownFields.map(\.rawValue) + ProviderService.writableExtendedProperties.map(\.name)).joined(separator: ", ")))")) { try fixture.service.updatePackage(id, for: fixture.root) { $0.sourceVersion = 99 } }
        #expect {
            try fixture.service.updatePackage(id, for: fixture.root) { $0.bootImageID = "nope" }
        } throws: { error in
            if case ProviderError.validationFailed(let property, _) = error { property == "BootImageID" } else { false }
        }
        let read = try fixture.service.package(id, for: fixture.root)
        #expect(read.description == "new" && read.sourceVersion == 2)
        try fixture.service.deletePackage(id, for: fixture.root)
        #expect(throws: ProviderError.notFound(object: ObjectReference.package(id).relativePath)) { try fixture.service.package(id, for: fixture.root) }
        let revisions = try fixture.service.store.read { try RevisionRow.fetchAll($0, packageID: id) }
        #expect(revisions.map(\.change) == ["create", "set Description,Duration", "delete"])
        #expect(revisions.allSatisfy { $0.userName == "root" && $0.uid == 0 })
    }
}
