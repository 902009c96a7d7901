import Testing
@testable import TaskSequenceModel

@Suite struct StepBuildingTests {
    let catalog = ActionCatalog.builtIn

    @Test func buildsStepsAsConfigMgrWritesThem() throws {
        let reboot = try catalog.makeStep(
            ofClass: "sms_tasksequence_rebootaction", name: "Restart in Windows PE",
            settings: ["Target": "WinPE", "Message": "Restarting", "MessageTimeout": "10"]
        )
        // As the Build and Capture export of the corpus has it.
        #expect(reboot.attributes.items.map(\.name) == ["type", "name", "description", "runIn", "successCodeList", "retryCount", "runFromNet"])
        #expect(reboot.type == "SMS_TaskSequence_RebootAction")
        #expect(reboot.supportedEnvironment == "WinPEandFullOS")
        #expect(reboot.attributes["successCodeList"] == "0")
        #expect(reboot.actionCommandLine == "smsboot.exe /target:WinPE")
        #expect(reboot.variables?.variables == [
            Variable(name: "SMSRebootMessage", property: "Message", value: "Restarting"),
            Variable(name: "SMSRebootTimeout", property: "MessageTimeout", value: "10"),
            Variable(name: "SMSRebootTarget", property: "Target", value: "WinPE", hidden: true),
        ])

        let command = try catalog.makeStep(ofClass: "SMS_TaskSequence_RunCommandLineAction", name: "Say hello",
                                           settings: ["commandline": "cmd /c echo hello"])
        #expect(command.actionCommandLine == "smsswd.exe /run: cmd /c echo hello")
        #expect(command.attributes["successCodeList"] == "0 3010")
        #expect(command.variables?.variables.map(\.name) == ["CommandLine", "SMSTSDisableWow64Redirection", "_SMSTSRunCommandLineAsUser", "SuccessCodes"])
        #expect(command.variables?.variables.map(\.isHidden) == [true, false, false, true])
        #expect(command.validate().isEmpty)

        let partition = try catalog.makeStep(ofClass: "SMS_TaskSequence_PartitionDiskAction", name: "Partition",
                                             settings: ["DiskIndex": "0", "PartitionStyle": "GPT", "Partitions": "1", "partitions0type": "EFI"])
        #expect(partition.supportedEnvironment == "WinPE")
        #expect(partition.variables?.variable(forProperty: "Partitions0Type")?.name == "OSDPartitions0Type")
        #expect(try catalog.makeStep(ofClass: StepClass.subTaskSequence, name: "Child", settings: ["TsPackageID": "PS100001"]).kind == .subTaskSequence)
    }

    @Test func refusesWhatIsNotASettingOfAnAction() {
        #expect(throws: CatalogError.unknownClass("Nope")) { try catalog.makeStep(ofClass: "Nope", name: "x") }
        #expect(throws: CatalogError.notAnAction(StepClass.action)) { try catalog.makeStep(ofClass: StepClass.action, name: "x") }
        #expect(throws: CatalogError.unknownSetting(className: "SMS_TaskSequence_RebootAction", property: "Name")) {
            try catalog.makeStep(ofClass: "SMS_TaskSequence_RebootAction", name: "x", settings: ["Name": "y"])
        }
        #expect(catalog.settingNames(of: "SMS_TaskSequence_RebootAction") == ["Target", "Message", "MessageTimeout"])
    }

    @Test func appliesSettingsInPlaceAndRendersTheCommandLineAgain() throws {
        var step = try catalog.makeStep(ofClass: "SMS_TaskSequence_RunCommandLineAction", name: "Run", settings: ["CommandLine": "a.exe"])
        step.variables?.entries.insert(.foreign(.comment("kept")), at: 1)
        try step.applySettings(["CommandLine": "b.exe", "PackageID": "PS100001", "RunAsUser": nil])
        #expect(step.actionCommandLine == "smsswd.exe /run:PS100001 b.exe")
        #expect(step.setting("RunAsUser") == nil)
        #expect(step.variables?.entries.count == 5)
        guard case .foreign = step.variables?.entries[1] else {
            Issue.record("foreign entry moved")
            return
        }
        #expect(step.variables?.variables.last == Variable(name: "PackageID", property: "PackageID", value: "PS100001", hidden: true))
        #expect(throws: CatalogError.unknownSetting(className: "SMS_TaskSequence_RunCommandLineAction", property: "Bogus")) {
            try step.applySettings(["Bogus": "1"])
        }

        // MDT spells the property as the variable name, and runs its own command.
        var mdt = Step(kind: .step, attributes: ["type": "SMS_TaskSequence_RunCommandLineAction", "name": "m", "disable": "false"], children: [
            .variables(VariableList(variables: [Variable(name: "SMSTSRunCommandLineUserName", property: "SMSTSRunCommandLineUserName", value: "")])),
            .action(ActionElement(text: "powershell.exe -File x.ps1")),
        ])
        try mdt.applySettings(["UserName": "CONTOSO\\svc"])
        #expect(mdt.variables?.variables == [Variable(name: "SMSTSRunCommandLineUserName", property: "SMSTSRunCommandLineUserName", value: "CONTOSO\\svc")])
        #expect(mdt.actionCommandLine == "powershell.exe -File x.ps1")
    }

    @Test func blanksAndRestoresOneStepsSecrets() {
        let stored = SecretTests.runAsUserStep(password: "P@ss")
        let shown = stored.blankingSecrets()
        #expect(shown.setting("UserPassword") == "")
        #expect(shown.setting("UserName") == "CONTOSO\\admin")
        #expect(shown.restoringSecrets(from: stored) == stored)
        let group = Step.group(name: "G", steps: [stored]).blankingSecrets()
        #expect(group.steps[0].setting("UserPassword") == "")
    }
}
