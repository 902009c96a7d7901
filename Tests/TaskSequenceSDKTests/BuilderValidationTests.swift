import Foundation
@testable import TaskSequenceSDK
import Testing
import TestSupport

/// The builders refuse what the provider refuses, with the provider's own error, before any
/// call; what they build the provider stores as built.
@Suite struct BuilderValidationTests {
    /// What the daemon answers for `action` sent straight to AddStep, skipping the SDK's check.
    private func daemonAnswer(_ action: StepAction, in package: PackageHandle, client: ProviderClient) -> ProviderError? {
        var properties = action.settings
        properties["Name"] = .string("Raw")
        return providerError {
            _ = try client.call(
                ProviderPaths.sequence(package.id), ProviderInterface.sequence, "AddStep",
                [.string(action.className), properties.dbusDictionary, .int32(-1)])
        }
    }

    @Test func refusalsAreTheProvidersOwnAndCostNoCall() throws {
        try withProvider { client, _ in
            let package = try client.createPackage(named: "Refusals")
            let refused: [StepAction] = [
                .runPowerShellScript("Collect.ps1", packageID: "PS100010").setting("ExecutionPolicy", "Yolo"),
                .custom(className: StepActionClass.runPowerShellScript, settings: ["Parameters": ""]),
            ]
            for action in refused {
                let local = providerError { try action.validate() }
                #expect(local == daemonAnswer(action, in: package, client: client), "\(action)")
                let before = client.callsMade
                let added = providerError { try package.sequence.addStep(action, named: "Refused") }
                #expect(added == local)
                #expect(client.callsMade == before, "a refused step costs no call")
            }
            let policy = providerError { try refused[0].validate() }
            guard case .validationFailed(property: "ExecutionPolicy", let rule)? = policy else {
                Issue.record("expected ExecutionPolicy refused, got \(String(describing: policy))")
                return
            }
            #expect(rule.contains("'Yolo'"))
            // The provider keeps an empty command line as unset; the builder refuses it.
            let empty = providerError { try package.sequence.addStep(.runCommandLine(""), named: "Empty") }
            #expect(empty == .validationFailed(property: "CommandLine", rule: "length 0 is below AllowedLen 1-32000"))
            // Unknown classes and settings go to the provider, whose answer comes back unchanged.
            for action in [StepAction.custom(className: StepActionClass.runCommandLine, settings: ["CommandLine": "x", "Parameter": "y"]),
                           .custom(className: "SMS_TaskSequence_NoSuchAction")] {
                #expect(throws: Never.self) { try action.validate() }
                let added = providerError { try package.sequence.addStep(action, named: "Unknown") }
                #expect(added != nil && added == daemonAnswer(action, in: package, client: client), "\(action)")
            }
            #expect(try package.stepTree().steps.isEmpty)
        }
    }

    @Test func powerShellStepsAreStoredAsBuilt() throws {
        try withProvider { client, _ in
            let package = try client.createPackage(named: "PowerShell")
            let fromPackage = try package.sequence.addStep(
                .runPowerShellScript("Collect.ps1", packageID: "PS100010", parameters: "-Verbose", outputVariable: "Out").timeout(seconds: 900),
                named: "Collect")
            let inline = try package.sequence.addStep(.runPowerShellScript(source: "Write-Output 1", executionPolicy: .allSigned), named: "Inline")
            let tree = try package.stepTree().allSteps
            let first = try #require(tree.first { $0.id == fromPackage.id })
            #expect(first.className == "SMS_TaskSequence_RunPowerShellScriptAction")
            #expect(first.settings["ScriptName"]?.text == "Collect.ps1")
            #expect(first.settings["PackageID"]?.text == "PS100010")
            #expect(first.settings["Parameters"]?.text == "-Verbose")
            #expect(first.settings["ExecutionPolicy"]?.text == "Bypass")
            #expect(first.settings["OutputVariableName"]?.text == "Out")
            #expect(first.timeout == 900)
            #expect(first.environment == .winPEAndFullOS)
            let second = try #require(tree.first { $0.id == inline.id })
            #expect(second.settings["ExecutionPolicy"]?.text == "AllSigned")
            #expect(second.timeout == nil)
            #expect(PowerShellExecutionPolicy.allCases.map(\.rawValue) == ["Restricted", "AllSigned", "RemoteSigned", "Unrestricted", "Bypass", "Undefined"])
        }
    }
}

/// The builders for the other classes the corpus uses often store what they say.
@Suite struct MoreBuilderTests {
    @Test func bitLockerDownloadAndApplicationListStepsAreStoredAsBuilt() throws {
        try withProvider { client, _ in
            let package = try client.createPackage(named: "More builders")
            let sequence = package.sequence
            let bitLocker = try sequence.addStep(.enableBitLocker(protector: .tpmAndPIN, waitForEncryption: true), named: "BitLocker")
            let download = try sequence.addStep(.downloadPackageContent(["PS100010", "PS100011"], to: .custom("C:\\Drivers"), pathVariable: "DRIVERS"), named: "Download")
            let apps = try sequence.addStep(.installApplications(listedIn: "APPS", continueOnError: true), named: "Apps")
            let steps = Dictionary(uniqueKeysWithValues: try package.stepTree().allSteps.map { ($0.id, $0) })

            let first = try #require(steps[bitLocker.id])
            #expect(first.className == "SMS_TaskSequence_EnableBitLockerAction")
            #expect(first.settings["Mode"]?.text == "TPMAndPIN")
            #expect(first.settings["WaitForEncryption"]?.boolValue == true)
            #expect(first.settings["CreateRecoveryPassword"]?.text == "AD")
            let second = try #require(steps[download.id])
            #expect(second.settings["DownloadPackages"]?.text == "PS100010,PS100011")
            #expect(second.settings["DestinationLocationType"]?.text == "Custom")
            #expect(second.settings["DestinationCustomPath"]?.text == "C:\\Drivers")
            #expect(second.settings["DestinationVariable"]?.text == "DRIVERS")
            let third = try #require(steps[apps.id])
            #expect(third.settings["BaseVariableName"]?.text == "APPS")
            #expect(third.settings["ContinueOnInstallError"]?.boolValue == true)
        }
    }
}
