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
            let join = try sequence.addStep(.applyNetworkSettings(joining: .domain(name: "corp.example", organizationalUnit: "LDAP://OU=PCs,DC=corp", account: "CORP\\join", password: "s3cret")), named: "Join")
            let workgroup = try sequence.addStep(.applyNetworkSettings(joining: .workgroup("LAB")), named: "Workgroup")
            let upgrade = try sequence.addStep(.upgradeOperatingSystem(installPackageID: "PS100020", editionIndex: 3, scanOnly: true), named: "Upgrade")
            let joined = try #require(try package.stepTree().allSteps.first { $0.id == join.id })
            #expect(joined.settings["NetworkJoinType"]?.intValue == 0)
            #expect(joined.settings["DomainName"]?.text == "corp.example")
            #expect(joined.settings["DomainOUName"]?.text == "LDAP://OU=PCs,DC=corp")
            #expect(joined.settings["DomainUsername"]?.text == "CORP\\join")
            #expect(joined.settings["DomainPassword"]?.text == "", "the password is a secret: blank when read")
            let inWorkgroup = try workgroup.info()
            #expect(inWorkgroup.settings["NetworkJoinType"]?.intValue == 1)
            #expect(inWorkgroup.settings["WorkgroupName"]?.text == "LAB")
            let upgraded = try upgrade.info()
            #expect(upgraded.settings["InstallPackageID"]?.text == "PS100020")
            #expect(upgraded.settings["InstallEditionIndex"]?.intValue == 3)
            #expect(upgraded.settings["ScanOnly"]?.boolValue == true)
            let third = try #require(steps[apps.id])
            #expect(third.settings["BaseVariableName"]?.text == "APPS")
            #expect(third.settings["ContinueOnInstallError"]?.boolValue == true)
        }
    }
}

/// Conditions the builders make are refused as the provider refuses them.
@Suite struct ConditionBuilderRefusalTests {
    @Test func anEqualsWithoutAValueIsRefused() throws {
        try withProvider { client, _ in
            let package = try client.createPackage(named: "Conditions")
            let step = try package.sequence.addStep(.runCommandLine("cmd /c exit 0"), named: "Run")
            let before = client.callsMade
            let error = providerError { try step.condition.add(.or([.variable("A", .exists), .variable("OSDComputerName", .equals)])) }
            #expect(error == .validationFailed(property: "Value", rule: "OSDComputerName equals needs a value; only exists and notExists take none"))
            #expect(client.callsMade == before)
            let added = providerError { try package.sequence.addStep(.runCommandLine("x"), named: "Y", condition: .variable("V", .greater, "")) }
            #expect(added == .validationFailed(property: "Value", rule: "V greater needs a value; only exists and notExists take none"))
            #expect(try package.stepTree().allSteps.count == 1)
            try step.condition.add(.and([.variable("OSDComputerName", .exists), .variable("X", .notExists), .variable("Y", .equals, "1")]))
            #expect(try step.condition.info() != nil)
            #expect(try step.condition.info()?.operands.first?.logicalOperator == nil)
        }
    }

    @Test func aConditionThatNeedsNoValueIsKept() throws {
        try withProvider { client, _ in
            let package = try client.createPackage(named: "Conditions")
            let step = try package.sequence.addStep(.runCommandLine("cmd /c exit 0"), named: "Run")
            try step.condition.add(.or([.variable("A", .exists), .not([.variable("B", .notExists)])]))
            let top = try #require(try step.condition.info()?.operands.first)
            #expect(top.logicalOperator == .or)
            #expect(top.operands.map(\.logicalOperator) == [nil, .not])
        }
    }
}

/// Set Dynamic Variables, the corpus's seventh most used action: rules with and without a
/// condition, a secret kept but never read back, and the planner seeing what the rules may set.
@Suite struct DynamicVariablesBuilderTests {
    @Test func rulesAreStoredAsBuiltAndSecretsNeverComeBack() throws {
        try withProvider { client, _ in
            let package = try client.createPackage(named: "Dynamic variables")
            let action = StepAction.setDynamicVariables([
                DynamicVariableRule(set: [.init("CompanyName", "Contoso & Co")]),
                DynamicVariableRule(when: .variable("_SMSTSMake", .equals, "Dell Inc."),
                                    set: [.init("DriverFolder", "Dell"), .init("BIOSPassword", "Planted-Dyn-55", isSecret: true)]),
            ])
            try action.validate()
            let step = try package.sequence.addStep(action, named: "Rules")
            let stored = try #require(try package.stepTree().allSteps.first { $0.id == step.id })
            #expect(stored.className == "SMS_TaskSequence_SetDynamicVariablesAction")
            let rules = try #require(stored.settings["Rules"]?.text)
            #expect(rules.contains(#"<Variable Name="CompanyName" IsSecret="false">Contoso &amp; Co</Variable>"#))
            #expect(rules.contains(#"<expression type="SMS_TaskSequence_VariableConditionExpression">"#))
            #expect(rules.contains(#"<Variable Name="BIOSPassword" IsSecret="true"></Variable>"#))
            #expect(!rules.contains("Planted-Dyn-55"))
            #expect(!(try package.sequenceXML()).contains("Planted-Dyn-55"))
            let plan = try package.plan()
            #expect(plan.steps.first { $0.name == "Rules" }?.reason.contains("DriverFolder") == true)
            #expect(!String(describing: plan).contains("Planted-Dyn-55"))
        }
    }
}

/// A secret rule variable of Set Dynamic Variables is blank in every read of the step's
/// settings, and a read-modify-write of the rules keeps it.
@Suite struct DynamicVariableSecretTests {
    @Test func settingsReadsBlankItAndWritingTheRulesBackKeepsIt() throws {
        try withProvider { client, _ in
            let package = try client.createPackage(named: "Dynamic secret")
            let step = try package.sequence.addStep(.setDynamicVariables([
                DynamicVariableRule(set: [.init("JoinPassword", "Planted-Dyn-77", isSecret: true), .init("Site", "A")]),
            ]), named: "Rules")
            let read = try #require(try step.settings()["Rules"]?.text)
            #expect(!read.contains("Planted-Dyn-77"))
            #expect(read.contains(#"<Variable Name="JoinPassword" IsSecret="true"></Variable>"#))
            // Change the clear variable, sending the blanked secret back as read.
            try step.setSettings(["Rules": .string(read.replacingOccurrences(of: ">A<", with: ">B<"))])
            let export = try package.export(format: .sequence)
            #expect(!export.contains("Planted-Dyn-77"))
            let after = try #require(try step.settings()["Rules"]?.text)
            #expect(after.contains(">B<"))
            #expect(!after.contains("Planted-Dyn-77"))
        }
    }
}
