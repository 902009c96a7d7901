import Testing
import TaskSequenceModel
import TaskSequenceXML

/// Rules real exports break are warnings on import and errors on an explicit edit; every error
/// is reported; spelling variants are kept and understood.
@Suite struct ImportStrengthTests {
    static let longDescription = String(repeating: "MDT templates explain their steps at length. ", count: 7)

    /// A sequence with a 300+ character description on a group and on a step, and a registry
    /// condition written `notExists`, as real MDT templates and current-branch exports have them.
    static let realWorldXML = """
        <sequence version="3.10">
          <group name="State Restore" description="\(longDescription)">
            <step type="SMS_TaskSequence_RunCommandLineAction" name="Run" description="\(longDescription)">
              <condition>
                <expression type="SMS_TaskSequence_RegistryConditionExpression">
                  <variable name="KeyPath">HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso</variable>
                  <variable name="Operator">notExists</variable>
                  <variable name="Value">Build</variable>
                </expression>
              </condition>
              <action>smsswd.exe /run: cmd /c exit 0</action>
              <defaultVarList><variable name="CommandLine" property="CommandLine">cmd /c exit 0</variable></defaultVarList>
            </step>
          </group>
        </sequence>
        """

    /// A disabled MDT Run Command Line step whose command is only in `<action>`, and the same
    /// step enabled.
    static func mdtCommandStep(disabled: Bool) -> String {
        """
        <sequence version="3.00" name="MDT" description="">
          <step type="SMS_TaskSequence_RunCommandLineAction" name="Apply patches" description="" \
        disable="\(disabled)" continueOnError="true" successCodeList="0 3010" startIn="" runIn="FullOS">
            <defaultVarList><variable name="PackageID" property="PackageID"></variable></defaultVarList>
            <action>cscript.exe "C:\\Patches\\Install.wsf"</action>
          </step>
        </sequence>
        """
    }

    private func reader() -> TaskSequenceReader { .importing() }

    @Test func aLongDescriptionIsAWarningOnImportAndAnErrorOnAnEdit() throws {
        let checked = try reader().checkedSequence(fromXML: Self.realWorldXML)
        let descriptions = checked.warnings.filter { $0.property == "Description" }
        #expect(descriptions.map(\.rule) == [.allowedLength, .allowedLength])
        #expect(descriptions.map(\.location.description) == [#"group[1] "State Restore""#, #"group[1]/step[1] "Run""#])
        #expect(descriptions.first?.detail == "length \(Self.longDescription.count) exceeds AllowedLen 0-255")
        // The description is kept as written.
        #expect(checked.sequence.steps.first?.description == Self.longDescription)

        // An explicit edit (AddStep validates the step as an edit) is refused.
        var step = Step.action(className: "SMS_TaskSequence_RunCommandLineAction", name: "Run",
                               variables: [Variable(name: "CommandLine", property: "CommandLine", value: "cmd /c exit 0")])
        step.description = Self.longDescription
        #expect(step.validate().errors.map(\.message) == ["Description: length \(Self.longDescription.count) exceeds AllowedLen 0-255"])
    }

    @Test func notExistsOnARegistryConditionIsKeptWithAWarningAndRefusedOnAnEdit() throws {
        let checked = try reader().checkedSequence(fromXML: Self.realWorldXML)
        let operators = checked.warnings.filter { $0.property == "Operator" }
        #expect(operators.map(\.message) == ["Operator: 'notExists' is a spelling of 'nonExists' that ConfigMgr exports write (kept as written)"])
        #expect(operators.first?.location.description == #"group[1]/step[1] "Run" condition/expression[1]"#)
        let written = try TaskSequenceWriter().sequenceXML(checked.sequence)
        #expect(written.contains("<variable name=\"Operator\">notExists</variable>"))

        // AddExpression validates the condition as an edit.
        let condition = Condition(operands: [.expression(ConditionExpression(
            className: ConditionClass.registry, properties: ["KeyPath": "HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso", "Operator": "notExists"]))])
        #expect(condition.validate().errors.map(\.rule) == [.operatorVocabulary])
        #expect(condition.validate(strength: .imported).errors.isEmpty)
    }

    @Test func aDisabledMDTRunCommandLineStepReadsItsCommandFromItsAction() throws {
        for disabled in [false, true] {
            let checked = try reader().checkedSequence(fromXML: Self.mdtCommandStep(disabled: disabled))
            #expect(checked.sequence.steps.count == 1)
            #expect(!checked.sequence.validate().containsErrors, "disabled: \(disabled)")
        }
        // Without a command anywhere, CommandLine is still missing.
        let empty = Self.mdtCommandStep(disabled: true).replacingOccurrences(of: #"<action>cscript.exe "C:\Patches\Install.wsf"</action>"#, with: "")
        #expect(throws: XMLCodecError.self) { try reader().checkedSequence(fromXML: empty) }
    }

    /// What refused `xml`, or `nil` when it was accepted.
    private func refusal(_ xml: String) -> ImportValidation? {
        let outcome = Result { () throws(XMLCodecError) in try reader().checkedSequence(fromXML: xml) }
        guard case .failure(let error) = outcome, case .invalidSequence(let found) = error else { return nil }
        return found
    }

    @Test func everyErrorIsReportedUpToAHundred() throws {
        let badStep = #"<step type="SMS_TaskSequence_RunCommandLineAction" name="" runIn="Nowhere"><defaultVarList><variable name="CommandLine" property="CommandLine">x</variable></defaultVarList></step>"#
        let three = refusal("<sequence version=\"3.10\">" + String(repeating: badStep, count: 3) + "</sequence>")
        #expect(three?.errors.map(\.listed) == (1...3).flatMap { index in
            [#"step[\#(index)] "": Name: is empty; AllowedLen 1-100"#,
             #"step[\#(index)] "": SupportedEnvironment: 'Nowhere' is not WinPE, FullOS or WinPEandFullOS"#]
        })
        #expect(three?.omittedErrors == 0)

        let many = refusal("<sequence version=\"3.10\">" + String(repeating: badStep, count: 60) + "</sequence>")
        #expect(many?.errors.count == 100)
        #expect(many?.omittedErrors == 20)
        #expect(many?.errorSummary.hasSuffix("; and 20 more errors") == true)
    }

    @Test func streamedAndWholeValidationAgree() throws {
        // A bare sequence is validated step by step as it streams; a container's sequence whole.
        let streamed = try reader().checkedSequence(fromXML: Self.realWorldXML)
        let whole = streamed.sequence.importValidation()
        #expect(streamed.warnings == whole.warnings)
    }
}

extension ImportStrengthTests {
    @Test func warningsPastAThousandAreCountedNotListed() throws {
        let step = #"<step type="SMS_TaskSequence_RunCommandLineAction" name="Run" description="\#(String(repeating: "w", count: 256))"><defaultVarList><variable name="CommandLine" property="CommandLine">x</variable></defaultVarList></step>"#
        let checked = try TaskSequenceReader.importing().checkedSequence(fromXML: "<sequence version=\"3.10\">" + String(repeating: step, count: 1_005) + "</sequence>")
        #expect(checked.sequence.steps.count == 1_005)
        #expect(checked.warnings.count == 1_000)
        #expect(checked.omittedWarnings == 5)
        #expect(checked.listedWarnings.count == 1_001)
        #expect(checked.listedWarnings.last == "and 5 more warnings")
    }
}
