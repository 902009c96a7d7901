import Foundation
import Testing
import TaskSequenceModel
@testable import ProviderCore
import ProviderStore

/// Advertisements, collection and computer variables, and what the dry-run planner reads, with
/// the rights of reference §6.1 applied by ``PermissionPolicy``.
@Suite struct DeploymentTests {
    let fixture: ServiceFixture
    let root = Caller.system
    let alice = Caller(uid: 2001, groupIDs: [2001], userName: "alice", groupNames: ["alice"])
    let bob = Caller(uid: 2002, groupIDs: [2002], userName: "bob", groupNames: ["bob"])
    let sequence = #"<sequence version="3.10"><step type="SMS_TaskSequence_RebootAction" name="Restart"><action>smsboot.exe /target:HD</action><defaultVarList><variable name="SMSRebootTarget" property="Target">HD</variable></defaultVarList></step></sequence>"#

    init() throws {
        fixture = try ServiceFixture(policy: PermissionPolicy(superusers: Superusers(admins: [], uids: [0])), knownPrincipals: ["alice", "bob"])
    }

    var service: ProviderService { fixture.service }

    /// A package, a collection `Lab` with computer PC-01 in it and a sub-collection `Lab / Floor 2`
    /// with PC-02.
    func world() throws -> (package: String, lab: String, floor: String, pc1: UInt32, pc2: UInt32) {
        let package = try service.importPackage(data: Data(sequence.utf8), name: "Windows 11", for: root)
        let pc1 = try service.importComputer(ComputerEntry(name: "PC-01", macAddresses: ["00:11:22:33:44:01"]), for: root)
        let pc2 = try service.importComputer(ComputerEntry(name: "PC-02", macAddresses: ["00:11:22:33:44:02"]), for: root)
        let lab = try service.createCollection(name: "Lab", for: root)
        let floor = try service.createCollection(name: "Floor 2", parentCollectionID: lab, for: root)
        try service.addDirectMembers(["PC-01"], to: lab, for: root)
        try service.addDirectMembers(["PC-02"], to: floor, for: root)
        return (package, lab, floor, pc1, pc2)
    }

    func grant(_ rights: Rights, to principal: String, objectKey: UInt32, on key: String? = nil) throws {
        try service.setPermission(PermissionEntry(userName: principal, objectKey: objectKey, instanceKey: key, rights: rights), for: root)
    }

    func deploy(_ package: String, to collection: String, as caller: Caller? = nil, _ extra: [(String, String)] = []) throws -> String {
        try service.createAdvertisement([("AdvertisementName", "Deploy \(package)"), ("PackageID", package), ("CollectionID", collection)] + extra, for: caller ?? root)
    }

    // MARK: Advertisements

    @Test func anAdvertisementGetsItsOwnIDAndTheTaskSequenceDefaults() throws {
        let w = try world()
        let id = try deploy(w.package, to: w.lab, [("AdvertFlags", "0x800000"), ("OfferType", "required")])
        #expect(id == "TST00001", "numbered apart from the package \(w.package)")
        let row = try service.advertisement(id, for: root)
        #expect(row.programName == "*" && row.advertFlags == .showProgress && row.offerType == .required)
        #expect(row.packageID == w.package && row.collectionID == w.lab && row.sourceSite == "TST" && row.presentTime == 1_700_000_000)
        #expect(try service.advertisements(packageID: w.package, for: root).map(\.advertisementID) == [id])
    }

    @Test func notNullPropertiesAreRequiredAndProgramNameIsTheStar() throws {
        let w = try world()
        #expect(throws: ProviderError.validationFailed(property: "AdvertisementName", rule: "is Not_Null: an advertisement needs it")) {
            try service.createAdvertisement([("PackageID", w.package), ("CollectionID", w.lab)], for: root)
        }
        #expect(throws: ProviderError.validationFailed(property: "ProgramName", rule: "must be * for a task sequence package, got 'Install'")) {
            try deploy(w.package, to: w.lab, [("ProgramName", "Install")])
        }
        #expect(throws: ProviderError.validationFailed(property: "OfferType", rule: "must be 0 (required) or 2 (available), got 'soon'")) {
            try deploy(w.package, to: w.lab, [("OfferType", "soon")])
        }
        #expect(throws: ProviderError.notFound(object: "SMS_Collection.CollectionID=\"TST09999\"")) { try deploy(w.package, to: "TST09999") }
        #expect(try service.advertisementIDs(for: root).isEmpty, "a failed call changes nothing")
    }

    @Test func immutablePropertiesRefuseChangesNamingThemAndOthersChange() throws {
        let w = try world()
        let id = try deploy(w.package, to: w.lab)
        for (property, value) in [("AdvertisementName", "Other"), ("CollectionID", w.floor), ("PackageID", "TST0FFFF"), ("ProgramName", "Setup")] {
            #expect(throws: ProviderError.readOnly(property: "\(property) (fixed once the advertisement exists, reference §2.5: delete \(id) and deploy again to change it)")) {
                try service.modifyAdvertisement(id, changes: [(property, value)], for: root)
            }
        }
        // The same value again is no change; writable ones change.
        try service.modifyAdvertisement(id, changes: [("CollectionID", w.lab.lowercased()), ("Comment", "go"), ("IncludeSubCollection", "false"),
                                                      ("ExpirationTime", "20270101000000.000000+000"), ("ExpirationTimeEnabled", "true")], for: root)
        let row = try service.advertisement(id, for: root)
        #expect(row.comment == "go" && !row.includeSubCollection && row.expirationTimeEnabled && row.expirationTime == 1_798_761_600)
        #expect(row.collectionID == w.lab, "the stored spelling stays")
    }

    @Test func deployingNeedsCreateAdvertiseAndReadAndTheCreatorGetsRights() throws {
        let w = try world()
        try grant([.create], to: "alice", objectKey: 3)
        try grant([.read], to: "alice", objectKey: 20, on: w.package)
        try grant([.read], to: "alice", objectKey: 1, on: w.lab)
        #expect(throws: ProviderError.accessDenied(right: "Advertise", object: "SMS_Collection.CollectionID=\"\(w.lab)\"")) {
            try deploy(w.package, to: w.lab, as: alice)
        }
        // A collection alice may not read does not exist for her.
        #expect(throws: ProviderError.notFound(object: "SMS_Collection.CollectionID=\"\(w.floor)\"")) { try deploy(w.package, to: w.floor, as: alice) }
        try grant([.read, .advertise], to: "alice", objectKey: 1, on: w.lab)
        let id = try deploy(w.package, to: w.lab, as: alice)
        #expect(try service.advertisement(id, for: alice).advertisementID == id)
        // Bob has class Advertise and Read on packages but no Create on advertisements.
        try grant([.read, .advertise], to: "bob", objectKey: 1)
        try grant([.read], to: "bob", objectKey: 20)
        #expect(throws: ProviderError.accessDenied(right: "Create", object: "SMS_Advertisement")) { try deploy(w.package, to: w.lab, as: bob) }
        // And alice's advertisement does not exist for him.
        #expect(throws: ProviderError.notFound(object: "SMS_Advertisement.AdvertisementID=\"\(id)\"")) { try service.advertisement(id, for: bob) }
        #expect(try service.advertisementIDs(for: bob).isEmpty)
        #expect(try service.execQuery("SELECT * FROM SMS_Advertisement", for: bob).isEmpty)
        #expect(try service.execQuery("SELECT AdvertisementID FROM SMS_Advertisement", for: alice).count == 1)

        // Deleting needs Advertise on the collection still.
        try grant([.read], to: "alice", objectKey: 1, on: w.lab)
        #expect(throws: ProviderError.accessDenied(right: "Advertise", object: "SMS_Collection.CollectionID=\"\(w.lab)\"")) {
            try service.deleteAdvertisement(id, for: alice)
        }
        try grant([.read, .advertise], to: "alice", objectKey: 1, on: w.lab)
        try service.deleteAdvertisement(id, for: alice)
        #expect(try service.advertisementIDs(for: root).isEmpty)
    }

    @Test func aDeployedPackageOrCollectionCannotBeDeleted() throws {
        let w = try world()
        let id = try deploy(w.package, to: w.floor)
        #expect(throws: ProviderError.validationFailed(property: "PackageID", rule: "\(w.package) is deployed by \(id); delete those advertisements first")) {
            try service.deletePackage(w.package, for: root)
        }
        #expect(throws: ProviderError.validationFailed(property: "CollectionID", rule: "the collection is the target of advertisements; delete them first")) {
            try service.deleteCollection(w.floor, for: root)
        }
        try service.deleteAdvertisement(id, for: root)
        try service.deleteCollection(w.floor, for: root)
        try service.deletePackage(w.package, for: root)
    }

    // MARK: Variables

    @Test func variablesFollowTheRulesAndMaskedValuesAreWriteOnly() throws {
        let w = try world()
        let lab = VariableOwner.collection(w.lab)
        try service.setVariable(DeploymentVariable(name: "OSDDomain", value: "corp"), on: lab, for: root)
        try service.setVariable(DeploymentVariable(name: "JoinPassword", value: "planted-Secret-1", isMasked: true), on: lab, for: root)
        #expect(try service.variables(of: lab, for: root) == [
            DeploymentVariable(name: "OSDDomain", value: "corp"), DeploymentVariable(name: "JoinPassword", value: "", isMasked: true),
        ])
        // A blank sent back keeps the secret: the planner still sees it.
        try service.setVariable(DeploymentVariable(name: "joinpassword", value: "", isMasked: true), on: lab, for: root)
        let environment = try service.deploymentVariables(forComputer: "pc-01", for: root)
        #expect(environment.collections.first?.variables.last == DeploymentVariable(name: "JoinPassword", value: "planted-Secret-1", isMasked: true))

        #expect(throws: ProviderError.validationFailed(property: "Name", rule: "'_SMSTSx' starts with an underscore, which only read-only built-in variables do")) {
            try service.setVariable(DeploymentVariable(name: "_SMSTSx", value: "1"), on: lab, for: root)
        }
        #expect(throws: ProviderError.validationFailed(property: "Name", rule: "collection \(w.lab) has no variable Nope")) {
            try service.removeVariable(named: "Nope", from: lab, for: root)
        }
        try service.removeVariable(named: "osddomain", from: lab, for: root)
        #expect(try service.variables(of: lab, for: root).map(\.name) == ["JoinPassword"])
    }

    @Test func aComputerHoldsAtMostAThousandVariables() throws {
        let w = try world()
        let pc = VariableOwner.computer(resourceID: w.pc1)
        for index in 0..<1_000 { try service.setVariable(DeploymentVariable(name: "V\(index)", value: "x"), on: pc, for: root) }
        #expect(throws: ProviderError.limitsExceeded("computer \(w.pc1) already holds 1000 variables, the most one computer may hold (1000); remove one first")) {
            try service.setVariable(DeploymentVariable(name: "OneMore", value: "x"), on: pc, for: root)
        }
        try service.setVariable(DeploymentVariable(name: "v0", value: "changed"), on: pc, for: root)
        #expect(try service.variables(of: pc, for: root).count == 1_000)
    }

    @Test func changingVariablesNeedsTheCollectionRights() throws {
        let w = try world()
        try grant([.read], to: "alice", objectKey: 1, on: w.lab)
        #expect(try service.variables(of: .collection(w.lab), for: alice).isEmpty)
        #expect(throws: ProviderError.accessDenied(right: "Modify or ModifyCollectionSetting on SMS_Collection.CollectionID=\"\(w.lab)\"",
                                                   object: "SMS_CollectionSettings.CollectionID=\"\(w.lab)\"")) {
            try service.setVariable(DeploymentVariable(name: "A", value: "1"), on: .collection(w.lab), for: alice)
        }
        try grant([.read, .modifyCollectionSetting], to: "alice", objectKey: 1, on: w.lab)
        try service.setVariable(DeploymentVariable(name: "A", value: "1"), on: .collection(w.lab), for: alice)
        // PC-01 is in Lab: reading it needs Read (or Read Resource); changing it Modify Resource.
        #expect(try service.variables(of: .computer(resourceID: w.pc1), for: alice).isEmpty)
        #expect(throws: ProviderError.accessDenied(right: "ModifyResource on a collection holding the computer", object: "SMS_MachineSettings.ResourceID=\(w.pc1)")) {
            try service.setVariable(DeploymentVariable(name: "A", value: "1"), on: .computer(resourceID: w.pc1), for: alice)
        }
        // PC-02 is only in Floor 2, which alice may not read: it does not exist for her.
        #expect(throws: ProviderError.notFound(object: "SMS_MachineSettings.ResourceID=\(w.pc2)")) {
            try service.variables(of: .computer(resourceID: w.pc2), for: alice)
        }
        try grant([.read, .modifyResource], to: "alice", objectKey: 1, on: w.lab)
        try service.setVariable(DeploymentVariable(name: "A", value: "2"), on: .computer(resourceID: w.pc1), for: alice)
        #expect(try service.variables(of: .computer(resourceID: w.pc1), for: alice) == [DeploymentVariable(name: "A", value: "2")])
    }

    @Test func aDeletedComputerOrCollectionTakesItsVariablesAlong() throws {
        let w = try world()
        try service.setVariable(DeploymentVariable(name: "A", value: "1"), on: .collection(w.floor), for: root)
        try service.setVariable(DeploymentVariable(name: "B", value: "2"), on: .computer(resourceID: w.pc2), for: root)
        try service.deleteCollection(w.floor, for: root)
        try service.deleteComputer(w.pc2, for: root)
        let owners = try fixture.service.store.read { db in
            try DeploymentVariableRow.ownerKeys(db, owner: .collection) + DeploymentVariableRow.ownerKeys(db, owner: .machine)
        }
        #expect(owners.isEmpty)
    }

    // MARK: What the planner reads

    @Test func deploymentVariablesListCollectionsThenTheComputer() throws {
        let w = try world()
        let other = try service.createCollection(name: "Everyone", for: root)
        try service.addDirectMembers(["PC-01"], to: other, for: root)
        try service.setVariable(DeploymentVariable(name: "OSDDomain", value: "lab"), on: .collection(w.lab), for: root)
        try service.setVariable(DeploymentVariable(name: "OSDDomain", value: "corp"), on: .collection(other), for: root)
        try service.setVariable(DeploymentVariable(name: "OSDDomain", value: "pc"), on: .computer(resourceID: w.pc1), for: root)
        let environment = try service.deploymentVariables(forComputer: "PC-01", for: root)
        #expect(environment.resourceID == w.pc1 && environment.computerName == "PC-01" && environment.hiddenCollectionCount == 0)
        #expect(environment.collections.map(\.collectionID) == [w.lab, other].sorted())
        #expect(environment.collections.first { $0.collectionID == w.lab }?.variables == [DeploymentVariable(name: "OSDDomain", value: "lab")])
        #expect(environment.computerVariables == [DeploymentVariable(name: "OSDDomain", value: "pc")])

        // Alice reads Lab (and so PC-01) but not Everyone: its variables are left out, and counted.
        try grant([.read], to: "alice", objectKey: 1, on: w.lab)
        let seen = try service.deploymentVariables(forComputer: "PC-01", for: alice)
        #expect(seen.collections.map(\.collectionID) == [w.lab] && seen.hiddenCollectionCount == 1)
        #expect(throws: ProviderError.notFound(object: "SMS_R_System.Name=\"PC-02\"")) { try service.deploymentVariables(forComputer: "PC-02", for: alice) }
    }

    @Test func advertisementsReachAComputerThroughSubCollectionsOnlyWhenTheySaySo() throws {
        let w = try world()
        let toLab = try deploy(w.package, to: w.lab, [("IncludeSubCollection", "true")])
        let toLabOnly = try deploy(w.package, to: w.lab, [("IncludeSubCollection", "false")])
        let toFloor = try deploy(w.package, to: w.floor)
        #expect(try service.advertisements(ofPackage: w.package, toComputer: "PC-01", for: root).map(\.advertisementID) == [toLab, toLabOnly])
        #expect(try service.advertisements(ofPackage: w.package, toComputer: "PC-02", for: root).map(\.advertisementID) == [toLab, toFloor])
    }
}
