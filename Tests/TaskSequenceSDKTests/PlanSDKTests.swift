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
            #expect(plan.outcome == .fails(step: "Upgrade Operating System"))
            #expect(plan.outcome.description == "the sequence fails: step 'Upgrade Operating System' failed and no group around it continues on error")
            let advert = try #require(plan.environment.first { $0.name == "_SMSTSAdvertID" })
            #expect(advert.value == "PS120001" && advert.source == .builtIn && !advert.isMasked)
            #expect(plan.conflicts.isEmpty)

            let error = providerError { _ = try package.plan(failing: ["Nope"]) }
            #expect(error == .invalidArguments("argument Fail: no step 'Nope' in package \(package.id) (give StepIDs, paths or names)"))
            let computer = providerError { _ = try package.plan(computer: "PC9") }
            #expect(computer?.isNotFound == true)
        }
    }

    /// Two collections setting one variable differently: the conflict reads back as the model's
    /// `PlanConflict`, each side's source typed and a masked side's value absent, and the
    /// winning variable's overridden sources typed too.
    @Test func conflictsAndOverridesComeBackTyped() throws {
        try withProvider { client, _ in
            let package = try client.importPackage(contentsOf: Fixtures.realWorld.appendingPathComponent(Self.upgrade), options: ImportOptions(name: "Plan"))
            _ = try client.importComputers(csv: "PLAN-01,,00:15:5d:01:02:11\n")
            let lab = try client.createCollection(named: "Lab"), prod = try client.createCollection(named: "Production")
            for collection in [lab, prod] { try collection.addDirectRules(["PLAN-01"]) }
            try client.setVariable(DeploymentVariable(name: "OSDRole", value: "lab"), on: .collection(lab.id))
            try client.setVariable(DeploymentVariable(name: "OSDRole", value: "secret", isMasked: true), on: .collection(prod.id))
            try client.setVariable(DeploymentVariable(name: "OSDSite", value: "lab"), on: .collection(lab.id))
            try client.setVariable(DeploymentVariable(name: "OSDSite", value: "pc"), on: .computer("PLAN-01"))

            let plan = try package.plan(computer: "PLAN-01")
            let conflict = try #require(plan.conflicts.first { $0.name == "OSDRole" })
            let labSource = PlanVariableSource.collection(id: lab.id, name: "Lab"), prodSource = PlanVariableSource.collection(id: prod.id, name: "Production")
            #expect(Set(conflict.candidates.map(\.source)) == [labSource, prodSource])
            #expect(conflict.candidates.first { $0.source == labSource }?.value == "lab")
            #expect(conflict.candidates.first { $0.source == prodSource }.map { $0.value == nil } == true)
            #expect(conflict.winner == conflict.candidates.last?.source)
            let site = try #require(plan.environment.first { $0.name == "OSDSite" })
            #expect(site.source == .computer(name: "PLAN-01") && site.value == "pc")
            #expect(site.overrides == [labSource])
        }
    }
}
