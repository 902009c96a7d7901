import DBusKit
import Foundation
import ProviderStore
import Testing
import TestSupport

/// Managing rights: Administer on the class manages everything of that class; Delegate on an
/// instance grants there only what its holder holds explicitly as itself; Read-only holders and
/// group delegates grant nothing. Grants follow the rules (Read added, class-only rights refused
/// on instances, dropping Read empties an entry), and deleting class rights deletes that user's
/// instance rights of the class.
extension SecurityMatrixTests {
    static let grantee = TestPrincipals.grantee.name
    static let tsKey = ObjectKey.taskSequencePackage

    /// A throwaway where delegate holds Read|Modify|Delegate as itself, the deploy group holds
    /// Read|Modify|Delegate (so member holds them only through a group), and reader holds Read.
    static func delegationThrowaway(_ world: SecurityWorld) throws -> (package: FixturePackage, model: AccessModel) {
        let package = try world.importThrowaway("Delegation throwaway")
        let model = try world.grant([
            PermissionGrant(principal: TestPrincipals.delegate.name, objectKey: tsKey, instanceKey: package.id, rights: [.read, .modify, .delegate]),
            PermissionGrant(principal: "@" + TestPrincipals.deployGroup, objectKey: tsKey, instanceKey: package.id, rights: [.read, .modify, .delegate]),
            PermissionGrant(principal: TestPrincipals.reader.name, objectKey: tsKey, instanceKey: package.id, rights: .read),
        ], created: [package.id])
        return (package, model)
    }

    /// The entry of `principal` on `instance` (class entry when `nil`), as root sees it.
    static func storedEntry(_ world: SecurityWorld, _ principal: String, _ objectKey: UInt32, _ instance: String?) throws -> StoredPermission? {
        try world.client.storedPermissions().first {
            $0.grant.principal == principal && $0.grant.objectKey == objectKey && $0.grant.instanceKey == instance
        }
    }

    @Test func aClassAdministratorManagesRightsByTheRules() throws {
        let world = try SecurityWorldTrait.current()
        let (package, model) = try Self.delegationThrowaway(world)
        let classAdmin = TestPrincipals.classAdmin

        var granting = MatrixBuilder(world: world, user: classAdmin, model: model)
        let first = granting.add("grantee on the throwaway", "grant Modify", .success(nil)) { .grantInstance($0, Self.grantee, Self.tsKey, package.id, .modify) }
        let again = granting.add("grantee on the throwaway", "grant Read|Delete (replaces)", .success(nil)) {
            .grantInstance($0, Self.grantee, Self.tsKey, package.id, [.read, .delete])
        }
        granting.add("grantee on the throwaway", "grant Create on an instance", .failure(Provider.invalidArgsError)) {
            .grantInstance($0, Self.grantee, Self.tsKey, package.id, .create)
        }
        granting.add("grantee on the throwaway", "grant Administer on an instance", .failure(Provider.invalidArgsError)) {
            .grantInstance($0, Self.grantee, Self.tsKey, package.id, .administer)
        }
        granting.add("grantee on class 20", "grant Create", .success(nil)) { .grantClass($0, Self.grantee, Self.tsKey, .create) }
        granting.add("grantee on class 2", "grant Read", .accessDenied(naming: ["Administer"])) { .grantClass($0, Self.grantee, ObjectKey.smsPackage, .read) }
        let granted = try MatrixRun.check(granting.plan, in: world)
        #expect(granted[first]?.result != nil && granted[first]?.result == granted[again]?.result,
                "granting an existing entry again must return its path: \(String(describing: granted[first])) then \(String(describing: granted[again]))")

        let instanceEntry = try #require(try Self.storedEntry(world, Self.grantee, Self.tsKey, package.id))
        #expect(instanceEntry.grant.rights == [.read, .delete], "Read|Delete granted over Read|Modify left \(instanceEntry.grant.rights)")
        let classEntry = try #require(try Self.storedEntry(world, Self.grantee, Self.tsKey, nil))
        #expect(classEntry.grant.rights == .create)
        #expect(try Self.storedEntry(world, Self.grantee, ObjectKey.smsPackage, nil) == nil)

        var changing = MatrixBuilder(world: world, user: classAdmin, model: model)
        // Delete needs Read, so asking for it keeps Read; Delegate does without, so asking for it
        // alone takes Read away — and with it everything.
        changing.add("grantee's entry", "Set Delete", .success(nil)) {
            .set($0, instanceEntry.path, Provider.instancePermissionsInterface, "InstancePermissions", .uint32(SMSRights.delete.rawValue))
        }
        changing.add("grantee's entry", "Get InstancePermissions", .success({ result in
            result?.uint32 == SMSRights([.read, .delete]).rawValue ? nil : "Delete must keep Read, got \(String(describing: result))"
        })) { .get($0, instanceEntry.path, Provider.instancePermissionsInterface, "InstancePermissions") }
        changing.add("grantee's entry", "drop Read", .success(nil)) {
            .set($0, instanceEntry.path, Provider.instancePermissionsInterface, "InstancePermissions", .uint32(SMSRights.delegate.rawValue))
        }
        // Nothing left: the entry is gone, as after a Delete.
        changing.add("grantee's emptied entry", "Get InstancePermissions", .failure(Provider.unknownObjectError)) {
            .get($0, instanceEntry.path, Provider.instancePermissionsInterface, "InstancePermissions")
        }
        changing.add("grantee's class entry", "Set Modify", .success(nil)) {
            .set($0, classEntry.path, Provider.classPermissionsInterface, "ClassPermissions", .uint32(SMSRights([.create, .modify]).rawValue))
        }
        changing.add("grantee's class entry", "Get ClassPermissions", .success({ result in
            result?.uint32 == SMSRights([.create, .modify, .read]).rawValue ? nil : "Modify must bring Read: \(String(describing: result))"
        })) { .get($0, classEntry.path, Provider.classPermissionsInterface, "ClassPermissions") }
        changing.add("grantee's class entry", "Delete", .success(nil)) { .method($0, classEntry.path, Provider.classPermissionsInterface, "Delete") }
        try MatrixRun.check(changing.plan, in: world)
        #expect(try world.client.storedPermissions().filter { $0.grant.principal == Self.grantee }.isEmpty)
    }

    @Test func delegateGrantsOnlyWhatItHoldsAsItselfWhereItHoldsDelegate() throws {
        let world = try SecurityWorldTrait.current()
        let (package, model) = try Self.delegationThrowaway(world)
        let delegate = TestPrincipals.delegate
        let missing = SecurityWorld.missingPackageID

        var granting = MatrixBuilder(world: world, user: delegate, model: model)
        let read = granting.add("grantee on the throwaway", "grant Read", .success(nil)) { .grantInstance($0, Self.grantee, Self.tsKey, package.id, .read) }
        let modify = granting.add("grantee on the throwaway", "grant Read|Modify", .success(nil)) {
            .grantInstance($0, Self.grantee, Self.tsKey, package.id, [.read, .modify])
        }
        granting.add("tspm-none on the throwaway", "grant Delete", .accessDenied(naming: ["Delete"])) {
            .grantInstance($0, TestPrincipals.none.name, Self.tsKey, package.id, .delete)
        }
        granting.add("tspm-none on the throwaway", "grant Read|Delete", .accessDenied(naming: ["Delete"])) {
            .grantInstance($0, TestPrincipals.none.name, Self.tsKey, package.id, [.read, .delete])
        }
        granting.add("grantee on P1", "grant Read", .success(nil)) { .grantInstance($0, Self.grantee, Self.tsKey, world.p1.id, .read) }
        for hidden in [world.p2, world.p3] {
            granting.add("grantee on \(hidden.label)", "grant Read", readable: false, allowed: false, hiddenError: nil, real: hidden.id, missing: missing) {
                .grantInstance($0, Self.grantee, Self.tsKey, hidden.id, .read)
            }
        }
        granting.add("grantee on class 20", "grant Read", .accessDenied(naming: ["Administer"])) { .grantClass($0, Self.grantee, Self.tsKey, .read) }
        let granted = try MatrixRun.check(granting.plan, in: world)
        #expect(granted[read]?.result != nil && granted[read]?.result == granted[modify]?.result)

        let entry = try #require(try Self.storedEntry(world, Self.grantee, Self.tsKey, package.id))
        #expect(entry.grant.rights == [.read, .modify])
        #expect(try Self.storedEntry(world, Self.grantee, Self.tsKey, world.p1.id)?.grant.rights == .read)
        for hidden in [world.p2, world.p3] {
            #expect(try Self.storedEntry(world, Self.grantee, Self.tsKey, hidden.id) == nil, "delegate granted on \(hidden.label)")
        }

        // The audit trail names who granted: uid and user name.
        let delegateUID = try UnixAccounts.identity(of: delegate).uid
        let audit = try world.daemon.openStore().read { try PermissionChangeRow.fetchAll($0) }
        #expect(audit.contains {
            $0.uid == delegateUID && $0.userName == delegate.name && $0.principal == Self.grantee && $0.instanceKey == package.id
                && $0.newRights == SMSRights([.read, .modify]).rawValue
        }, "no audit row for delegate's grant: \(audit.filter { $0.principal == Self.grantee })")

        // Asking for Delete over grantee's Read|Modify means Read|Delete: passing on Delete,
        // which delegate does not hold, is refused, and Delete must not end up granted.
        var overwriting = MatrixBuilder(world: world, user: delegate, model: model)
        let overwrite = overwriting.add("grantee on the throwaway", "grant Delete over Read|Modify", .accessDenied(naming: ["Delete"])) {
            .grantInstance($0, Self.grantee, Self.tsKey, package.id, .delete)
        }
        let overwritten = try ClientSession.run(overwriting.plan.calls, as: delegate, on: world.daemon)
        let afterOverwrite = try Self.storedEntry(world, Self.grantee, Self.tsKey, package.id)
        #expect(afterOverwrite?.grant.rights.contains(.delete) != true,
                "delegate's request for Delete (\(overwritten[overwrite].map { "\($0)" } ?? "")) left grantee with \(String(describing: afterOverwrite))")
        try world.client.grantInstanceRights(Self.grantee, objectKey: Self.tsKey, instance: package.id, rights: [.read, .modify])

        // Who may now see grantee's entry, and what grantee may do with what it was given.
        let after = AccessModel(admins: model.admins, grants: model.grants + [entry.grant])
        var seeing = MatrixBuilder(world: world, user: delegate, model: after)
        seeing.add("grantee's entry", "GetAll", .success(nil)) { .getAll($0, entry.path, Provider.instancePermissionsInterface) }
        try MatrixRun.check(seeing.plan, in: world)

        let missingEntry = Provider.instancePermissionsPath + "/zz0missing0"
        var reader = MatrixBuilder(world: world, user: TestPrincipals.reader, model: after)
        reader.add("grantee's entry", "GetAll", readable: false, allowed: false, real: entry.path, missing: missingEntry) {
            .getAll($0, entry.path, Provider.instancePermissionsInterface)
        }
        reader.add("grantee on the throwaway", "grant Read", .accessDenied(naming: ["Delegate", "Administer"])) {
            .grantInstance($0, TestPrincipals.none.name, Self.tsKey, package.id, .read)
        }
        try MatrixRun.check(reader.plan, in: world)

        var member = MatrixBuilder(world: world, user: TestPrincipals.member, model: after)
        member.add("grantee on the throwaway", "grant Read (Delegate only through a group)", .accessDenied(naming: ["Delegate", "Administer", "Read"])) {
            .grantInstance($0, TestPrincipals.none.name, Self.tsKey, package.id, .read)
        }
        try MatrixRun.check(member.plan, in: world)
        #expect(try Self.storedEntry(world, TestPrincipals.none.name, Self.tsKey, package.id) == nil, "a refused grant left an entry")

        // grantee now holds Read|Modify on the throwaway and Read on P1, as root's store says.
        let granteeModel = AccessModel(admins: model.admins, grants: try world.client.storedPermissions().map(\.grant))
        var grantee = MatrixBuilder(world: world, user: TestPrincipals.grantee, model: granteeModel)
        grantee.add("its own entry", "GetAll", .success(nil)) { .getAll($0, entry.path, Provider.instancePermissionsInterface) }
        grantee.addChangeCells(package, sequenceXML: try world.client.sequenceXML(ObjectPath(package.path)))
        try MatrixRun.check(grantee.plan, in: world, leaks: LeakScanner(world: world, user: TestPrincipals.grantee, model: granteeModel))
    }

    @Test func deletingAUsersClassRightsDeletesItsInstanceRightsOfThatClass() throws {
        let world = try SecurityWorldTrait.current()
        let first = try world.importThrowaway("Cascade throwaway 1")
        let second = try world.importThrowaway("Cascade throwaway 2")
        let model = try world.grant([
            PermissionGrant(principal: Self.grantee, objectKey: Self.tsKey, instanceKey: nil, rights: .read),
            PermissionGrant(principal: Self.grantee, objectKey: Self.tsKey, instanceKey: first.id, rights: .modify),
            PermissionGrant(principal: Self.grantee, objectKey: Self.tsKey, instanceKey: second.id, rights: .modify),
            PermissionGrant(principal: Self.grantee, objectKey: ObjectKey.smsPackage, instanceKey: world.s1.id, rights: .read),
            PermissionGrant(principal: TestPrincipals.reader.name, objectKey: Self.tsKey, instanceKey: first.id, rights: .read),
        ], created: [first.id, second.id])
        let classEntry = try #require(try Self.storedEntry(world, Self.grantee, Self.tsKey, nil))

        var builder = MatrixBuilder(world: world, user: TestPrincipals.classAdmin, model: model)
        builder.add("grantee's class entry", "Delete", .success(nil)) { .method($0, classEntry.path, Provider.classPermissionsInterface, "Delete") }
        try MatrixRun.check(builder.plan, in: world)

        let left = try world.client.storedPermissions().map(\.grant)
        #expect(!left.contains { $0.principal == Self.grantee && $0.objectKey == Self.tsKey }, "grantee's key-20 entries survived: \(left.filter { $0.principal == Self.grantee })")
        #expect(left.contains { $0.principal == Self.grantee && $0.objectKey == ObjectKey.smsPackage && $0.instanceKey == world.s1.id },
                "grantee's SMS_Package entry went with its task sequence class rights")
        #expect(left.contains { $0.principal == TestPrincipals.reader.name && $0.instanceKey == first.id }, "reader's entry went with grantee's class rights")

        let after = AccessModel(admins: model.admins, grants: left)
        var grantee = MatrixBuilder(world: world, user: TestPrincipals.grantee, model: after)
        grantee.add("cascade throwaway 1", "GetSequence", readable: false, allowed: false, real: first.id, missing: SecurityWorld.missingPackageID) {
            .method($0, first.path, Provider.packageInterface, "GetSequence")
        }
        try MatrixRun.check(grantee.plan, in: world)
    }
}
