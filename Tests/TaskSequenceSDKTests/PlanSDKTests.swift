import Foundation
import TaskSequenceSDK
import Testing
import TestSupport

/// `PackageHandle.plan`: typed decisions, sources and outcome from the daemon.
@Suite struct PlanSDKTests {
    static let upgrade = "DeploymentResearch__DRFiles__Misc__Windows10UpgradeTS.zip__SMS_TaskSequencePackage__PS10000E__object.xml"

    @Test func planReturnsTypedStepsEnvironmentAndOutcome() throws {
        try withProvider { client, _ in
            let package = try client.importPackage(contentsOf: Fixtures.realWorld.appendingPathComponent(Self.upgrade), options: ImportOptions(name: "Plan"))
            let plan = try package.plan(
                variables: ["_SMSTSOSUpgradeActionReturnCode": "3247440400", "_SMSTSSetupRollback": "false"],
                facts: ["folder:C:\\Staging\\Drivers": "exists"], failing: ["Upgrade Operating System"], advertisementID: "PS120001")
            #expect(plan.steps.count == 14)
            #expect(plan.steps.filter { $0.depth == 0 }.map(\.stepID) == (try package.sequence.steps().map(\.id)))
            let upgrade = try #require(plan.steps.first { $0.name == "Upgrade Operating System" })
            #expect(upgrade.decision == .run && upgrade.assumedToFail && upgrade.depth == 1 && upgrade.path.description == "group[2]/step[2]")
            #expect(upgrade.className == "SMS_TaskSequence_UpgradeOperatingSystemAction")
            let restart = try #require(plan.steps.first { $0.name == "Restart Computer" })
            #expect(restart.decision == .skip && restart.reason == "not reached: step 'Upgrade Operating System' failed")
            #expect(plan.result == "fails" && plan.failingStep == "Upgrade Operating System")
            #expect(plan.outcomeText == "the sequence fails: step 'Upgrade Operating System' failed and no group around it continues on error")
            let advert = try #require(plan.environment.first { $0.name == "_SMSTSAdvertID" })
            #expect(advert.value == "PS120001" && advert.sourceKind == "builtIn" && !advert.isMasked)
            #expect(plan.conflicts.isEmpty)

            let error = providerError { _ = try package.plan(failing: ["Nope"]) }
            #expect(error == .invalidArguments("argument Fail: no step 'Nope' in package \(package.id) (give StepIDs, paths or names)"))
            let computer = providerError { _ = try package.plan(computer: "PC9") }
            #expect(computer?.isNotFound == true)
        }
    }
}
