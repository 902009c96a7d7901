import Testing
@testable import TaskSequenceModel

@Suite struct SecretTests {
    /// A Run Command Line step with a password, and a foreign entry between its variables.
    static func runAsUserStep(password: String) -> Step {
        var step = Step.action(
            className: "SMS_TaskSequence_RunCommandLineAction", name: "Run as admin",
            commandLine: "smsswd.exe /run: whoami"
        )
        step.variables = VariableList(entries: [
            .variable(Variable(name: "CommandLine", property: "CommandLine", value: "whoami", hidden: true)),
            .foreign(.comment("kept")),
            .variable(Variable(name: "_SMSTSRunCommandLineAsUser", property: "RunAsUser", value: "true")),
            .variable(Variable(name: "SMSTSRunCommandLineUserName", property: "UserName", value: "CONTOSO\\admin")),
            .variable(Variable(name: "SMSTSRunCommandLineUserPassword", property: "UserPassword", value: password)),
        ])
        return step
    }

    static func windowsSettingsStep(productKey: String, adminPassword: String) -> Step {
        .action(
            className: "SMS_TaskSequence_ApplyWindowsSettingsAction", name: "Apply Windows Settings",
            commandLine: "osdwinsettings.exe /config",
            variables: [
                Variable(name: "OSDLocalAdminPassword", property: "AdminPassword", value: adminPassword),
                Variable(name: "OSDProductKey", property: "ProductKey", value: productKey),
                Variable(name: "OSDTimeZone", property: "TimeZone", value: "Pacific Standard Time"),
            ]
        )
    }

    static func sequence(password: String, productKey: String, adminPassword: String) -> TaskSequence {
        TaskSequence(attributes: ["version": "3.10"], children: [
            .foreign(.comment("before")),
            .step(.group(name: "Setup", steps: [
                windowsSettingsStep(productKey: productKey, adminPassword: adminPassword),
                runAsUserStep(password: password),
            ])),
            .step(.action(className: "SMS_TaskSequence_RebootAction", name: "Restart", commandLine: "smsboot.exe /target:HD",
                          variables: [Variable(name: "SMSRebootTarget", property: "Target", value: "HD", hidden: true)])),
        ])
    }

    @Test func blankingEmptiesSecretsAndNothingElse() {
        let original = Self.sequence(password: "P@ss", productKey: "AAAAA-BBBBB", adminPassword: "Adm1n")
        let blanked = original.blankingSecrets()
        let expected = Self.sequence(password: "", productKey: "", adminPassword: "")
        #expect(blanked == expected)
        #expect(blanked.allSteps[2].setting("UserName") == "CONTOSO\\admin")
        guard case .foreign(.comment("kept")) = blanked.allSteps[2].variables?.entries[1] else {
            Issue.record("foreign entry moved")
            return
        }
        // Already-blank sequences come back unchanged.
        #expect(expected.blankingSecrets() == expected)
    }

    @Test func untypedMDTStepsAndUnknownClassesAreCovered() {
        let untyped = Step(kind: .step, attributes: ["name": "Next Phase"], children: [
            .variables(VariableList(variables: [
                Variable(name: "SMSTSRunCommandLineUserPassword", property: "SMSTSRunCommandLineUserPassword", value: "secret"),
                Variable(name: "RunAsUser", property: "RunAsUser", value: "false"),
            ])),
            .action(ActionElement(text: "cscript.exe \"%SCRIPTROOT%\\ZTINextPhase.wsf\"")),
        ])
        let custom = Step.action(className: "BDD_RecoverDomainJoin", name: "Recover", variables: [
            Variable(name: "OSDJoinPassword", property: "DomainPassword", value: "secret"),
            Variable(name: "DomainErrorRecovery", property: "DomainErrorRecovery", value: "Auto"),
        ])
        let blanked = TaskSequence(schemaVersion: "3.00", steps: [untyped, custom]).blankingSecrets()
        #expect(blanked.steps[0].setting("SMSTSRunCommandLineUserPassword") == "")
        #expect(blanked.steps[0].setting("RunAsUser") == "false")
        #expect(blanked.steps[1].setting("DomainPassword") == "")
        #expect(blanked.steps[1].setting("DomainErrorRecovery") == "Auto")
        // The action element stays where it was, after the variables.
        guard case .action = blanked.steps[0].children[1] else {
            Issue.record("children reordered")
            return
        }
    }

    @Test func globalVariablesNamedLikeSecretsAreBlanked() {
        let sequence = TaskSequence(attributes: ["version": "3.00"], children: [
            .variables(VariableList(kind: .globals, variables: [
                Variable(name: "OSDJoinPassword", property: "DomainPassword", value: "secret"),
                Variable(name: "OSGUID", property: "OSGUID", value: "{1}"),
            ])),
        ])
        let blanked = sequence.blankingSecrets()
        #expect(blanked.globalVariables?.variables.map(\.value) == ["", "{1}"])
        #expect(blanked.restoringSecrets(from: sequence).globalVariables?.variables.map(\.value) == ["secret", "{1}"])
    }

    static let rules = """
        <Rules><Rule><Variables><Variable Name="MDMUserName" IsSecret="false">CONTOSO\\svc</Variable></Variables></Rule>\
        <Rule><Variables><Variable Name="MDMPassword" IsSecret="true">hunter2</Variable></Variables></Rule></Rules>
        """

    @Test func dynamicVariableRulesKeepOnlyTheirPublicValues() {
        let step = Step.action(className: "SMS_TaskSequence_SetDynamicVariablesAction", name: "Set MDM Variables", variables: [
            Variable(name: "OSDSetDynamicVariablesRules", property: "Rules", value: Self.rules),
        ])
        let sequence = TaskSequence(schemaVersion: "3.10", steps: [step])
        let blanked = sequence.blankingSecrets()
        let rules = blanked.steps[0].setting("Rules")
        #expect(rules?.contains(#"IsSecret="true"></Variable>"#) == true)
        #expect(rules?.contains("hunter2") == false)
        #expect(rules?.contains("CONTOSO\\svc") == true)
        #expect(blanked.restoringSecrets(from: sequence) == sequence)
    }

    @Test func restoringFillsBlankSecretsFromTheStoredStep() {
        let stored = Self.sequence(password: "P@ss", productKey: "AAAAA-BBBBB", adminPassword: "Adm1n")
        let fromClient = stored.blankingSecrets()
        #expect(fromClient.restoringSecrets(from: stored) == stored)

        // A secret the client sets is kept as sent.
        var changed = fromClient
        changed.updateEachStep { _, step in
            guard step.className == "SMS_TaskSequence_RunCommandLineAction" else { return }
            step.variables?.setValue("N3w", forProperty: "UserPassword")
        }
        let restored = changed.restoringSecrets(from: stored)
        #expect(restored.allSteps[2].setting("UserPassword") == "N3w")
        #expect(restored.allSteps[1].setting("ProductKey") == "AAAAA-BBBBB")
    }

    @Test func restoringFindsMovedStepsByClassAndName() {
        let stored = Self.sequence(password: "P@ss", productKey: "KEY", adminPassword: "Adm1n")
        var fromClient = stored.blankingSecrets()
        // The client inserts a step before the group, so every path shifts.
        fromClient.insertStep(.action(className: "SMS_TaskSequence_SetVariableAction", name: "New"), at: 0)
        let restored = fromClient.restoringSecrets(from: stored)
        #expect(restored.allSteps[3].setting("UserPassword") == "P@ss")
        #expect(restored.allSteps[2].setting("AdminPassword") == "Adm1n")
    }

    @Test func restoringNeedsTheSameClass() {
        let stored = TaskSequence(schemaVersion: "3.10", steps: [Self.runAsUserStep(password: "P@ss")])
        var otherClass = Self.runAsUserStep(password: "")
        otherClass.type = "SMS_TaskSequence_RunPowerShellScriptAction"
        let restored = TaskSequence(schemaVersion: "3.10", steps: [otherClass]).restoringSecrets(from: stored)
        #expect(restored.steps[0].setting("UserPassword") == "")
    }

    @Test func secretHelpers() {
        let catalog = ActionCatalog.builtIn
        #expect(catalog.isSecret(property: "UserPassword", inClass: "SMS_TaskSequence_RunCommandLineAction"))
        #expect(catalog.isSecret(property: "ProductKey", inClass: "SMS_TaskSequence_ApplyWindowsSettingsAction"))
        #expect(!catalog.isSecret(property: "Rules", inClass: "SMS_TaskSequence_SetDynamicVariablesAction"))
        #expect(catalog.secrecy(ofProperty: "Rules", inClass: "SMS_TaskSequence_SetDynamicVariablesAction") == .secretRuleVariables)
        #expect(!catalog.isSecret(property: "UserPassword", inClass: "Unknown_Class"))
    }
}
