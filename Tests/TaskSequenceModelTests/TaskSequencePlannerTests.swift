import Testing
@testable import TaskSequenceModel

/// Conditions and sequences written for these tests; each expectation follows from the engine's
/// rules by hand.
@Suite struct TaskSequencePlannerTests {
    static let runCommand = "SMS_TaskSequence_RunCommandLineAction"
    static let collection = PlanVariableSource.collection(id: "XYZ00010", name: "Lab")
    static let otherCollection = PlanVariableSource.collection(id: "XYZ00011", name: "Desks")
    static let computer = PlanVariableSource.computer(name: "PC1")

    static func step(_ name: String, when operands: [ConditionOperand] = [], continueOnError: Bool = false, enabled: Bool = true) -> Step {
        var step = Build.action(runCommand, name: name, [("CommandLine", "cmd /c exit 0")])
        if !operands.isEmpty { step.condition = Condition(operands: operands) }
        step.continueOnError = continueOnError
        step.isEnabled = enabled
        return step
    }

    static func group(_ name: String, when operands: [ConditionOperand] = [], continueOnError: Bool = false, enabled: Bool = true, _ steps: Step...) -> Step {
        var group = Step.group(name: name, steps: steps)
        if !operands.isEmpty { group.condition = Condition(operands: operands) }
        group.continueOnError = continueOnError
        group.isEnabled = enabled
        return group
    }

    static func setVariable(_ name: String, _ variable: String, _ value: String, when operands: [ConditionOperand] = [], hidden: Bool = false) -> Step {
        var settings = [("VariableName", variable), ("VariableValue", hidden ? "" : value)]
        if hidden { settings += [("DoNotShowVariableValue", "true"), ("HiddenVariableValue", value)] }
        var step = Build.action(PlanStepClass.setVariable, name: name, settings)
        if !operands.isEmpty { step.condition = Condition(operands: operands) }
        return step
    }

    static let fileTest = Build.expression(ConditionClass.file, ["Path": "C:\\x.txt"])
    static let failedBefore = Build.variableTest("_SMSTSLastActionSucceeded", "equals", "false")

    private func plan(
        _ sequence: TaskSequence, layers: [PlanVariableLayer] = [], facts: [String: String] = [:], failing: [String] = []
    ) throws -> TaskSequencePlan {
        let paths = Set(failing.flatMap { sequence.stepPaths(matching: $0) })
        #expect(paths.count >= failing.count, "every --fail names a step")
        return TaskSequencePlanner(layers: layers, facts: try PlanFacts(facts), failing: paths).plan(sequence)
    }

    private func decisions(_ plan: TaskSequencePlan) -> [String: PlanDecision] {
        Dictionary(plan.steps.map { ($0.name, $0.decision) }, uniquingKeysWith: { first, _ in first })
    }

    private func reason(_ plan: TaskSequencePlan, _ name: String) -> String {
        plan.steps.first { $0.name == name }?.reason ?? "no step \(name)"
    }

    // MARK: The environment

    @Test func computerValueWinsOverCollectionAndDecidesASkip() throws {
        let layers = [
            PlanVariableLayer(source: .builtIn, variables: [PlanVariable(name: "_SMSTSPackageID", value: "XYZ00001")]),
            PlanVariableLayer(source: Self.collection, variables: [PlanVariable(name: "OSDRole", value: "Kiosk")]),
            PlanVariableLayer(source: Self.computer, variables: [PlanVariable(name: "osdrole", value: "Desk")]),
        ]
        let sequence = Build.sequence(
            Self.step("Kiosk only", when: [Build.variableTest("OSDRole", "equals", "Kiosk")]),
            Self.step("Desk only", when: [Build.variableTest("OSDRole", "equals", "desk")]))
        let result = try plan(sequence, layers: layers)
        let role = try #require(result.environment.first { $0.name.lowercased() == "osdrole" })
        #expect(role.value == "Desk")
        #expect(role.source == Self.computer)
        #expect(role.overrides == [Self.collection])
        #expect(result.conflicts.isEmpty)
        #expect(decisions(result) == ["Kiosk only": .skip, "Desk only": .run])
        #expect(reason(result, "Kiosk only") == "condition false: OSDRole equals \"Kiosk\" (value: Desk, from computer 'PC1')")
        #expect(reason(result, "Desk only") == "condition true: OSDRole equals \"desk\" (value: Desk, from computer 'PC1')")
        #expect(result.steps.map(\.depth) == [0, 0])
        #expect(result.outcome == .completes)
    }

    @Test func collectionsThatDisagreeAreAConflictTheLaterWins() throws {
        let layers = [
            PlanVariableLayer(source: Self.collection, variables: [PlanVariable(name: "OSDLang", value: "de-DE"), PlanVariable(name: "Same", value: "1")]),
            PlanVariableLayer(source: Self.otherCollection, variables: [PlanVariable(name: "OSDLang", value: "fr-FR"), PlanVariable(name: "Same", value: "1")]),
        ]
        let result = try plan(Build.sequence(), layers: layers)
        #expect(result.conflicts.count == 1)
        let conflict = try #require(result.conflicts.first)
        #expect(conflict.winner == Self.otherCollection)
        #expect(conflict.description == "OSDLang: collection XYZ00010 'Lab' (\"de-DE\"), collection XYZ00011 'Desks' (\"fr-FR\"); collection XYZ00011 'Desks' wins (later in precedence order)")
        #expect(result.environment.first { $0.name == "OSDLang" }?.value == "fr-FR")
    }

    // MARK: Unknown operands and facts

    @Test func anUnknownOperandIsNamedAndAFactDecidesIt() throws {
        let sequence = Build.sequence(Self.step("Needs file", when: [Self.fileTest]))
        let unknown = try plan(sequence)
        #expect(decisions(unknown) == ["Needs file": .unknown])
        #expect(reason(unknown, "Needs file") == "unknown: File \"C:\\x.txt\" exists — supply --fact 'file:C:\\x.txt=exists' (or missing)")

        let missing = try plan(sequence, facts: ["file:c:\\X.TXT": "missing"])
        #expect(decisions(missing) == ["Needs file": .skip])
        #expect(reason(missing, "Needs file") == "condition false: File \"C:\\x.txt\" exists (from --fact file:C:\\x.txt)")
        let present = try plan(sequence, facts: ["file:C:\\x.txt": "exists;version=1.0"])
        #expect(decisions(present) == ["Needs file": .run])
    }

    @Test func engineVariablesAreUnknownUntilSupplied() throws {
        let sequence = Build.sequence(Self.step("Full OS only", when: [Build.variableTest("_SMSTSInWinPE", "equals", "false")]))
        let unknown = try plan(sequence)
        #expect(reason(unknown, "Full OS only") == "unknown: _SMSTSInWinPE equals \"false\" — _SMSTSInWinPE is set by the engine at run time — supply --var _SMSTSInWinPE=VALUE")
        let inWinPE = try plan(sequence, layers: [PlanVariableLayer(source: .commandLine, variables: [PlanVariable(name: "_SMSTSInWinPE", value: "true")])])
        #expect(reason(inWinPE, "Full OS only") == "condition false: _SMSTSInWinPE equals \"false\" (value: true, from command line)")
    }

    @Test func likePatternsInQueriesAreNotEngineVariables() throws {
        let query = "SELECT * FROM Win32_OperatingSystem WHERE OSArchitecture LIKE '%_64%'"
        let sequence = Build.sequence(Self.step("64-bit", when: [Build.expression(ConditionClass.wmi, ["Namespace": "root\\cimv2", "Query": query])]))
        let result = try plan(sequence, facts: ["wmi:root\\cimv2:" + query: "rows"])
        #expect(decisions(result) == ["64-bit": .run])
        let engine = Build.sequence(Self.step("Windows dir", when: [Build.expression(ConditionClass.file, ["Path": "%_OSDDetectedWinDir%\\explorer.exe"])]))
        #expect(reason(try plan(engine), "Windows dir") == "unknown: File \"%_OSDDetectedWinDir%\\explorer.exe\" exists — uses %_OSDDetectedWinDir%: _OSDDetectedWinDir is set by the engine at run time — supply --var _OSDDetectedWinDir=VALUE")
    }

    @Test func kleeneLogicKeepsKnownResultsThroughUnknownOperands() throws {
        let layers = [PlanVariableLayer(source: .builtIn, variables: [PlanVariable(name: "Known", value: "1")])]
        let sequence = Build.sequence(
            Self.step("Or wins", when: [.operator(ConditionOperator("or", [Self.fileTest, Build.variableTest("Known", "exists")]))]),
            Self.step("And loses", when: [Self.fileTest, Build.variableTest("Known", "notExists")]),
            Self.step("Not unknown", when: [.operator(ConditionOperator("not", [Self.fileTest]))]))
        let result = try plan(sequence, layers: layers)
        #expect(decisions(result) == ["Or wins": .run, "And loses": .skip, "Not unknown": .unknown])
        #expect(reason(result, "Or wins") == "condition true: Known exists (value: 1, from built-in)")
        #expect(reason(result, "And loses") == "condition false: Known notExists (value: 1, from built-in)")
    }

    // MARK: Set Task Sequence Variable

    @Test func aSetVariableStepChangesALaterCondition() throws {
        let layers = [PlanVariableLayer(source: Self.computer, variables: [PlanVariable(name: "Phase", value: "1")])]
        let sequence = Build.sequence(
            Self.step("Phase 2 early", when: [Build.variableTest("Phase", "equals", "2")]),
            Self.setVariable("Set phase", "Phase", "2"),
            Self.step("Phase 2 late", when: [Build.variableTest("Phase", "equals", "2")]))
        let result = try plan(sequence, layers: layers)
        #expect(decisions(result) == ["Phase 2 early": .skip, "Set phase": .run, "Phase 2 late": .run])
        #expect(reason(result, "Set phase") == "no condition; sets Phase = \"2\"")
        #expect(reason(result, "Phase 2 late") == "condition true: Phase equals \"2\" (value: 2, from step 'Set phase')")
        // The starting environment is what the layers gave.
        #expect(result.environment.first { $0.name == "Phase" }?.value == "1")
    }

    @Test func anUnknownSetVariableStepMakesALaterConditionUnknown() throws {
        let layers = [PlanVariableLayer(source: Self.computer, variables: [PlanVariable(name: "Phase", value: "1"), PlanVariable(name: "Keep", value: "k")])]
        let sequence = Build.sequence(
            Self.setVariable("Maybe set phase", "Phase", "2", when: [Self.fileTest]),
            Self.setVariable("Maybe keep", "Keep", "k", when: [Self.fileTest]),
            Self.step("Phase 2", when: [Build.variableTest("Phase", "equals", "2")]),
            Self.step("Phase 1 or kept", when: [.operator(ConditionOperator("or", [Build.variableTest("Phase", "equals", "1"), Build.variableTest("Keep", "equals", "k")]))]),
            Self.step("Uses phase", when: [Build.expression(ConditionClass.folder, ["Path": "C:\\Phase%Phase%"])]))
        let result = try plan(sequence, layers: layers)
        #expect(decisions(result) == ["Maybe set phase": .unknown, "Maybe keep": .unknown, "Phase 2": .unknown, "Phase 1 or kept": .run, "Uses phase": .unknown])
        #expect(reason(result, "Phase 2") == "unknown: Phase equals \"2\" — set by step 'Maybe set phase' only if it runs, which is unknown")
        // Both outcomes of "Maybe keep" leave Keep = k, so it stays known.
        #expect(reason(result, "Phase 1 or kept") == "condition true: Keep equals \"k\" (value: k, from step 'Maybe keep')")
        #expect(reason(result, "Uses phase") == "unknown: Folder \"C:\\Phase%Phase%\" exists — uses %Phase%: set by step 'Maybe set phase' only if it runs, which is unknown")

        // The fact that decides the Set Variable step decides the rest.
        let known = try plan(sequence, layers: layers, facts: ["file:C:\\x.txt": "exists", "folder:C:\\Phase2": "exists"])
        #expect(decisions(known) == ["Maybe set phase": .run, "Maybe keep": .run, "Phase 2": .run, "Phase 1 or kept": .run, "Uses phase": .run])
    }

    @Test func setDynamicVariablesAndOutputVariablesLeaveTheirVariablesUnknown() throws {
        let rules = #"<Rules><Rule><Variables><Variable Name="MDMUserName" IsSecret="false">CONTOSO\\svc</Variable></Variables></Rule></Rules>"#
        let script = Build.action(Self.runCommand, name: "Query", [("CommandLine", "cmd /c ver"), ("OutputVariableName", "VerText")])
        let sequence = Build.sequence(
            Build.action("SMS_TaskSequence_SetDynamicVariablesAction", name: "Dynamic", [("Rules", rules)]),
            script,
            Self.step("Has user", when: [Build.variableTest("MDMUserName", "exists")]),
            Self.step("Has output", when: [Build.variableTest("VerText", "like", "%10.0%")]))
        let result = try plan(sequence)
        #expect(decisions(result) == ["Dynamic": .run, "Query": .run, "Has user": .unknown, "Has output": .unknown])
        #expect(reason(result, "Dynamic") == "no condition; may set MDMUserName (rules: unknown)")
        #expect(reason(result, "Has user") == "unknown: MDMUserName exists — MDMUserName is set by step 'Dynamic' if one of its rules matches, which a plan cannot know")
        #expect(reason(result, "Has output") == "unknown: VerText like \"%10.0%\" — VerText is set from the output of step 'Query', which a plan cannot know")
    }

    // MARK: Failures

    @Test func aFailureInAContinueOnErrorGroupRunsTheErrorHandler() throws {
        let sequence = Build.sequence(
            Self.group("Install", continueOnError: true, Self.step("Apply"), Self.step("After apply")),
            Self.group("Handle errors", when: [Self.failedBefore], Self.step("Collect logs")),
            Self.step("Finish"))
        let failing = try plan(sequence, failing: ["Apply"])
        #expect(decisions(failing) == ["Install": .run, "Apply": .run, "After apply": .skip, "Handle errors": .run, "Collect logs": .run, "Finish": .run])
        #expect(reason(failing, "Apply") == "no condition; assumed to fail (--fail): its group stops")
        #expect(reason(failing, "After apply") == "not reached: step 'Apply' failed")
        #expect(reason(failing, "Install") == "no condition; a failure inside (step 'Apply') continues after the group (continue on error)")
        #expect(reason(failing, "Handle errors") == "condition true: _SMSTSLastActionSucceeded equals \"false\" (value: false, from step 'Apply')")
        #expect(failing.steps.first { $0.name == "Apply" }?.assumedToFail == true)
        #expect(failing.steps.map(\.depth) == [0, 1, 1, 0, 1, 0])
        #expect(failing.outcome == .completes)

        let succeeding = try plan(sequence)
        #expect(decisions(succeeding) == ["Install": .run, "Apply": .run, "After apply": .run, "Handle errors": .skip, "Collect logs": .skip, "Finish": .run])
        #expect(reason(succeeding, "Handle errors") == "condition false: _SMSTSLastActionSucceeded equals \"false\" (value: true, from step 'After apply')")
        #expect(reason(succeeding, "Collect logs") == "parent group 'Handle errors' skipped")
    }

    @Test func aStepThatContinuesOnErrorLetsItsGroupGoOn() throws {
        let sequence = Build.sequence(
            Self.step("Optional", continueOnError: true),
            Self.step("Handles the failure", when: [Self.failedBefore]),
            Self.step("Next", when: [Self.failedBefore]))
        let result = try plan(sequence, failing: ["Optional"])
        #expect(decisions(result) == ["Optional": .run, "Handles the failure": .run, "Next": .skip])
        #expect(reason(result, "Optional") == "no condition; assumed to fail (--fail); continue on error: execution goes on")
        #expect(result.outcome == .completes)
    }

    @Test func aFailureNoGroupCatchesEndsTheSequence() throws {
        let sequence = Build.sequence(
            Self.group("Outer", Self.group("Inner", Self.step("Partition"), Self.step("Format")), Self.step("Outer tail")),
            Self.group("Handle errors", when: [Self.failedBefore], Self.step("Collect logs")),
            Self.step("Finish"))
        let result = try plan(sequence, failing: ["group[1]/group[1]/step[1]"])
        #expect(decisions(result) == ["Outer": .run, "Inner": .run, "Partition": .run, "Format": .skip, "Outer tail": .skip,
                                      "Handle errors": .skip, "Collect logs": .skip, "Finish": .skip])
        for name in ["Format", "Outer tail", "Handle errors", "Collect logs", "Finish"] {
            #expect(reason(result, name) == "not reached: step 'Partition' failed")
        }
        #expect(result.outcome == .fails(step: "Partition"))
    }

    @Test func aFailingStepThatMayNotRunMakesWhatFollowsUnknown() throws {
        let sequence = Build.sequence(Self.step("Maybe", when: [Self.fileTest]), Self.step("Then"), Self.step("Disabled", enabled: false))
        let result = try plan(sequence, failing: ["Maybe"])
        #expect(decisions(result) == ["Maybe": .unknown, "Then": .unknown, "Disabled": .skip])
        #expect(reason(result, "Then") == "not reached if step 'Maybe' runs and fails")
        #expect(reason(result, "Disabled") == "disabled")
        #expect(result.outcome == .mayFail(step: "Maybe"))
    }

    @Test func aConditionWithoutOperandsIsTrue() throws {
        var step = Self.step("Empty condition")
        step.condition = Condition(operands: [])
        let result = try plan(Build.sequence(step))
        #expect(decisions(result) == ["Empty condition": .run])
        #expect(reason(result, "Empty condition") == "condition true: no operands")
    }

    @Test func disabledGroupsSkipTheirChildren() throws {
        let result = try plan(Build.sequence(Self.group("Off", enabled: false, Self.step("Inside"))))
        #expect(decisions(result) == ["Off": .skip, "Inside": .skip])
        #expect(reason(result, "Off") == "disabled")
        #expect(reason(result, "Inside") == "parent group 'Off' skipped")
    }

    // MARK: Masked values

    @Test func maskedValuesDecideButAreNeverShown() throws {
        let secret = "hunter2-secret"
        let layers = [
            PlanVariableLayer(source: Self.collection, variables: [PlanVariable(name: "JoinKey", value: "collection-" + secret, isMasked: true)]),
            PlanVariableLayer(source: Self.otherCollection, variables: [PlanVariable(name: "JoinKey", value: secret, isMasked: true)]),
        ]
        let sequence = Build.sequence(
            Self.step("Has key", when: [Build.variableTest("JoinKey", "like", "hunter%")]),
            Self.setVariable("Copy key", "Derived", "%JoinKey%-x"),
            Self.setVariable("Hide", "Hidden", secret + "-hidden", hidden: true),
            Self.step("Uses copy", when: [Build.variableTest("Derived", "exists")]),
            Self.step("Uses hidden", when: [Build.variableTest("Hidden", "notEquals", "other")]),
            Self.step("Path", when: [Build.expression(ConditionClass.file, ["Path": "C:\\%JoinKey%.txt"])]))
        let result = try plan(sequence, layers: layers)
        #expect(decisions(result) == ["Has key": .run, "Copy key": .run, "Hide": .run, "Uses copy": .run, "Uses hidden": .run, "Path": .unknown])
        #expect(reason(result, "Has key") == "condition true: JoinKey like \"hunter%\" (value: (masked), from collection XYZ00011 'Desks')")
        #expect(reason(result, "Copy key") == "no condition; sets Derived = (masked)")
        #expect(reason(result, "Uses copy") == "condition true: Derived exists (value: (masked), from step 'Copy key')")
        #expect(reason(result, "Path") == "unknown: File \"C:\\%JoinKey%.txt\" exists — supply --fact 'file:C:\\%JoinKey%.txt=exists' (or missing); %JoinKey% is masked: write its value in the key yourself")
        let texts = result.steps.map(\.reason) + result.environment.map(\.displayValue) + result.conflicts.map(\.description)
        for text in texts { #expect(!text.contains(secret), "\(text)") }
        #expect(result.environment.first?.displayValue == "(masked)")
        #expect(result.conflicts.first?.description == "JoinKey: collection XYZ00010 'Lab' ((masked)), collection XYZ00011 'Desks' ((masked)); collection XYZ00011 'Desks' wins (later in precedence order)")
    }

    // MARK: Facts and selection

    @Test func factAssignmentsSplitWhereTheValueReads() throws {
        let wmi = try PlanFacts.assignment("wmi:root\\cimv2:SELECT * FROM Win32_X WHERE A = 'b'=rows")
        #expect(wmi.key == "wmi:root\\cimv2:SELECT * FROM Win32_X WHERE A = 'b'")
        #expect(wmi.value == "rows")
        let registry = try PlanFacts.assignment("registry:HKLM\\Software\\X|Opt=REG_SZ:a=b")
        #expect(registry.key == "registry:HKLM\\Software\\X|Opt")
        #expect(registry.value == "REG_SZ:a=b")
        #expect(throws: PlanningError.unknownFactKind(key: "disk:C")) { try PlanFacts.assignment("disk:C=yes") }
        #expect(throws: PlanningError.badFactAssignment("file:C:\\x=maybe")) { try PlanFacts.assignment("file:C:\\x=maybe") }
        #expect(throws: PlanningError.badFactValue(key: "software:{A}", value: "yes", expected: "installed or missing")) {
            try PlanFacts(["software:{A}": "yes"])
        }
        let facts = try PlanFacts(["registry:HKLM\\K": "missing", "registry:HKLM\\J|V": "REG_DWORD:5", "software-family:{U}": "installed"])
        #expect(facts.registry(keyPath: "hklm\\k", valueName: "Anything") == .keyMissing)
        #expect(facts.registry(keyPath: "HKLM\\J", valueName: "v") == .value(type: "REG_DWORD", data: "5"))
        #expect(facts.isProductFamilyInstalled(upgradeCode: "{u}") == true)
        #expect(facts.isProductInstalled(productCode: "{u}") == nil)
    }

    @Test func stepsAreSelectedByNameOrPath() {
        let sequence = Build.sequence(Self.group("G", Self.step("A"), Self.step("a")), Self.step("B"))
        #expect(sequence.stepPaths(matching: "A").map(\.description) == ["group[1]/step[1]", "group[1]/step[2]"])
        #expect(sequence.stepPaths(matching: "step[2]").map(\.description) == ["step[2]"])
        #expect(sequence.stepPaths(matching: "nothing").isEmpty)
    }
}
