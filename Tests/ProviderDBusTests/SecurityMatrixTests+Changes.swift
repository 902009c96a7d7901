import DBusKit
import Foundation
import ProviderStore
import TaskSequenceModel
import Testing
import TestSupport

/// Changes that are allowed really happen, and refused ones change nothing — each user on a
/// throwaway package of its own; creating packages; secrets kept through a non-root edit; the
/// config's admins through a group.
extension SecurityMatrixTests {
    /// The grants every throwaway of ``changesFollowTheRules(_:)`` gets: P1's pattern, and the
    /// deploy group with Read|Modify|Delete, so a group right is also exercised.
    static func throwawayGrants(_ id: String) -> [PermissionGrant] {
        let key = ObjectKey.taskSequencePackage
        return [
            PermissionGrant(principal: TestPrincipals.reader.name, objectKey: key, instanceKey: id, rights: .read),
            PermissionGrant(principal: TestPrincipals.editor.name, objectKey: key, instanceKey: id, rights: .modify),
            PermissionGrant(principal: TestPrincipals.delegate.name, objectKey: key, instanceKey: id, rights: [.read, .modify, .delegate]),
            PermissionGrant(principal: "@" + TestPrincipals.deployGroup, objectKey: key, instanceKey: id, rights: [.read, .modify, .delete]),
        ]
    }

    @Test(arguments: TestPrincipals.matrix)
    func changesFollowTheRules(_ user: TestPrincipal) throws {
        let world = try SecurityWorldTrait.current()
        let client = world.client
        let package = try world.importThrowaway("Throwaway of \(user.name)")
        let model = try world.grant(Self.throwawayGrants(package.id), created: [package.id])
        let original = try client.sequenceXML(ObjectPath(package.path))
        // An operator for the operator cells, added as root.
        let condition = try #require(package.conditionPath, "the throwaway has no condition")
        let operatorPath = try client.proxy(ObjectPath(condition)).call(
            Provider.conditionInterface, "AddOperator", [.objectPath(ObjectPath(condition)), .string("or")]).decode(ObjectPath.self)
        let withOperator = try client.sequenceXML(ObjectPath(package.path))

        var builder = MatrixBuilder(world: world, user: user, model: model)
        builder.addChangeCells(package, sequenceXML: original, operatorPath: operatorPath.rawValue)
        try MatrixRun.check(builder.plan, in: world)

        // The effects, as root sees them.
        let rights = model.rights(of: user, on: ObjectKey.taskSequencePackage, instance: package.id)
        let exists = try client.allPackageIDs().taskSequences.contains(package.id)
        #expect(exists == !rights.contains(.delete), "\(user) holds \(rights); the throwaway \(exists ? "still exists" : "is gone")")
        if exists {
            let description = try client.string("Description", of: Provider.packageInterface, at: ObjectPath(package.path))
            #expect(description == (rights.contains(.modify) ? MatrixBuilder.changedDescription(by: user) : "Throwaway"),
                    "\(user) holds \(rights); the Description is \(description)")
            if !rights.contains(.modify) {
                #expect(try client.sequenceXML(ObjectPath(package.path)) == withOperator, "\(user) may not modify, yet the sequence changed")
            }
        }
    }

    /// Create on the class lets tspm-creator make packages three ways; it then holds
    /// Read|Modify|Delete on each (an instance entry of its own) and nothing on P3.
    @Test func creatorsCreateAndThenOwnWhatTheyCreated() throws {
        let world = try SecurityWorldTrait.current()
        let creator = TestPrincipals.creator
        let isPackagePath: ResultCheck = { result in
            (result?.string ?? "").hasPrefix(Provider.packageClassPath + "/") ? nil : "expected a package path, got \(String(describing: result))"
        }
        var making = MatrixBuilder(world: world, user: creator)
        let ids = [
            making.add("class SMS_TaskSequencePackage", "CreateInstance", .success(isPackagePath)) {
                PlannedCall(id: $0, path: Provider.packageClassPath, interface: Provider.classInterface, member: "CreateInstance",
                            signature: "a{sv}", args: [.dictionary(["Name": .string("Made by creator 1")])])
            },
            making.add("root", "CreateInstance SMS_TaskSequencePackage", .success(isPackagePath)) {
                .root($0, "CreateInstance", "sa{sv}", [.string("SMS_TaskSequencePackage"), .dictionary(["Name": .string("Made by creator 2")])])
            },
            making.add("class SMS_TaskSequencePackage", "Import", .success(isPackagePath)) {
                PlannedCall(id: $0, path: Provider.packageClassPath, interface: Provider.packageClassInterface, member: "Import",
                            signature: "sa{sv}", args: [.string(SmallSequence.restart), .dictionary(["Name": .string("Made by creator 3")])])
            },
        ]
        let made = try MatrixRun.check(making.plan, in: world)
        let paths = ids.compactMap { made[$0]?.result?.string }
        try #require(paths.count == 3, "the creator could not create its packages")
        let created = paths.compactMap { $0.split(separator: "/").last.map(String.init) }

        let stored = Set(try world.client.storedPermissions().map(\.grant))
        for id in created {
            let entry = PermissionGrant(principal: creator.name, objectKey: ObjectKey.taskSequencePackage, instanceKey: id, rights: [.read, .modify, .delete])
            #expect(stored.contains(entry), "no creator entry \(entry); entries: \(stored.filter { $0.instanceKey == id })")
        }

        let model = AccessModel(admins: world.model.admins, grants: world.model.grants + created.map {
            PermissionGrant(principal: creator.name, objectKey: ObjectKey.taskSequencePackage, instanceKey: $0, rights: [.read, .modify, .delete])
        })
        var using = MatrixBuilder(world: world, user: creator, model: model)
        for (index, id) in created.enumerated() {
            let path = Provider.packagePath(id)
            using.add("created package \(index + 1)", "GetSequence", .success(nil)) { .method($0, path, Provider.packageInterface, "GetSequence") }
            using.add("created package \(index + 1)", "Set Description", .success(nil)) {
                .set($0, path, Provider.packageInterface, "Description", .string("Edited by its creator"))
            }
            using.add("created package \(index + 1)", "AddStep", .success(nil)) {
                PlannedCall(id: $0, path: path + "/Sequence", interface: Provider.sequenceInterface, member: "AddStep", signature: "sa{sv}i",
                            args: [.string("SMS_TaskSequence_RebootAction"), .dictionary(["Name": .string("Restart"), "Target": .string("HD")]), .int32(-1)])
            }
            let held = model.rights(of: creator, on: ObjectKey.taskSequencePackage, instance: id)
            using.add("created package \(index + 1)", "UserHasPermissions Read|Modify|Delete", .success(ResultChecks.permissions(
                granted: true, held: held, asked: [.read, .modify, .delete], superuser: false))) {
                .root($0, "UserHasPermissions", "su", [.string(Provider.packageRelativePath(id)), .uint32(7)])
            }
        }
        using.add("created package 2", "Delete", .success(nil)) { .method($0, Provider.packagePath(created[1]), Provider.packageInterface, "Delete") }
        using.add("class SMS_TaskSequencePackage", "Enumerate", .success(ResultChecks.set([Provider.packagePath(created[0]), Provider.packagePath(created[2])]))) {
            .method($0, Provider.packageClassPath, Provider.classInterface, "Enumerate")
        }
        using.add("P3 package", "GetSequence", readable: false, allowed: false, real: world.p3.id, missing: SecurityWorld.missingPackageID) {
            .method($0, world.p3.path, Provider.packageInterface, "GetSequence")
        }
        using.add("P3 package", "Validate", readable: false, allowed: false, real: world.p3.id, missing: SecurityWorld.missingPackageID) {
            .method($0, world.p3.path, Provider.packageInterface, "Validate")
        }
        try MatrixRun.check(using.plan, in: world)
        #expect(try world.client.allPackageIDs().taskSequences.intersection(created) == [created[0], created[2]])
    }

    /// An editor that is not root saves the sequence it read (password blanked, user name
    /// changed): the stored password is kept, the user name changes.
    @Test func aModifyHolderSavingTheBlankedSequenceKeepsTheStoredSecret() throws {
        let world = try SecurityWorldTrait.current()
        let editor = TestPrincipals.editor
        let package = try world.importThrowaway("Secret throwaway", xml: SecurityFixtureContent.runAsUser)
        let model = try world.grant([
            PermissionGrant(principal: editor.name, objectKey: ObjectKey.taskSequencePackage, instanceKey: package.id, rights: .modify),
        ], created: [package.id])

        var reading = MatrixBuilder(world: world, user: editor, model: model)
        let read = reading.add("secret throwaway", "GetSequence", .success(ResultChecks.lacks(SecurityFixtureContent.secret))) {
            .method($0, package.path, Provider.packageInterface, "GetSequence")
        }
        reading.add("secret throwaway step", "Get Settings", .success({ result in
            result?["UserPassword"]?.string == "" ? nil : "UserPassword is not blank: \(String(describing: result))"
        })) { .get($0, package.actionStep, Provider.actionInterface, "Settings") }
        let seen = try #require(try MatrixRun.check(reading.plan, in: world)[read]?.result?.string)
        #expect(seen.contains(#"corp\deploy"#))

        var saving = MatrixBuilder(world: world, user: editor, model: model)
        saving.add("secret throwaway", "SetSequence", .success(nil)) {
            PlannedCall(id: $0, path: package.path, interface: Provider.packageInterface, member: "SetSequence", signature: "su",
                        args: [.string(seen.replacingOccurrences(of: #"corp\deploy"#, with: #"corp\other"#)), .uint32(0)])
        }
        try MatrixRun.check(saving.plan, in: world)

        let store = try world.daemon.openStore()
        let stored = try store.read { try SequenceTree.load(packageID: package.id, in: $0) }
        #expect(stored.steps.first?.setting("UserPassword") == SecurityFixtureContent.secret, "the stored password was not kept")
        #expect(stored.steps.first?.setting("UserName") == #"corp\other"#)
    }

    /// `admins = @tspm-admins` makes tspm-admin a superuser: it reads P3, edits and deletes a
    /// package nobody granted it, creates packages and SMS_Packages, and manages rights.
    @Test func anAdminThroughTheConfigGroupMayDoEverything() throws {
        let world = try SecurityWorldTrait.current()
        let admin = TestPrincipals.admin
        let package = try world.importThrowaway("Throwaway of nobody")
        let model = try world.grant([], created: [package.id])
        #expect(model.isSuperuser(admin))

        var builder = MatrixBuilder(world: world, user: admin, model: model)
        builder.add("P3", "GetSequence", .success(nil)) { .method($0, world.p3.path, Provider.packageInterface, "GetSequence") }
        builder.add("P3", "UserHasPermissions all", .success(ResultChecks.permissions(granted: true, held: .all, asked: .all, superuser: true))) {
            .root($0, "UserHasPermissions", "su", [.string(world.p3.relativePath), .uint32(SMSRights.all.rawValue)])
        }
        builder.add("class SMS_Package", "CreateInstance", .success(nil)) {
            PlannedCall(id: $0, path: Provider.smsPackageClassPath, interface: Provider.classInterface, member: "CreateInstance",
                        signature: "a{sv}", args: [.dictionary(["Name": .string("Made by an admin")])])
        }
        builder.add("class SMS_TaskSequencePackage", "CreateInstance", .success(nil)) {
            PlannedCall(id: $0, path: Provider.packageClassPath, interface: Provider.classInterface, member: "CreateInstance",
                        signature: "a{sv}", args: [.dictionary(["Name": .string("Made by an admin")])])
        }
        builder.add("class SMS_UserClassPermissions", "CreateInstance", .success(nil)) {
            .grantClass($0, TestPrincipals.grantee.name, ObjectKey.smsPackage, .read)
        }
        builder.addChangeCells(package, sequenceXML: try world.client.sequenceXML(ObjectPath(package.path)))
        try MatrixRun.check(builder.plan, in: world)
        #expect(!(try world.client.allPackageIDs().taskSequences.contains(package.id)), "the admin's Delete left the package")
    }
}
