import Testing
@testable import TaskSequenceModel

@Suite struct CommandLineTemplateTests {
    let catalog = ActionCatalog.builtIn

    private func render(_ className: String, _ settings: [String: String]) throws -> String {
        let template = try #require(catalog[className]?.commandLineTemplate)
        let step = Step.action(
            className: className, name: "x",
            variables: settings.map { Variable(name: $0.key, property: $0.key, value: $0.value) }
        )
        return template.render(for: step, definition: catalog.properties(of: className))
    }

    @Test func reproducesWhatRealExportsWrite() throws {
        #expect(try render("SMS_TaskSequence_RunCommandLineAction", ["CommandLine": "cmd /c dir", "PackageID": ""])
            == "smsswd.exe /run: cmd /c dir")
        #expect(try render("SMS_TaskSequence_InstallSoftwareAction", ["PackageID": "HB1000AC", "ContinueOnInstallError": "false"])
            == "smsswd.exe /pkg:HB1000AC /install /basevar: /continueOnError:False")
        #expect(try render("SMS_TaskSequence_RebootAction", ["Target": "WinPE"]) == "smsboot.exe /target:WinPE")
        #expect(try render("SMS_TaskSequence_SetVariableAction", ["VariableName": "OSDDoNotLogCommand", "VariableValue": "TRUE", "DoNotShowVariableValue": "false"])
            == "tsenv.exe \"OSDDoNotLogCommand=TRUE\" /hiddenflag:False")
        #expect(try render("SMS_TaskSequence_EnableBitLockerAction", [
            "WaitForEncryption": "true", "Mode": "TPM", "CreateRecoveryPassword": "AD",
            "EncryptFullDisk": "true", "EncryptMethod": "7", "SkipWhenNoValidTPM": "true",
        ]) == "OSDBitLocker.exe /enable  /wait:True /mode:TPM /pwd:AD /full:True /crypt:7 /ignoretpm:True")
        #expect(try render("SMS_TaskSequence_ApplyOperatingSystemAction", [
            "InstallPackageID": "SCB00026", "ConfigFilePackage": "SCB00021", "RunFromNet": "false",
        ]) == "OSDApplyOS.exe /install:SCB00026,%OSDInstallEditionIndex% \"/config:SCB00021,%OSDConfigFileName%\" /runfromnet:False")
        #expect(try render("SMS_TaskSequence_InstallApplicationAction", ["BaseVariableName": "App", "ContinueOnInstallError": "true"])
            == "smsappinstall.exe /app: /basevar:App /continueOnError:True")
    }

    @Test func percentSignsAndConditionalSections() {
        let template = CommandLineTemplate("a%%VAR%% <?9: /target:%%%9%%><?8: /x:%8>%P% 100%")
        #expect(template.render { $0 == 9 ? "OSDisk" : nil } == "a%VAR%  /target:%OSDisk%%P% 100%")
        #expect(CommandLineTemplate("smsnetuse.exe %SMSConnectNetworkFolderPath%").render { _ in nil }
            == "smsnetuse.exe %SMSConnectNetworkFolderPath%")
        #expect(CommandLineTemplate("x <?1:unterminated").render { _ in "v" } == "x unterminated")
    }
}
