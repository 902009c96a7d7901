import Foundation
import GRDB
import Testing
import ProviderCore
import ProviderStore
import TaskSequenceModel
import TestSupport

/// ProviderService.plan on a real corpus sequence (DeploymentResearch's Windows 10 upgrade):
/// engine variables unknown until given, WMI and folder operands decided by facts, a Set
/// Variable step whose path uses an engine variable, and failures inside and outside a group
/// that continues on error.
@Suite struct PlanTests {
    let fixture: ServiceFixture
    let packageID: String

    init() throws {
        fixture = try ServiceFixture()
        let name = try #require(Fixtures.realWorldNames.first { $0.contains("Windows10UpgradeTS") })
        packageID = try fixture.service.importPackage(data: try Fixtures.data(name), for: fixture.root)
    }

    static let dell = "wmi:root\\cimv2:SELECT * FROM Win32_ComputerSystem WHERE Model LIKE '%Latitude E7270%'"
    static let hp = "wmi:root\\cimv2:SELECT * FROM Win32_ComputerSystem WHERE Model LIKE '%EliteBook 8560w%'"

    /// Everything the sequence depends on, given: an upgrade that passed its assessment, on a Dell.
    static let decided = PlanRequest(
        variables: [
            PlanVariable(name: "_SMSTSOSUpgradeActionReturnCode", value: "3247440400"),
            PlanVariable(name: "_SMSTSSetupRollback", value: "false"),
            PlanVariable(name: "_SMSTSMDataPath", value: "C:\\_SMSTaskSequence"),
        ],
        facts: [dell: "rows", hp: "none", "folder:C:\\_SMSTaskSequence\\Drivers": "exists"])

    private func decisions(_ plan: StoredPackagePlan) -> [String] {
        plan.plan.steps.map { "\($0.name): \($0.decision.rawValue)" }
    }

    private func reason(_ plan: StoredPackagePlan, _ name: String) -> String {
        plan.plan.steps.first { $0.name == name }?.reason ?? "no step \(name)"
    }

    @Test func withNothingGivenEngineVariablesAndMachineFactsAreUnknownAndNamed() throws {
        let plan = try fixture.service.plan(packageID: packageID, request: PlanRequest(), for: fixture.root)
        #expect(decisions(plan) == [
            "Prepare for Upgrade: run", "Check Readiness for Upgrade: run", "Upgrade Assessment: run",
            "Upgrade the Operating System: unknown", "Download Drivers: unknown", "Dell Latitude E7270: unknown",
            "HP EliteBook 8560w: unknown", "Instruct setup to install drivers if available: unknown",
            "Upgrade Operating System: unknown", "Restart Computer: unknown",
            "Post-Processing: unknown", "Install Updates: unknown", "Install Applications: unknown", "Rollback: unknown",
        ])
        #expect(reason(plan, "Upgrade the Operating System") == "unknown: _SMSTSOSUpgradeActionReturnCode equals \"3247440400\" — _SMSTSOSUpgradeActionReturnCode is set by the engine at run time — supply --var _SMSTSOSUpgradeActionReturnCode=VALUE")
        #expect(reason(plan, "Download Drivers") == "parent group 'Upgrade the Operating System' may not run")
        // The StepIDs are the stored steps', in document order.
        #expect(plan.stepIDs.sorted() == (try fixture.service.allStepIDs(packageID: packageID, for: fixture.root)))
        #expect(plan.stepIDs.first == (try fixture.service.topLevelStepIDs(packageID: packageID, for: fixture.root)).first)
        #expect(plan.plan.steps.map(\.depth) == [0, 1, 1, 0, 1, 2, 2, 2, 1, 1, 0, 1, 1, 0])
        let builtIns = Dictionary(uniqueKeysWithValues: plan.plan.environment.map { ($0.name, $0.value) })
        #expect(builtIns["_SMSTSPackageID"] == packageID)
        #expect(builtIns["_SMSTSType"] == "2")
        #expect(builtIns["_SMSTSSiteCode"] == "TST")
        #expect(builtIns["_SMSTSPackageName"] == (try fixture.service.package(packageID, for: fixture.root)).name)
        #expect(plan.plan.environment.allSatisfy { $0.source == .builtIn })
    }

    @Test func variablesAndFactsDecideEveryStep() throws {
        let plan = try fixture.service.plan(packageID: packageID, request: Self.decided, for: fixture.root)
        #expect(decisions(plan) == [
            "Prepare for Upgrade: run", "Check Readiness for Upgrade: run", "Upgrade Assessment: run",
            "Upgrade the Operating System: run", "Download Drivers: run", "Dell Latitude E7270: run",
            "HP EliteBook 8560w: skip", "Instruct setup to install drivers if available: run",
            "Upgrade Operating System: run", "Restart Computer: run",
            "Post-Processing: run", "Install Updates: run", "Install Applications: run", "Rollback: skip",
        ])
        #expect(reason(plan, "HP EliteBook 8560w") == "condition false: WMI root\\cimv2 \"SELECT * FROM Win32_ComputerSystem WHERE Model LIKE '%EliteBook 8560w%'\" (from --fact \(Self.hp))")
        #expect(reason(plan, "Instruct setup to install drivers if available") == "condition true: Folder \"%_SMSTSMDataPath%\\Drivers\" exists (from --fact folder:C:\\_SMSTaskSequence\\Drivers); sets OSDUpgradeStagedContent = \"C:\\_SMSTaskSequence\\Drivers\"")
        #expect(reason(plan, "Rollback") == "condition false: _SMSTSSetupRollback equals \"true\" (value: false, from command line)")
        #expect(plan.plan.outcome == .completes)
    }

    @Test func aFailureInsideAContinueOnErrorGroupGoesOnAndOneOutsideEndsTheRun() throws {
        var request = Self.decided
        request.failing = ["Dell Latitude E7270"]
        let caught = try fixture.service.plan(packageID: packageID, request: request, for: fixture.root)
        #expect(reason(caught, "Instruct setup to install drivers if available") == "not reached: step 'Dell Latitude E7270' failed")
        #expect(reason(caught, "Download Drivers").hasSuffix("; a failure inside (step 'Dell Latitude E7270') continues after the group (continue on error)"))
        #expect(caught.plan.steps.first { $0.name == "Upgrade Operating System" }?.decision == .run)
        #expect(caught.plan.outcome == .completes)

        // By StepID: the upgrade itself, in a group without continue on error.
        let upgrade = try #require(caught.plan.steps.first { $0.name == "Upgrade Operating System" }?.stepID)
        request.failing = [String(upgrade)]
        let fatal = try fixture.service.plan(packageID: packageID, request: request, for: fixture.root)
        for name in ["Restart Computer", "Post-Processing", "Install Updates", "Install Applications", "Rollback"] {
            #expect(reason(fatal, name) == "not reached: step 'Upgrade Operating System' failed")
            #expect(fatal.plan.steps.first { $0.name == name }?.decision == .skip)
        }
        #expect(fatal.plan.outcome == .fails(step: "Upgrade Operating System"))
        #expect(fatal.plan.steps.filter(\.assumedToFail).map(\.name) == ["Upgrade Operating System"])
    }

    @Test func badInputIsRefusedNamingIt() throws {
        #expect(throws: ProviderError.invalidArgument(name: "Fail", problem: "no step 'Nope', '99999' in package \(packageID) (give StepIDs, paths or names)")) {
            try fixture.service.plan(packageID: packageID, request: PlanRequest(failing: ["Nope", "Restart Computer", "99999"]), for: fixture.root)
        }
        #expect(throws: ProviderError.invalidArgument(name: "Facts", problem: "fact 'file:C:\\x': value 'maybe' is not missing, exists or exists;version=V;modified=CIMDATE")) {
            try fixture.service.plan(packageID: packageID, request: PlanRequest(facts: ["file:C:\\x": "maybe"]), for: fixture.root)
        }
        #expect(throws: ProviderError.notFound(object: "SMS_R_System.Name=\"PC9\"")) {
            try fixture.service.plan(packageID: packageID, request: PlanRequest(computer: "PC9"), for: fixture.root)
        }
        #expect(throws: ProviderError.notFound(object: "SMS_TaskSequencePackage.PackageID=\"TST99999\"")) {
            try fixture.service.plan(packageID: "TST99999", request: PlanRequest(), for: fixture.root)
        }
    }

    /// Everything for root, nothing for anyone else: every package is hidden from them.
    struct RootOnlyRightsPolicy: AccessPolicy {
        func admit(_ caller: Caller) throws {}
        func rights(of caller: Caller, on object: ObjectReference, in db: StoreDatabase) throws -> Rights { caller.uid == 0 ? .all : [] }
    }

    @Test func aPackageTheCallerMayNotReadDoesNotExistForIt() throws {
        let hidden = try ServiceFixture(policy: RootOnlyRightsPolicy())
        let name = try #require(Fixtures.realWorldNames.first { $0.contains("Windows10UpgradeTS") })
        let id = try hidden.service.importPackage(data: try Fixtures.data(name), for: hidden.root)
        #expect(throws: ProviderError.notFound(object: "SMS_TaskSequencePackage.PackageID=\"\(id)\"")) {
            try hidden.service.plan(packageID: id, request: PlanRequest(), for: hidden.stranger)
        }
    }
}
