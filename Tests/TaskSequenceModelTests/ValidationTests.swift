import Testing
@testable import TaskSequenceModel

/// Builders for hand-made sequences as ConfigMgr writes them.
enum Build {
    static func action(_ className: String, name: String = "Step", _ settings: [(String, String)] = [], attributes: [(String, String)] = []) -> Step {
        var step = Step.action(
            className: className, name: name,
            variables: settings.map { property, value in
                let variableName = ActionCatalog.builtIn.property(property, of: className)?.variableName ?? property
                return Variable(name: variableName, property: property, value: value)
            }
        )
        for (attribute, value) in attributes { step.attributes[attribute] = value }
        return step
    }

    static func expression(_ className: String, _ properties: KeyValuePairs<String, String>) -> ConditionOperand {
        .expression(ConditionExpression(className: className, properties: properties))
    }

    static func variableTest(_ variable: String, _ op: String, _ value: String = "") -> ConditionOperand {
        expression(ConditionClass.variable, ["Operator": op, "Value": value, "Variable": variable])
    }

    static func conditioned(_ operands: [ConditionOperand]) -> Step {
        var step = action("SMS_TaskSequence_RunCommandLineAction", [("CommandLine", "cmd /c exit 0")])
        step.condition = Condition(operands: operands)
        return step
    }

    static func sequence(_ steps: Step...) -> TaskSequence {
        TaskSequence(schemaVersion: "3.10", steps: steps)
    }
}

@Suite struct ValidationTests {
    private func issues(_ step: Step) -> [ValidationIssue] { Build.sequence(step).validate() }

    private func rules(_ step: Step, severity: ValidationIssue.Severity = .error) -> [ValidationRule] {
        issues(step).filter { $0.severity == severity }.map(\.rule)
    }

    // MARK: Common step properties

    @Test func nameMustBeOneToOneHundredCharacters() throws {
        let ok = Build.action("SMS_TaskSequence_RebootAction", name: String(repeating: "n", count: 100), [("Target", "HD")])
        #expect(issues(ok).isEmpty)

        let tooLong = Build.action("SMS_TaskSequence_RebootAction", name: String(repeating: "n", count: 120), [("Target", "HD")])
        let issue = try #require(issues(tooLong).first)
        #expect(issue.severity == .error)
        #expect(issue.rule == .allowedLength)
        #expect(issue.property == "Name")
        #expect(issue.message == "Name: length 120 exceeds AllowedLen 1-100")
        #expect(issue.location.step?.description == "step[1]")

        var empty = Step.group(name: "")
        empty.name = ""
        #expect(issues(empty).map(\.message) == ["Name: is empty; AllowedLen 1-100"])
    }

    @Test func descriptionIsAtMostTwoHundredFiftyFiveCharacters() {
        #expect(issues(.group(name: "G", description: String(repeating: "d", count: 255))).isEmpty)
        let issue = issues(.group(name: "G", description: String(repeating: "d", count: 256))).first
        #expect(issue?.message == "Description: length 256 exceeds AllowedLen 0-255")
        #expect(issue?.severity == .error)
    }

    @Test func supportedEnvironmentIsOneOfThreeValues() {
        for value in ["WinPE", "FullOS", "WinPEandFullOS", "winpe"] {
            #expect(issues(Build.action("SMS_TaskSequence_RebootAction", [("Target", "HD")], attributes: [("runIn", value)])).isEmpty)
        }
        let bad = issues(Build.action("SMS_TaskSequence_RebootAction", [("Target", "HD")], attributes: [("runIn", "Windows")]))
        #expect(bad.map(\.rule) == [.supportedEnvironment])
        #expect(bad.first?.message == "SupportedEnvironment: 'Windows' is not WinPE, FullOS or WinPEandFullOS")
    }

    @Test func timeoutIsANumberOfSeconds() {
        let reboot = { (timeout: String) in Build.action("SMS_TaskSequence_RebootAction", [("Target", "HD")], attributes: [("timeout", timeout)]) }
        #expect(issues(reboot("900")).isEmpty)
        #expect(rules(reboot("15m")) == [.timeout])
        #expect(rules(reboot("-1")) == [.timeout])
        #expect(rules(reboot("60000"), severity: .warning) == [.timeout])
    }

    // MARK: Variables

    @Test func setVariableNamesFollowTheVariableRules() {
        let setVariable = { (name: String) in
            Build.action("SMS_TaskSequence_SetVariableAction", [("VariableName", name), ("VariableValue", "x")])
        }
        #expect(issues(setVariable("OSDComputerName")).isEmpty)
        #expect(issues(setVariable("My-Var_2")).isEmpty)

        let spaced = issues(setVariable("My Var"))
        #expect(spaced.map(\.rule) == [.variableName])
        #expect(spaced.first?.severity == .error)
        #expect(spaced.first?.message == "VariableName: variable name 'My Var' contains ' '; only letters, digits, '_' and '-' are allowed")

        // Documented as invalid, but real sequences do both and the product accepts them.
        #expect(rules(setVariable("_SMSTSOrgName"), severity: .warning) == [.variableName])
        #expect(rules(setVariable("2PintTurboLicense"), severity: .warning) == [.variableName])
        #expect(rules(setVariable("_SMSTSOrgName")).isEmpty)

        let long = issues(setVariable(String(repeating: "v", count: 257))).map(\.rule)
        #expect(long == [.allowedLength, .variableName])
    }

    @Test func variableNameRules() {
        #expect(VariableNameRules.isValid("OSDComputerName"))
        #expect(VariableNameRules.isValid("  Padded  "))
        #expect(VariableNameRules.violations(in: "", forWriting: true) == [.empty])
        #expect(VariableNameRules.violations(in: "a.b", forWriting: false) == [.invalidCharacter(".")])
        #expect(VariableNameRules.violations(in: "_SMSTSInWinPE", forWriting: false).isEmpty)
        #expect(VariableNameRules.violations(in: "_SMSTSInWinPE", forWriting: true) == [.readOnly])
        #expect(VariableNameRules.violations(in: "Ünïcode", forWriting: true).contains(.invalidCharacter("Ü")))
    }

    @Test func variableValuesAreLimitedToFourThousandCharacters() {
        let setVariable = { (length: Int) in
            Build.action("SMS_TaskSequence_SetVariableAction", [("VariableName", "Big"), ("VariableValue", String(repeating: "v", count: length))])
        }
        #expect(issues(setVariable(4000)).isEmpty)
        // AllowedLen is 0-4001: the provider takes 4,001, the documented limit is 4,000.
        #expect(rules(setVariable(4001), severity: .warning) == [.variableValueLength])
        #expect(rules(setVariable(4001)).isEmpty)
        #expect(rules(setVariable(4002)) == [.allowedLength])
    }

    @Test func globalVariablesFollowTheSameRules() {
        let sequence = { (name: String, value: String) in
            TaskSequence(attributes: ["version": "3.00"], children: [
                .variables(VariableList(kind: .globals, variables: [Variable(name: name, property: name, value: value)])),
            ])
        }
        #expect(sequence("OSGUID", "{x}").validate().isEmpty)
        let badName = sequence("OS GUID", "{x}").validate()
        #expect(badName.map(\.rule) == [.variableName])
        #expect(badName.first?.location.description == "globalVarList")
        #expect(sequence("Long", String(repeating: "v", count: 4001)).validate().errors.map(\.rule) == [.variableValueLength])
    }

    // MARK: Per-action rules

    @Test func notNullPropertiesMustBePresentUnlessTheyHaveADefault() {
        let complete = Build.action("SMS_TaskSequence_RunCommandLineAction", [("CommandLine", "cmd /c exit 0")])
        #expect(issues(complete).isEmpty)  // SuccessCodes and DisableWow64Redirection have defaults

        let missing = issues(Build.action("SMS_TaskSequence_RunCommandLineAction", [("PackageID", "PS100001")]))
        #expect(missing.map(\.message) == ["CommandLine: missing; required (Not_Null)"])
        #expect(missing.first?.rule == .notNull)
    }

    @Test func applyOperatingSystemNeedsAnImageOrAnInstallPackage() {
        let image = Build.action("SMS_TaskSequence_ApplyOperatingSystemAction", [("ImagePackageID", "PS100002"), ("ImageIndex", "1")])
        #expect(issues(image).isEmpty)
        let setup = Build.action("SMS_TaskSequence_ApplyOperatingSystemAction", [("InstallPackageID", "PS100003")])
        #expect(issues(setup).isEmpty)  // InstallEditionIndex defaults to 0

        let neither = issues(Build.action("SMS_TaskSequence_ApplyOperatingSystemAction", [("RunFromNet", "false")]))
        #expect(neither.map(\.message) == ["ImagePackageID: missing; required when InstallPackageID is not set (RequiredIfNull)"])

        let noIndex = issues(Build.action("SMS_TaskSequence_ApplyOperatingSystemAction", [("ImagePackageID", "PS100002")]))
        #expect(noIndex.map(\.rule) == [.requiredIfNotNull])
        #expect(noIndex.first?.property == "ImageIndex")
    }

    @Test func installPackageNeedsPackageAndProgramOrABaseVariable() {
        let program = Build.action("SMS_TaskSequence_InstallSoftwareAction", [("PackageID", "PS100004"), ("ProgramName", "Install")])
        #expect(issues(program).isEmpty)
        let list = Build.action("SMS_TaskSequence_InstallSoftwareAction", [("BaseVariableName", "PACKAGES"), ("ContinueOnInstallError", "false")])
        #expect(issues(list).isEmpty)

        let noProgram = issues(Build.action("SMS_TaskSequence_InstallSoftwareAction", [("PackageID", "PS100004")]))
        #expect(noProgram.map(\.message) == ["ProgramName: missing; required when PackageID is set (RequiredIfNotNull)"])
        let nothing = issues(Build.action("SMS_TaskSequence_InstallSoftwareAction"))
        #expect(nothing.map(\.rule) == [.requiredIfNull])
        #expect(nothing.first?.property == "BaseVariableName")
    }

    @Test func allowedLengthValueRangeAndValueMapOnSettings() {
        let runCommand = { (directory: String) in
            Build.action("SMS_TaskSequence_RunCommandLineAction", [("CommandLine", "x"), ("WorkingDirectory", directory)])
        }
        #expect(issues(runCommand(String(repeating: "d", count: 255))).isEmpty)
        #expect(issues(runCommand(String(repeating: "d", count: 256))).map(\.message)
            == ["WorkingDirectory: length 256 exceeds AllowedLen 0-255"])

        let applyOS = { (disk: String) in
            Build.action("SMS_TaskSequence_ApplyOperatingSystemAction",
                         [("ImagePackageID", "PS100002"), ("ImageIndex", "1"), ("DestinationDisk", disk), ("DestinationPartition", "1")])
        }
        #expect(issues(applyOS("99")).isEmpty)
        #expect(issues(applyOS("100")).map(\.message) == ["DestinationDisk: 100 is outside ValueRange 0-99"])

        let powerShell = { (policy: String) in
            Build.action("SMS_TaskSequence_RunPowerShellScriptAction", [("SourceScript", "x"), ("Parameters", ""), ("ExecutionPolicy", policy)])
        }
        #expect(issues(powerShell("bypass")).isEmpty)
        let badPolicy = issues(powerShell("Anything"))
        #expect(badPolicy.map(\.rule) == [.valueMap])
        #expect(badPolicy.first?.message.hasPrefix("ExecutionPolicy: 'Anything' is not in ValueMap {Restricted") == true)
    }

    @Test func documentedValuesTypesAndSuccessCodes() {
        #expect(rules(Build.action("SMS_TaskSequence_RebootAction", [("Target", "Floppy")]), severity: .warning) == [.documentedValue])
        #expect(issues(Build.action("SMS_TaskSequence_RebootAction", [("Target", "winpe")])).isEmpty)

        let boolean = issues(Build.action("SMS_TaskSequence_RunCommandLineAction", [("CommandLine", "x"), ("DisableWow64Redirection", "yes")]))
        #expect(boolean.map(\.message) == ["DisableWow64Redirection: 'yes' is not a boolean (true or false)"])
        #expect(issues(Build.action("SMS_TaskSequence_RunCommandLineAction", [("CommandLine", "x"), ("DisableWow64Redirection", "True")])).isEmpty)
        #expect(rules(Build.action("SMS_TaskSequence_RebootAction", [("Target", "HD"), ("MessageTimeout", "-1")])) == [.valueType])
        #expect(issues(Build.action("SMS_TaskSequence_RebootAction", [("Target", "HD"), ("MessageTimeout", "%Timeout%")])).isEmpty)

        let codes = { (codes: String) in Build.action("SMS_TaskSequence_RunCommandLineAction", [("CommandLine", "x"), ("SuccessCodes", codes)]) }
        #expect(issues(codes("0 3010 -1")).isEmpty)
        #expect(rules(codes("0 ok"), severity: .warning) == [.successCodes])
    }

    @Test func flattenedArrayMembersAreChecked() {
        let partition = { (type: String, count: String) in
            Build.action("SMS_TaskSequence_PartitionDiskAction", [
                ("DiskIndex", "0"), ("PartitionStyle", "GPT"), ("Partitions", count),
                ("Partitions0Type", type), ("Partitions0Bootable", "true"), ("Partitions0QuickFormat", "true"),
            ])
        }
        #expect(issues(partition("EFI", "1")).isEmpty)
        #expect(rules(partition("Swap", "1"), severity: .warning) == [.documentedValue])
        #expect(rules(partition("EFI", "one")) == [.valueType])
        #expect(issues(Build.action("SMS_TaskSequence_PartitionDiskAction", [("DiskIndex", "0"), ("PartitionStyle", "MBR")])).map(\.message)
            == ["Partitions: missing; required (Not_Null)"])
    }

    // MARK: What real files do

    @Test func unknownThingsAreWarningsOrNotes() {
        let unknownProperty = Build.action("SMS_TaskSequence_RebootAction", [("Target", "HD"), ("Frobnicate", "1")])
        #expect(issues(unknownProperty).map(\.severity) == [.warning])
        #expect(issues(unknownProperty).map(\.message) == ["Frobnicate: not a property of SMS_TaskSequence_RebootAction"])

        let custom = Build.action("Contoso_CustomAction", [("Anything", "x")])
        #expect(issues(custom).map(\.rule) == [.unknownClass])
        #expect(issues(custom).map(\.severity) == [.warning])

        let mdt = Build.action("BDD_Gather", [("GatherLocalOnly", "true")])
        #expect(issues(mdt).map(\.severity) == [.note])
        let untyped = Step(kind: .step, attributes: ["name": "Next Phase", "disable": "false"])
        #expect(issues(untyped).map(\.rule) == [.mdtStep])

        let child = Step(kind: .subTaskSequence, attributes: ["name": "Child"])
        #expect(issues(child).isEmpty)

        let abstract = Build.action(StepClass.action)
        #expect(issues(abstract).map(\.rule) == [.notAnAction])
    }

    @Test func stepsWrittenByMDTGetNotesNotErrors() {
        // MDT's Run Command Line keeps the command in <action> only.
        let mdt = Build.action("SMS_TaskSequence_RunCommandLineAction", [("LoadProfile", "false")],
                               attributes: [("disable", "false"), ("continueOnError", "false")])
        #expect(mdt.looksWrittenByMDT)
        #expect(issues(mdt).isEmpty)
        var script = Build.action("SMS_TaskSequence_RebootAction", [("Target", "Somewhere")])
        script.actionCommandLine = "cscript.exe \"%SCRIPTROOT%\\ZTIReboot.wsf\""
        #expect(issues(script).map(\.severity) == [.note])
        // The same step written by ConfigMgr is checked fully.
        #expect(issues(Build.action("SMS_TaskSequence_RunCommandLineAction", [("LoadProfile", "false")])).map(\.rule) == [.notNull])
    }

    @Test func schemaVersionIsThreeZeroOrThreeTen() {
        #expect(TaskSequence(schemaVersion: "3.00").validate().isEmpty)
        #expect(TaskSequence(schemaVersion: "4.0").validate().map(\.rule) == [.schemaVersion])
    }

    @Test func locationsNameTheStepAndTheOperand() throws {
        var step = Build.action("SMS_TaskSequence_RebootAction", name: "Restart", [("Target", "HD")])
        step.condition = Condition(operands: [
            Build.variableTest("A", "equals", "1"),
            .operator(ConditionOperator("or", [Build.variableTest("B", "equals"), Build.variableTest("C", "nonExists")])),
        ])
        let sequence = Build.sequence(.group(name: "First"), .group(name: "Second", steps: [.group(name: "Inner"), .group(name: "x"), step]))
        let issue = try #require(sequence.validate().first)
        #expect(issue.description
            == "group[2]/step[3] \"Restart\" condition/operator[2]/expression[2]: error: Operator: 'nonExists' is not in ValueMap "
            + "{exists, notExists, equals, notEquals, less, lessEqual, greater, greaterEqual, like, notLike}")
        #expect(issue.rule == .operatorVocabulary)
        #expect(issue.location.step?.indices == [1, 2])
        #expect(issue.location.operand?.components.map(\.index) == [1, 1])
    }

    @Test func stepsAndConditionsValidateOnTheirOwn() {
        let group = Step.group(name: "G", steps: [Build.action("SMS_TaskSequence_RebootAction", name: "", [("Target", "HD")])])
        let issues = group.validate()
        #expect(issues.map(\.location.description) == ["group[1]/step[1] \"\""])
        #expect(Condition(operands: [Build.variableTest("X", "sometimes")]).validate().map(\.rule) == [.operatorVocabulary])
    }

    @Test func failureCarriesEveryIssueErrorsFirst() {
        let sequence = Build.sequence(
            Build.action("SMS_TaskSequence_SetVariableAction", [("VariableName", "_Hidden"), ("VariableValue", "x")]),
            Build.action("SMS_TaskSequence_RebootAction", name: "", [("Target", "HD")]),
            Build.action("SMS_TaskSequence_RunCommandLineAction")
        )
        let issues = sequence.validate()
        #expect(issues.containsErrors)
        let failure = ValidationFailure(issues)
        #expect(failure.issues.first?.severity == .error)
        #expect(failure.errors.count == 2)
        #expect(failure.description == "step[2] \"\": error: Name: is empty; AllowedLen 1-100 (and 1 more errors)")
        #expect(!Build.sequence(Build.action("SMS_TaskSequence_RebootAction", [("Target", "HD")])).validate().containsErrors)
    }
}
