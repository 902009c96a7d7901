import Foundation
import ProviderCore
import ProviderStore
import Testing
import TaskSequenceModel

/// The SMS 2007 rights rules (reference §6.1) as ``PermissionPolicy`` and the service apply
/// them, without a bus: who sees what, who may change what, and how entries behave.
@Suite struct PermissionRuleTests {
    let fixture: ServiceFixture
    let root = Caller.system
    let alice = Caller(uid: 2001, groupIDs: [2001], userName: "alice", groupNames: ["alice"])
    let bob = Caller(uid: 2002, groupIDs: [2002, 3001], userName: "bob", groupNames: ["bob", "deploy"])
    let carol = Caller(uid: 2003, groupIDs: [2003], userName: "carol", groupNames: ["carol"])
    let dave = Caller(uid: 2004, groupIDs: [2004, 3002], userName: "dave", groupNames: ["dave", "osd-admins"])
    let sequence = #"<sequence version="3.10"><step type="SMS_TaskSequence_RebootAction" name="Restart"><action>smsboot.exe /target:HD</action><defaultVarList><variable name="SMSRebootTarget" property="Target">HD</variable></defaultVarList></step></sequence>"#

    init() throws {
        fixture = try ServiceFixture(
            policy: PermissionPolicy(superusers: Superusers(admins: ["carol", "@osd-admins"], uids: [0])),
            knownPrincipals: ["alice", "bob", "carol", "dave", "@alice", "@deploy", "@osd-admins"])
    }

    var service: ProviderService { fixture.service }

    func makePackage(_ name: String, as caller: Caller? = nil) throws -> String {
        try service.importPackage(data: Data(sequence.utf8), name: name, for: caller ?? root)
    }

    @discardableResult
    func grant(_ rights: Rights, to principal: String, on key: String? = nil, objectKey: UInt32 = 20, as caller: Caller? = nil) throws -> ObjectReference {
        try service.setPermission(PermissionEntry(userName: principal, objectKey: objectKey, instanceKey: key, rights: rights), for: caller ?? root)
    }

    /// The argument `body` was refused for as invalid; `nil` when it did not fail that way.
    func rejectedArgument(_ body: () throws -> Void) -> String? {
        do {
            try body()
        } catch let error as ProviderError {
            return error.argumentName
        } catch {}
        return nil
    }

    func entries(_ caller: Caller, instances: Bool = true) throws -> [PermissionEntry] {
        try service.permissionEntries(instances: instances, for: caller)
    }

    // MARK: Seeing

    @Test func superusersAreRootTheConfiguredUsersAndMembersOfConfiguredGroups() throws {
        let id = try makePackage("P")
        for caller in [root, carol, dave] {
            #expect(try service.packageIDs(for: caller) == [id], "\(caller.userName)")
            #expect(try service.rights(onTarget: ObjectReference.package(id).relativePath, for: caller) == .all)
        }
        #expect(try service.packageIDs(for: alice).isEmpty)
    }

    @Test func anUnreadablePackageLooksExactlyLikeAMissingOne() throws {
        let id = try makePackage("P")
        func failure(_ body: () throws -> Void) -> ProviderError? {
            do { try body(); return nil } catch { return error as? ProviderError }
        }
        let hidden = failure { _ = try service.package(id, for: alice) }
        let missing = failure { _ = try service.package("TST0FFFF", for: alice) }
        #expect(hidden == .notFound(object: ObjectReference.package(id).relativePath))
        #expect(missing == .notFound(object: ObjectReference.package("TST0FFFF").relativePath))
        #expect(failure { _ = try service.sequenceXML(packageID: id, for: alice) } == hidden)
        #expect(failure { try service.deletePackage(id, for: alice) } == hidden)
        #expect(failure { _ = try service.object(atRelativePath: ObjectReference.package(id).relativePath, for: alice) } == hidden)
        #expect(try service.rights(onTarget: ObjectReference.package(id).relativePath, for: alice) == [])
        #expect(try service.execQuery("SELECT PackageID FROM SMS_TaskSequencePackage", for: alice).isEmpty)
        #expect(try service.execQuery("SELECT * FROM SMS_TaskSequence_Step", for: alice).isEmpty)
        #expect(try service.instances(ofClass: "SMS_TaskSequence_Step", for: alice).isEmpty)
        // Creating needs Create on the class, and the class is no secret: the right is named.
        #expect(failure { _ = try makePackage("mine", as: alice) } == .accessDenied(right: "Create", object: "SMS_TaskSequencePackage"))
    }

    @Test func instanceReadShowsThatPackageAndWhatIsInItOnly() throws {
        let shared = try makePackage("shared"), other = try makePackage("other")
        try grant(.read, to: "alice", on: shared)
        #expect(try service.packageIDs(for: alice) == [shared])
        #expect(try service.execQuery("SELECT PackageID FROM SMS_TaskSequencePackage", for: alice).map(\.reference) == [.package(shared)])
        let steps = try service.execQuery("SELECT * FROM SMS_TaskSequence_Step", for: alice)
        #expect(!steps.isEmpty && steps.allSatisfy { $0.reference.owningPackageID == shared })
        #expect(try service.sequenceXML(packageID: shared, for: alice).contains("Restart"))
        #expect(throws: ProviderError.notFound(object: ObjectReference.package(other).relativePath)) { try service.package(other, for: alice) }
        // Readable, not writable: the missing right is named.
        #expect(throws: ProviderError.accessDenied(right: "Modify", object: ObjectReference.package(shared).relativePath)) {
            try service.updatePackage(shared, for: alice) { $0.description = "changed" }
        }
        let step = try #require(try service.allStepIDs(packageID: shared, for: alice).first)
        #expect(throws: ProviderError.accessDenied(right: "Modify", object: ObjectReference.package(shared).relativePath)) {
            try service.setStepProperty("Name", to: "x", stepID: step, packageID: shared, for: alice)
        }
    }

    @Test func classRightsCoverEveryInstanceOfTheirClassAndInstanceRightsAddToThem() throws {
        let first = try makePackage("first"), second = try makePackage("second")
        let boot = try service.createSMSPackage(SMSPackage(name: "Boot"), for: root)
        try grant(.read, to: "alice")
        try grant([.read, .modify], to: "alice", on: second)
        #expect(try service.packageIDs(for: alice) == [first, second])
        #expect(try service.smsPackageIDs(for: alice).isEmpty, "class rights on 20 say nothing about packages (2)")
        #expect(try service.rights(onTarget: ObjectReference.package(second).relativePath, for: alice) == [.read, .modify])
        try service.updatePackage(second, for: alice) { $0.description = "by alice" }
        #expect(throws: ProviderError.accessDenied(right: "Modify", object: ObjectReference.package(first).relativePath)) {
            try service.updatePackage(first, for: alice) { $0.description = "no" }
        }
        try grant(.read, to: "alice", objectKey: 2)
        #expect(try service.smsPackageIDs(for: alice) == [boot])
    }

    @Test func groupRightsReachEveryMember() throws {
        let id = try makePackage("for deployers")
        try grant(.read, to: "@deploy", on: id)
        #expect(try service.packageIDs(for: bob) == [id])
        #expect(try service.packageIDs(for: alice).isEmpty)
        #expect(try service.execQuery("SELECT PackageID FROM SMS_TaskSequencePackage", for: bob).count == 1)
    }

    // MARK: Entries

    @Test func readComesWithEveryRightThatNeedsItAndGoesWithEverything() throws {
        let id = try makePackage("P")
        let entry = try grant(.modify, to: "alice", on: id)
        #expect(try service.permissionEntry(entry, for: root).rights == [.read, .modify])
        // Asking for Modify and Delete keeps Read: they need it.
        try service.changeRights(of: entry, to: [.modify, .delete], for: root)
        #expect(try service.permissionEntry(entry, for: root).rights == [.read, .modify, .delete])
        try service.changeRights(of: entry, to: .delegate, for: root)
        #expect(throws: ProviderError.notFound(object: entry.relativePath), "taking Read away takes everything away, and the entry with it") {
            try service.permissionEntry(entry, for: root)
        }
        // Rights that do not need Read stand alone.
        let classEntry = try grant(.administer, to: "alice")
        #expect(try service.permissionEntry(classEntry, for: root).rights == .administer)
        try service.changeRights(of: classEntry, to: [.create, .delete], for: root)
        #expect(try service.permissionEntry(classEntry, for: root).rights == [.read, .delete, .create])
        try grant(.read, to: "alice", on: id)
        try service.changeRights(of: classEntry, to: [.create, .administer], for: root)
        #expect(try entries(root).filter { $0.userName == "alice" }.isEmpty, "the class entry went, and alice's instance entries with it")
        #expect(try entries(root, instances: false).isEmpty)
    }

    @Test func createAndAdministerExistOnlyOnClasses() throws {
        let id = try makePackage("P")
        for rights: Rights in [.create, .administer] {
            #expect(rejectedArgument { try grant(rights, to: "alice", on: id) } == "InstancePermissions")
        }
        #expect(throws: ProviderError.invalidArgument(name: "InstancePermissions", problem: "Create exists only at class level; grant it with SMS_UserClassPermissions")) {
            try grant([.read, .create], to: "alice", on: id)
        }
        #expect(rejectedArgument { try grant(Rights(rawValue: 1 << 30), to: "alice") } == "ClassPermissions")
        #expect(rejectedArgument { try grant([], to: "alice", on: id) } == "InstancePermissions")
        #expect(try PermissionRow.count(in: service) == 1, "only root's creator entry")
    }

    @Test func entriesNameKnownPrincipalsSecuredClassesAndReadableInstances() throws {
        let id = try makePackage("P")
        #expect(throws: ProviderError.invalidArgument(name: "UserName", problem: "there is no user mallory on this system")) { try grant(.read, to: "mallory", on: id) }
        #expect(rejectedArgument { try grant(.read, to: "@nogroup", on: id) } == "UserName")
        #expect(rejectedArgument { try grant(.read, to: "a/b", on: id) } == "UserName")
        #expect(rejectedArgument { try grant(.read, to: "alice", objectKey: 7) } == "ObjectKey")
        #expect(throws: ProviderError.notFound(object: ObjectReference.package("TST0FFFF").relativePath)) { try grant(.read, to: "alice", on: "TST0FFFF") }
        // PackageIDs compare without case; the entry keeps the stored spelling.
        let entry = try grant(.read, to: "alice", on: id.lowercased())
        #expect(entry == .instancePermission(principal: "alice", objectKey: 20, instanceKey: id))
    }

    @Test func theCreatorHoldsReadModifyDeleteOnWhatItCreated() throws {
        let others = try makePackage("root's")
        try grant(.create, to: "alice")
        let mine = try makePackage("alice's", as: alice)
        #expect(try service.packageIDs(for: alice) == [mine])
        #expect(try service.permissionEntries(instances: true, for: alice).map(\.rights) == [.creator])
        try service.updatePackage(mine, for: alice) { $0.description = "mine" }
        try service.deletePackage(mine, for: alice)
        #expect(throws: ProviderError.notFound(object: ObjectReference.package(others).relativePath)) { try service.deletePackage(others, for: alice) }
    }

    @Test func administerOnAClassManagesItsRightsAndThoseOfItsInstances() throws {
        let id = try makePackage("P")
        #expect(throws: ProviderError.accessDenied(right: "Administer", object: "class SMS_TaskSequencePackage")) { try grant(.read, to: "bob", as: alice) }
        try grant(.administer, to: "alice")
        try grant(.read, to: "bob", as: alice)
        try grant([.read, .modify], to: "@deploy", on: id, as: alice)
        #expect(Set(try entries(alice).map(\.userName)) == ["root", "@deploy"], "an administrator sees every entry of its class")
        #expect(try entries(alice, instances: false).count == 2)
        // Administer alone gives no access to the packages themselves.
        #expect(try service.packageIDs(for: alice).isEmpty)
    }

    @Test func delegatePassesOnOnlyRightsHeldExplicitlyThere() throws {
        let id = try makePackage("P"), other = try makePackage("Q")
        try grant([.read, .modify, .delegate], to: "alice", on: id)
        try grant(.delete, to: "@alice", on: id)
        try grant(.read, to: "alice", on: other)
        let bobsEntry = try grant([.read, .modify], to: "bob", on: id, as: alice)
        #expect(try service.permissionEntry(bobsEntry, for: alice).rights == [.read, .modify])
        // Delete reaches alice through a group entry: not hers to pass on.
        #expect(throws: ProviderError.accessDenied(right: "Delete (Delegate passes on only the rights alice holds there itself)", object: ObjectReference.package(id).relativePath)) {
            try service.changeRights(of: bobsEntry, to: [.read, .modify, .delete], for: alice)
        }
        // No Delegate on the other package, no class rights to manage.
        #expect(throws: ProviderError.accessDenied(right: "Administer (on class SMS_TaskSequencePackage) or Delegate", object: ObjectReference.package(other).relativePath)) {
            try grant(.read, to: "bob", on: other, as: alice)
        }
        #expect(throws: ProviderError.accessDenied(right: "Administer", object: "class SMS_TaskSequencePackage")) { try grant(.read, to: "bob", as: alice) }
        // A delegator sees the entries of its instance, others' entries stay hidden from bob.
        #expect(Set(try entries(alice).filter { $0.instanceKey == id }.map(\.userName)) == ["root", "alice", "@alice", "bob"])
        #expect(try entries(bob).map(\.userName) == ["bob"])
        try service.deletePermission(bobsEntry, for: alice)
    }

    @Test func delegateShowsTheEntriesOfReadableInstancesOnly() throws {
        let readable = try makePackage("readable"), hidden = try makePackage("hidden")
        try grant(.read, to: "bob", on: hidden)
        try grant(.delegate, to: "alice")
        #expect(try entries(alice).isEmpty, "class Delegate without Read shows no instance's entries")
        try grant(.read, to: "alice", on: readable)
        #expect(try entries(alice).allSatisfy { $0.instanceKey == readable })
        #expect(Set(try entries(alice).map(\.userName)) == ["root", "alice"])
        let bobs = ObjectReference.instancePermission(principal: "bob", objectKey: 20, instanceKey: hidden)
        #expect(throws: ProviderError.notFound(object: bobs.relativePath)) { try service.permissionEntry(bobs, for: alice) }
    }

    @Test func deletingClassRightsDeletesThatPrincipalsInstanceRightsOnTheClass() throws {
        let id = try makePackage("P")
        let boot = try service.createSMSPackage(SMSPackage(name: "Boot"), for: root)
        let classEntry = try grant(.read, to: "alice")
        try grant([.read, .modify], to: "alice", on: id)
        try grant(.read, to: "alice", on: boot, objectKey: 2)
        try grant(.read, to: "bob", on: id)
        try service.deletePermission(classEntry, for: root)
        let left = try entries(root).filter { $0.userName != "root" }
        #expect(left.map(\.userName).sorted() == ["alice", "bob"])
        #expect(left.first { $0.userName == "alice" }?.objectKey == 2)
    }

    @Test func deletingAnInstanceDeletesItsEntriesAndTellsWhoCouldReadIt() throws {
        let recorder = EventRecorder()
        service.addObserver(recorder)
        let id = try makePackage("P")
        try grant(.read, to: "@deploy", on: id)
        try service.deletePackage(id, for: root)
        #expect(try entries(root).isEmpty)
        let deleted = try #require(recorder.events.first { $0.kind == .deleted && $0.object == .package(id) })
        #expect(Set(deleted.formerReaders) == ["root", "@deploy"])
        #expect(recorder.events.filter { $0.kind == .deleted && $0.className == "SMS_UserInstancePermissions" }.count == 2)
        #expect(recorder.events.allSatisfy { $0.changedBy == root })
    }

    @Test func everyEntryIsVisibleToItsPrincipalAndHiddenFromOthers() throws {
        let id = try makePackage("P")
        let forBob = try grant(.read, to: "@deploy", on: id)
        try grant(.read, to: "alice", on: id)
        #expect(try entries(bob).map(\.reference) == [forBob])
        #expect(try service.instances(ofClass: "SMS_UserInstancePermissions", for: bob) == [forBob])
        #expect(try service.execQuery("SELECT UserName, InstancePermissions FROM SMS_UserInstancePermissions", for: bob).map(\.reference) == [forBob])
        #expect(try service.execQuery("SELECT * FROM SMS_UserInstancePermissions", for: root).count == 3)
        #expect(try service.object(atRelativePath: forBob.relativePath, for: bob) == forBob)
        let alicesPath = ObjectReference.instancePermission(principal: "alice", objectKey: 20, instanceKey: id).relativePath
        #expect(throws: ProviderError.notFound(object: alicesPath)) { try service.object(atRelativePath: alicesPath, for: bob) }
        // Seeing one's entry is not changing it.
        #expect(throws: ProviderError.accessDenied(right: "Administer (on class SMS_TaskSequencePackage) or Delegate", object: ObjectReference.package(id).relativePath)) {
            try service.changeRights(of: forBob, to: [.read, .modify], for: bob)
        }
    }

    @Test func aModifyHolderSetsNewSecretsButNeverReadsThem() throws {
        let xml = #"<sequence version="3.10"><step type="SMS_TaskSequence_RunCommandLineAction" name="As user"><action>smsswd.exe /run: whoami</action><defaultVarList><variable name="CommandLine" property="CommandLine" hidden="true">whoami</variable><variable name="SMSTSRunCommandLineUserName" property="UserName">corp\svc</variable><variable name="SMSTSRunCommandLineUserPassword" property="UserPassword">s3cret!</variable></defaultVarList></step></sequence>"#
        let id = try service.importPackage(data: Data(xml.utf8), for: root)
        try grant([.read, .modify], to: "alice", on: id)
        func stored() throws -> String? {
            try service.store.read { try SequenceTree.load(packageID: id, in: $0) }.steps[0].setting("UserPassword")
        }
        // What alice reads carries no secret; sending it back keeps the stored one.
        let seen = try service.sequenceXML(packageID: id, for: alice)
        #expect(!seen.contains("s3cret!"))
        _ = try service.setSequence(packageID: id, xml: seen, expectedSourceVersion: 0, for: alice)
        #expect(try stored() == "s3cret!")
        let step = try #require(try service.allStepIDs(packageID: id, for: alice).first)
        try service.setStepSettings(["UserPassword": ""], stepID: step, packageID: id, for: alice)
        #expect(try stored() == "s3cret!")
        // A new value replaces it, and still never comes back.
        try service.setStepSettings(["UserPassword": "n3w!"], stepID: step, packageID: id, for: alice)
        #expect(try stored() == "n3w!")
        #expect(try service.stepSettings(step, packageID: id, for: alice).first { $0.property == "UserPassword" }?.value == "")
        #expect(!(try service.export(packageID: id, format: .package, for: alice)).contains("n3w!"))
    }

    @Test func everyPermissionChangeIsAuditedWithWhoMadeIt() throws {
        let id = try makePackage("P")
        try grant(.administer, to: "alice")
        let entry = try grant(.modify, to: "bob", on: id, as: alice)
        try service.deletePermission(entry, for: alice)
        let changes = try service.store.read { db in try PermissionChangeRow.fetchAll(db) }
        #expect(changes.map(\.change) == ["creator", "grant", "grant", "delete"])
        #expect(changes.map(\.userName) == ["root", "root", "alice", "alice"])
        #expect(changes[2].uid == 2001 && changes[2].principal == "bob" && changes[2].newRights == 3 && changes[2].oldRights == 0)
        #expect(changes[3].oldRights == 3 && changes[3].newRights == 0)
    }
}

extension PermissionRow {
    /// Every entry, class and instance, in a service's store.
    static func count(in service: ProviderService) throws -> Int {
        try service.store.read { db in
            try fetchAll(db, instances: false, visibleUnder: .all).count + fetchAll(db, instances: true, visibleUnder: .all).count
        }
    }
}
