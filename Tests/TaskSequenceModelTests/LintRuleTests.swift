import Foundation
import Testing
@testable import TaskSequenceModel

/// Each lint rule on a small sequence built for it: what it finds, what it leaves alone.
@Suite struct LintRuleTests {
    private static let commandLine = "SMS_TaskSequence_RunCommandLineAction"

    private func command(_ line: String, name: String = "Step") -> Step {
        Build.action(Self.commandLine, name: name, [("CommandLine", line)])
    }

    private func codes(_ sequence: TaskSequence, _ options: LintOptions = LintOptions()) -> [LintCode] {
        sequence.lint(options: options).map(\.code)
    }

    private func findings(_ sequence: TaskSequence, _ code: LintCode, _ options: LintOptions = LintOptions()) -> [LintFinding] {
        sequence.lint(options: options).filter { $0.code == code }
    }

    @Test func danglingReferencesNeedAPackageLookup() {
        let step = Build.action("SMS_TaskSequence_DownloadPackageContentAction", name: "Get drivers", [("DownloadPackages", "PS100001,PS100002")])
        let sequence = Build.sequence(step)
        // Offline: not checked.
        #expect(findings(sequence, .danglingPackageReference).isEmpty)
        let options = LintOptions(packageExists: { $0.uppercased() == "PS100001" }, stepIDs: [StepPath().appending(.step, at: 0): 42])
        let found = findings(sequence, .danglingPackageReference, options)
        #expect(found.count == 1)
        #expect(found.first?.severity == .error)
        #expect(found.first?.step == LintStepLocation(path: StepPath().appending(.step, at: 0), name: "Get drivers", stepID: 42))
        #expect(found.first?.message == "package PS100002 does not exist at this site; import it or point the step at an existing package")
    }

    @Test(arguments: [
        ("net use Z: \\\\srv\\share Secr3t /user:CORP\\svc", "net use … /user:"),
        ("tool.exe /password:Secr3t", "/password:"),
        ("powershell.exe -File x.ps1 -Password \"P@ss word\"", "-Password"),
        ("msbuild app.proj /p:Hunter2", "/p:"),
        ("sqlcmd -Q x -C \"Server=db;User=sa;Password=abc\"", "password="),
        ("setup.exe /AdminPassword=abc", "/AdminPassword="),
    ])
    func clearTextPasswordsInCommandLines(line: String, form: String) {
        let found = findings(Build.sequence(command(line)), .clearTextSecretInCommand)
        #expect(found.count == 1, "\(line)")
        #expect(found.first?.message.contains("after \(form);") == true, "\(found.first?.message ?? "")")
        // The value itself is never repeated.
        #expect(found.first?.message.contains("Secr3t") == false)
    }

    @Test(arguments: [
        "net use Z: \\\\srv\\share %NetPassword% /user:CORP\\svc",
        "net use Z: \\\\srv\\share * /user:CORP\\svc",
        "net use Z: \\\\srv\\share /user:CORP\\svc",
        "tool.exe /password:%AdminPwd%",
        "powershell.exe -File x.ps1 -Password $env:PW",
        "powershell.exe -Command \"Set-X -Password (Get-Secret)\"",
        "cmd /c echo the password is set elsewhere",
        "powershell.exe -File x.ps1 -NoPassword -Force",
    ])
    func referencesAndPromptsAreNotClearText(line: String) {
        #expect(findings(Build.sequence(command(line)), .clearTextSecretInCommand).isEmpty, "\(line)")
    }

    @Test func passwordsInEmbeddedScriptsAreFoundByLine() {
        // "x\n-Password abc" in UTF-16LE with a byte-order mark, base64, as the console stores it.
        let script = "# set\r\nSet-Bios -Password abc"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in script.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let step = Build.action("SMS_TaskSequence_RunPowerShellScriptAction", name: "Bios", [("SourceScript", Self.base64(bytes)), ("ExecutionPolicy", "Bypass")])
        let found = findings(Build.sequence(step), .clearTextSecretInCommand)
        #expect(found.map(\.message) == ["SourceScript line 2 passes a password in clear text after -Password; put it in a hidden variable and pass %Variable%, or use the step's Run as account"])
    }

    @Test func passwordVariablesSetInClear() {
        let clear = Build.action("SMS_TaskSequence_SetVariableAction", name: "Set pw", [("VariableName", "BiosPassword"), ("VariableValue", "abc")])
        let hidden = Build.action("SMS_TaskSequence_SetVariableAction", name: "Set pw hidden",
                                  [("VariableName", "BiosPassword"), ("VariableValue", "abc"), ("DoNotShowVariableValue", "true")])
        let reference = Build.action("SMS_TaskSequence_SetVariableAction", name: "Copy pw", [("VariableName", "BiosPassword"), ("VariableValue", "%Other%")])
        let notSecret = Build.action("SMS_TaskSequence_SetVariableAction", name: "Set x", [("VariableName", "Theme"), ("VariableValue", "dark")])
        var custom = Step.action(className: "Contoso_BiosAction", name: "Custom", variables: [
            Variable(name: "ContosoBiosPwd", value: "abc"), Variable(name: "ContosoRandomPassword", value: "false"),
            Variable(name: "ContosoHiddenPassword", value: "abc", hidden: true),
        ])
        custom.description = ""
        var sequence = Build.sequence(clear, hidden, reference, notSecret, custom)
        sequence.children.insert(.variables(VariableList(kind: .globals, variables: [Variable(name: "DomainJoinPassword", value: "abc")])), at: 0)
        let found = findings(sequence, .unmaskedPasswordVariable)
        #expect(found.map(\.message) == [
            "global variable DomainJoinPassword holds a password in clear; set it as a hidden collection variable instead",
            "sets BiosPassword in clear; tick \"Do not display this value\" so the value is stored as a secret",
            "step variable ContosoBiosPwd holds a password in clear; mark it hidden or pass it through a secret variable",
        ])
        #expect(found.first?.severity == .warning)
    }

    @Test func dynamicVariableRulesSettingPasswordsInClear() {
        let rules = "<Rules><Rule><Variables><Variable Name=\"AdminPassword\" IsSecret=\"false\">abc</Variable>"
            + "<Variable Name=\"JoinPassword\" IsSecret=\"true\"></Variable><Variable Name=\"Site\" IsSecret=\"false\">X</Variable></Variables></Rule></Rules>"
        let step = Build.action("SMS_TaskSequence_SetDynamicVariablesAction", name: "Dynamic", [("Rules", rules)])
        #expect(findings(Build.sequence(step), .unmaskedPasswordVariable).map(\.message) == ["a dynamic variable rule sets AdminPassword in clear; mark it secret"])
    }

    @Test func conditionVariablesNothingSets() {
        let sets = Build.action("SMS_TaskSequence_SetVariableAction", name: "Set role", [("VariableName", "DeviceRole"), ("VariableValue", "Kiosk")])
        let typo = Build.conditioned([Build.variableTest("DeviceRoel", "equals", "Kiosk")])
        let builtIn = Build.conditioned([Build.variableTest("_SMSTSInWinPE", "equals", "true")])
        let fromSet = Build.conditioned([Build.variableTest("devicerole", "equals", "Kiosk")])
        let collection = Build.conditioned([Build.variableTest("CollectionOnly", "exists")])
        let typoOfBuiltIn = Build.conditioned([Build.variableTest("_SMSTSInWinPEE", "equals", "true")])
        let sequence = Build.sequence(sets, typo, builtIn, fromSet, collection, typoOfBuiltIn)
        let found = sequence.lint().filter { $0.code == .conditionVariableTypo || $0.code == .conditionVariableUnset }
        #expect(found.map(\.code) == [.conditionVariableTypo, .conditionVariableUnset, .conditionVariableTypo])
        #expect(found.first?.message == "the condition tests DeviceRoel, which nothing sets; did you mean DeviceRole?")
        #expect(found.last?.message == "the condition tests _SMSTSInWinPEE, which nothing sets; did you mean _SMSTSInWinPE?")
        // A collection variable the caller names is known.
        #expect(findings(sequence, .conditionVariableUnset, LintOptions(extraKnownVariables: ["collectiononly"])).isEmpty)
    }

    @Test func variablesSetByScriptsAndNumberedDownloadsAreKnown() {
        let script = command("powershell.exe -Command \"$tsenv = New-Object -COMObject Microsoft.SMS.TSEnvironment; $tsenv.Value('FromScript') = 1\"")
        let download = Build.action("SMS_TaskSequence_DownloadPackageContentAction", name: "Get", [("DownloadPackages", "PS100001"), ("DestinationVariable", "DRIVERS")])
        let tests = Build.conditioned([Build.variableTest("FromScript", "exists"), Build.variableTest("DRIVERS01", "exists")])
        #expect(!codes(Build.sequence(script, download, tests)).contains(.conditionVariableUnset))
        #expect(!codes(Build.sequence(script, download, tests)).contains(.conditionVariableTypo))
        // Numbered siblings are not typos of each other.
        #expect(NameDistance.nearest(to: "DRIVERS02", among: ["DRIVERS01"]) == nil)
    }

    @Test func conditionsThatCanNeverBeTrue() {
        let cases: [([ConditionOperand], String?)] = [
            ([Build.variableTest("X", "equals", "a"), Build.variableTest("X", "equals", "b")], "X equals \"a\" AND X equals \"b\""),
            ([Build.variableTest("X", "equals", "a"), Build.variableTest("x", "Equals", "A")], nil),
            ([Build.variableTest("X", "equals", "a"), Build.variableTest("X", "notEquals", "A")], "X equals \"a\" AND X notEquals \"A\""),
            ([Build.variableTest("X", "notExists"), Build.variableTest("X", "equals", "1")], "X notExists AND X equals \"1\""),
            ([Build.variableTest("N", "greater", "5"), Build.variableTest("N", "less", "3")], "N greater \"5\" AND N less \"3\""),
            ([Build.variableTest("N", "greaterEqual", "5"), Build.variableTest("N", "lessEqual", "5")], nil),
            ([.operator(ConditionOperator("and", [Build.variableTest("X", "exists"), .operator(ConditionOperator("not", [Build.variableTest("X", "exists")]))]))],
             "X exists AND NOT(X exists)"),
            ([.operator(ConditionOperator("or", [Build.variableTest("X", "equals", "a"), Build.variableTest("X", "equals", "b")]))], nil),
            ([Build.variableTest("X", "equals", "a"), Build.variableTest("Y", "equals", "b")], nil),
        ]
        for (operands, contradiction) in cases {
            let found = findings(Build.sequence(Build.conditioned(operands)), .conditionNeverTrue)
            if let contradiction {
                #expect(found.map(\.message) == ["the condition can never be true (\(contradiction)), so the step never runs; fix the values or remove the condition"])
            } else {
                #expect(found.isEmpty, "\(Condition(operands: operands).text)")
            }
        }
    }

    @Test func disabledStepsEmptyGroupsAndDuplicateNames() {
        var disabled = command("cmd /c exit 0", name: "Old step")
        disabled.isEnabled = false
        let sequence = Build.sequence(
            Step.group(name: "Empty"),
            Step.group(name: "Apps", steps: [command("a", name: "Install"), command("b", name: "install"), disabled]),
            command("c", name: "Install")
        )
        let found = sequence.lint().filter { [.disabledStep, .emptyGroup, .duplicateSiblingName].contains($0.code) }
        #expect(found.map(\.description) == [
            "info TS402 empty-group group[1] \"Empty\": the group holds no steps; add steps or delete it",
            "info TS403 duplicate-sibling-name group[2]/step[2] \"install\": another step of the same group is also named \"Install\" (position 1); give each a name that says what it does",
            "info TS401 disabled-step group[2]/step[3] \"Old step\": the step is disabled and will not run; enable it or delete it",
        ])
    }

    @Test func sizeBudgets() {
        let sequence = Build.sequence(command("x"))
        #expect(findings(sequence, .storedSequenceSize, LintOptions(storedSequenceBytes: PolicySize.storedSequenceBudget)).isEmpty)
        let stored = findings(sequence, .storedSequenceSize, LintOptions(storedSequenceBytes: 3_000_000))
        #expect(stored.map(\.message) == ["the sequence is 2.9 MB (3000000 bytes) as stored, over the 2 MB ConfigMgr warns at; move large scripts into packages"])
        let policy = findings(sequence, .policySize, LintOptions(policyBytes: 40 * 1_048_576))
        #expect(policy.first?.severity == .error)
        #expect(policy.first?.step == nil)
        #expect(PolicySize.estimatedPolicyBytes(forSequenceXML: "<a b=\"&\"/>") == 4 + 1 + 1 + 1 + 1 + 6 + 5 + 6 + 1 + 4)
    }

    @Test func importWarningsAndErrorsAreFindings() {
        let badTimeout = Build.action(Self.commandLine, name: "T", [("CommandLine", "x")], attributes: [("timeout", "soon")])
        let badVariable = Build.action("SMS_TaskSequence_SetVariableAction", name: "V", [("VariableName", "2Start"), ("VariableValue", "1")])
        let found = Build.sequence(badTimeout, badVariable).lint().filter { $0.code == .importError || $0.code == .importWarning }
        #expect(found.map(\.description) == [
            "error TS902 import-error step[1] \"T\": Timeout: 'soon' is not a number of seconds (uint32)",
            "warning TS901 import-warning step[2] \"V\": VariableName: variable name '2Start' does not start with a letter",
        ])
    }

    @Test func everyCodeHasANameAndTheSeverityItDocuments() {
        #expect(Set(LintCode.allCases.map(\.name)).count == LintCode.allCases.count)
        #expect(LintCode.allCases.allSatisfy { $0.rawValue.count == 5 && $0.rawValue.hasPrefix("TS") })
        #expect(LintCode.allCases.filter { $0.severity == .error } == [.danglingPackageReference, .clearTextSecretInCommand, .policySize, .importError])
    }

    /// The JSON `tsctl lint --json` prints reads back; a code this version does not know keeps
    /// the code, rule and severity it was reported with.
    @Test func findingsReadBackFromTheirJSONUnknownCodesIncluded() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let known = LintFinding(
            code: .disabledStep, step: LintStepLocation(path: try #require(StepPath(parsing: "group[2]/step[1]")), name: "Off", stepID: 7),
            message: "the step is disabled")
        let json = String(decoding: try encoder.encode(known), as: UTF8.self)
        #expect(json == #"{"Code":"TS401","Message":"the step is disabled","Name":"Off","Path":"group[2]\/step[1]","Rule":"disabled-step","Severity":"info","StepID":7}"#)
        #expect(try JSONDecoder().decode(LintFinding.self, from: Data(json.utf8)) == known)

        let newer = #"{"Code":"TS601","Message":"m","Name":null,"Path":null,"Rule":"future-rule","Severity":"error","StepID":null}"#
        let finding = try JSONDecoder().decode(LintFinding.self, from: Data(newer.utf8))
        #expect(finding.code == .unknown(code: "TS601", rule: "future-rule"))
        #expect(finding.isError && finding.step == nil)
        #expect(finding.description == "error TS601 future-rule: m")
        #expect(String(decoding: try encoder.encode(finding), as: UTF8.self) == newer)
    }

    @Test func stepPathsReadBackFromTheirText() {
        #expect(StepPath(parsing: "group[2]/subtasksequence[3]")?.description == "group[2]/subtasksequence[3]")
        #expect(StepPath(parsing: "")?.components.isEmpty == true)
        for bad in ["group[0]", "group[2]/", "groups[1]", "step[x]", "step[1"] { #expect(StepPath(parsing: bad) == nil, "\(bad)") }
    }

    private static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var text = ""
        var index = 0
        while index < bytes.count {
            let chunk = Array(bytes[index..<min(index + 3, bytes.count)])
            let value = chunk.enumerated().reduce(0) { $0 | (Int($1.element) << (16 - 8 * $1.offset)) }
            for position in 0..<4 {
                text.append(position <= chunk.count ? alphabet[(value >> (18 - 6 * position)) & 63] : "=")
            }
            index += 3
        }
        return text
    }
}
