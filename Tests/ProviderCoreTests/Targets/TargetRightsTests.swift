import Foundation
import ProviderCore
import ProviderStore
import Testing

/// Rights on collections (ObjectKey 1) and on the computers that follow them (reference §6.1:
/// secured resources follow collection Read / Read Resource), under ``PermissionPolicy``.
@Suite struct TargetRightsTests {
    let fixture: ServiceFixture
    var service: ProviderService { fixture.service }
    let root = Caller.system
    let alice = Caller(uid: 2001, groupIDs: [2001], userName: "alice", groupNames: ["alice"])
    let bob = Caller(uid: 2002, groupIDs: [2002], userName: "bob", groupNames: ["bob"])
    let lab: String
    let office: String

    init() throws {
        fixture = try ServiceFixture(policy: PermissionPolicy(superusers: Superusers(admins: [], uids: [0])), knownPrincipals: ["alice", "bob"])
        for (index, name) in ["LAB-01", "LAB-02", "OFFICE-01"].enumerated() {
            _ = try fixture.service.importComputer(ComputerEntry(name: name, macAddresses: ["00:11:22:33:44:0\(index)"]), for: .system)
        }
        lab = try fixture.service.createCollection(name: "Lab", for: .system)
        office = try fixture.service.createCollection(name: "Office", for: .system)
        try fixture.service.addDirectMembers(["LAB-01", "LAB-02"], to: lab, for: .system)
        try fixture.service.addDirectMembers(["OFFICE-01"], to: office, for: .system)
    }

    func grant(_ rights: Rights, to principal: String, on key: String? = nil) throws {
        _ = try service.setPermission(PermissionEntry(userName: principal, objectKey: SecuredClass.collection.objectKey, instanceKey: key, rights: rights), for: root)
    }

    @Test func aCallerWithoutRightsSeesNoCollectionAndNoComputerAnywhere() throws {
        #expect(try service.collections(for: alice).isEmpty)
        #expect(try service.computers(for: alice).isEmpty)
        #expect(try service.instances(ofClass: ClassName.collection, for: alice).isEmpty)
        #expect(try service.execQuery("SELECT * FROM SMS_R_System", for: alice).isEmpty)
        #expect(try service.execQuery("SELECT * FROM SMS_FullCollectionMembership", for: alice).isEmpty)
        #expect(throws: ProviderError.notFound(object: "SMS_Collection.CollectionID=\"\(lab)\"")) { try service.collection(lab, for: alice) }
        #expect(throws: ProviderError.notFound(object: "SMS_Collection.CollectionID=\"\(lab)\"")) { try service.getObject(.collection(lab), for: alice) }
        #expect(throws: ProviderError.notFound(object: "SMS_R_System.ResourceID=16777217")) { try service.computer(16_777_217, for: alice) }
    }

    @Test func readOnOneCollectionShowsItAndItsMembersOnly() throws {
        try grant(.read, to: "alice", on: lab)
        #expect(try service.collections(for: alice).map(\.collectionID) == [lab])
        #expect(try service.computers(for: alice).map(\.name) == ["LAB-01", "LAB-02"])
        #expect(try service.execQuery("SELECT Name FROM SMS_R_System", for: alice).compactMap { $0["Name"]?.description } == ["LAB-01", "LAB-02"])
        #expect(try service.execQuery("SELECT * FROM SMS_FullCollectionMembership", for: alice).count == 2)
        #expect(throws: ProviderError.notFound(object: "computer OFFICE-01")) { try service.computer(named: "OFFICE-01", for: alice) }
        // A member of a collection alice may read, found there through its other collection too.
        #expect(try service.collectionsContaining(computer: 16_777_217, for: alice).map(\.collectionID) == [lab])
    }

    @Test func classReadResourceShowsEveryComputerButNoCollection() throws {
        try grant(.readResource, to: "bob")
        #expect(try service.computers(for: bob).map(\.name) == ["LAB-01", "LAB-02", "OFFICE-01"])
        // ReadResource brings Read along, as every right that needs it does.
        #expect(try service.collections(for: bob).count == 2)
    }

    @Test func importNeedsImportMachineAndDeleteNeedsDeleteResource() throws {
        try grant(.read, to: "alice", on: lab)
        #expect(throws: ProviderError.accessDenied(right: "ImportMachine", object: "SMS_Collection")) {
            try service.importComputer(ComputerEntry(name: "NEW", macAddresses: ["00:11:22:33:44:55"]), for: alice)
        }
        #expect(throws: ProviderError.accessDenied(right: "Delete", object: "SMS_R_System.ResourceID=16777217")) {
            try service.deleteComputer(16_777_217, for: alice)
        }
        try grant(.importMachine, to: "alice")
        _ = try service.importComputer(ComputerEntry(name: "NEW", macAddresses: ["00:11:22:33:44:55"]), for: alice)
        try grant([.read, .deleteResource], to: "alice", on: lab)
        try service.deleteComputer(16_777_217, for: alice)
        #expect(try service.computers(for: root).map(\.name) == ["LAB-02", "OFFICE-01", "NEW"])
        #expect(throws: ProviderError.notFound(object: "SMS_R_System.ResourceID=16777219")) { try service.deleteComputer(16_777_219, for: alice) }
    }

    @Test func creatingACollectionNeedsCreateAndGivesTheCreatorItsRights() throws {
        #expect(throws: ProviderError.accessDenied(right: "Create", object: "SMS_Collection")) {
            try service.createCollection(name: "Mine", for: alice)
        }
        try grant(.create, to: "alice")
        let mine = try service.createCollection(name: "Mine", for: alice)
        #expect(try service.rights(onTarget: ObjectReference.collection(mine).relativePath, for: alice) == [.read, .modify, .delete, .create])
        // Only computers alice may read can be added.
        #expect(throws: ProviderError.notFound(object: "computer LAB-01")) { try service.addDirectMembers(["LAB-01"], to: mine, for: alice) }
        // A sub-collection needs Modify on the parent.
        try grant(.read, to: "alice", on: lab)
        #expect(throws: ProviderError.accessDenied(right: "Modify", object: "SMS_Collection.CollectionID=\"\(lab)\"")) {
            try service.createCollection(name: "Sub", parentCollectionID: lab, for: alice)
        }
        try service.addDirectMembers(["LAB-01"], to: mine, for: alice)
        #expect(try service.collectionMembers(mine, for: alice).map(\.name) == ["LAB-01"])
    }

    @Test func newRightBitsAreGrantableWithTheClassOnlyOnesOnClassesOnly() throws {
        try grant([.advertise, .readResource, .modifyResource, .deleteResource], to: "alice", on: lab)
        #expect(try service.rights(onTarget: ObjectReference.collection(lab).relativePath, for: alice)
            == [.read, .advertise, .readResource, .modifyResource, .deleteResource])
        #expect(throws: ProviderError.invalidArgument(name: "InstancePermissions", problem: "ImportMachine exists only at class level; grant it with SMS_UserClassPermissions")) {
            try grant(.importMachine, to: "alice", on: lab)
        }
    }

    @Test func aDeletedComputerNamesThoseWhoReadItThroughACollection() throws {
        try grant(.read, to: "alice", on: lab)
        try grant(.read, to: "bob", on: office)
        let recorder = EventRecorder()
        service.addObserver(recorder)
        try service.deleteComputer(16_777_217, for: root)
        let deleted = recorder.events.filter { $0.kind == .deleted }
        #expect(deleted.map(\.object) == [.computer(16_777_217)])
        // root created the collection, and holds Read on it by its creator entry.
        #expect(deleted.first?.formerReaders == ["alice", "root"])
        #expect(recorder.events.contains { $0.kind == .modified && $0.object == .collection(lab) && $0.changedProperties == ["MemberCount", "LastMemberChangeTime"] })
    }
}
