import DBusKit
import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A change root makes while the subscribers listen, and who must hear of it.
private struct HeardChange {
    let what: String
    /// The object the signal must name.
    let path: String
    /// Signals that count as hearing of it; empty when only silence towards non-readers is
    /// checked.
    let members: Set<String>
    /// Whether a principal may read the object.
    let readable: @Sendable (TestPrincipal) -> Bool
}

extension SecurityMatrixTests {
    /// Every principal subscribes (python-dbus with a GLib loop, as that user); root changes P1,
    /// P2, P3, deletes one package, creates another, grants and revokes a right on P3 and
    /// changes editor's entry on P1 and back; a
    /// Peer.Ping to the daemon then orders everything sent before. Each principal heard of
    /// exactly the objects it may read, and its output mentions nothing else.
    @Test func signalsReachOnlyThoseWhoMayReadTheObject() async throws {
        let world = try SecurityWorldTrait.current()
        let client = world.client
        let reader = TestPrincipals.reader

        // Prepared before anyone listens: a package reader may read, to be deleted.
        let doomed = try await client.importPackage(SmallSequence.restart, name: "Matrix doomed package")
        let doomedID = try #require(doomed.lastComponent.map(String.init))
        try client.grantInstanceRights(reader.name, objectKey: ObjectKey.taskSequencePackage, instance: doomedID, rights: .read)
        let entriesBefore = try client.storedPermissions()

        let directory = try TemporaryDirectory()
        chmod(directory.path, 0o755)
        let subscribers = try TestPrincipals.matrix.map { try SignalSubscriber($0, daemon: world.daemon, directory: directory.path) }
        for subscriber in subscribers { try await subscriber.waitUntilReady() }

        // Root's changes.
        var stepsAdded: [(package: FixturePackage, step: String)] = []
        for package in world.packages {
            try client.set("Version", of: Provider.packageInterface, at: ObjectPath(package.path), to: .string("Matrix version \(package.label)"))
            let step = try await client.proxy(package.sequencePath).call(Provider.sequenceInterface, "AddStep", [
                .string("SMS_TaskSequence_RebootAction"), .stringVariantDictionary(["Name": .string("Signal step"), "Target": .string("HD")]), .int32(-1),
            ]).decode(ObjectPath.self)
            stepsAdded.append((package, step.rawValue))
            try client.delete(step.rawValue, interface: Provider.stepInterface)
        }
        try client.delete(doomed.rawValue, interface: Provider.packageInterface)
        let created = try await client.importPackage(SmallSequence.restart, name: "Matrix package created while listening")
        let createdID = try #require(created.lastComponent.map(String.init))
        let granteeEntry = try client.grantInstanceRights(
            TestPrincipals.grantee.name, objectKey: ObjectKey.taskSequencePackage, instance: world.p3.id, rights: .read)
        try client.delete(granteeEntry.rawValue, interface: Provider.instancePermissionsInterface)
        // A fixture entry changes and changes back: editor's on P1.
        let editorEntry = try #require(world.entries.first { $0.grant.principal == TestPrincipals.editor.name && $0.grant.instanceKey == world.p1.id })
        try client.grantInstanceRights(editorEntry.grant.principal, objectKey: Self.tsKey, instance: world.p1.id, rights: [.read, .modify, .delete])
        try client.grantInstanceRights(editorEntry.grant.principal, objectKey: Self.tsKey, instance: world.p1.id, rights: editorEntry.grant.rights)
        let entriesAfter = try client.storedPermissions()
        try SignalSubscriber.releaseAll(in: directory.path)

        // The rules during the changes: the fixture, the doomed and created packages (root
        // created them; reader may read the doomed one) and grantee's short-lived entry.
        let granteeGrant = PermissionGrant(principal: TestPrincipals.grantee.name, objectKey: ObjectKey.taskSequencePackage, instanceKey: world.p3.id, rights: .read)
        let allEntries = Array(Set(entriesBefore + entriesAfter + [StoredPermission(grant: granteeGrant, path: granteeEntry.rawValue)]))
        let model = AccessModel(admins: SecurityWorld.admins, grants: allEntries.map(\.grant))
        var changes = Self.changes(world: world, model: model, stepsAdded: stepsAdded, doomed: doomed.rawValue, created: created.rawValue,
                                   granteeEntry: granteeEntry.rawValue, granteeGrant: granteeGrant)
        changes.append(HeardChange(what: "editor's entry on P1", path: editorEntry.path, members: ["InstanceModified", "PropertiesChanged"],
                                   readable: { model.canSee($0, editorEntry.grant) }))

        for subscriber in subscribers {
            let user = subscriber.principal
            let signals = try await subscriber.finish()
            for change in changes {
                let heard = signals.filter { $0.mentions(change.path) }
                if change.readable(user) {
                    if !change.members.isEmpty {
                        #expect(heard.contains { change.members.contains($0.member) },
                                "\(user) may read \(change.what) but heard no \(change.members.sorted()) of it; heard \(heard)")
                    }
                } else {
                    #expect(heard.isEmpty, "\(user) may not read \(change.what) but heard \(heard)")
                }
            }
            let unknowable = signals.filter { signal in signal.mentionedPaths.contains { !world.mayKnow($0, user, model: model, entries: allEntries) } }
            #expect(unknowable.isEmpty, "\(user) heard of objects it may not know: \(unknowable)")

            var leaks = LeakScanner(world: world, user: user)
            for (id, name) in [(doomedID, "Matrix doomed package"), (createdID, "Matrix package created while listening")] {
                guard !model.canRead(user, ObjectKey.taskSequencePackage, id) else { continue }
                leaks.forbid(name, "the name of a package it may not read")
                if !allEntries.contains(where: { $0.grant.instanceKey == id && model.canSee(user, $0.grant) }) {
                    leaks.forbid(id, "the PackageID of a package it may not read")
                }
            }
            for package in world.packages where !model.canRead(user, ObjectKey.taskSequencePackage, package.id) {
                leaks.forbid("Matrix version \(package.label)", "\(package.label)'s new Version")
            }
            for leak in leaks.leaks(in: subscriber.standardOutput + subscriber.standardError, source: "\(user)'s subscriber") {
                Issue.record(Comment(rawValue: leak))
            }
        }
    }

    /// What each change must be heard as, and by whom.
    private static func changes(
        world: SecurityWorld, model: AccessModel, stepsAdded: [(package: FixturePackage, step: String)],
        doomed: String, created: String, granteeEntry: String, granteeGrant: PermissionGrant
    ) -> [HeardChange] {
        func readers(of path: String) -> @Sendable (TestPrincipal) -> Bool {
            let id = path.split(separator: "/").dropFirst(4).first.map(String.init) ?? ""
            return { model.canRead($0, ObjectKey.taskSequencePackage, id) }
        }
        var changes: [HeardChange] = []
        for package in world.packages {
            changes.append(HeardChange(what: "\(package.label)'s Version", path: package.path, members: ["InstanceModified"], readable: readers(of: package.path)))
            changes.append(HeardChange(what: "\(package.label)'s Version", path: package.path, members: ["PropertiesChanged"], readable: readers(of: package.path)))
        }
        for (package, step) in stepsAdded {
            changes.append(HeardChange(what: "the step added to \(package.label)", path: step, members: ["InstanceCreated", "InterfacesAdded"], readable: readers(of: step)))
            changes.append(HeardChange(what: "the step deleted from \(package.label)", path: step, members: ["InstanceDeleted", "InterfacesRemoved"], readable: readers(of: step)))
        }
        changes.append(HeardChange(what: "the deleted package", path: doomed, members: ["InstanceDeleted"], readable: readers(of: doomed)))
        changes.append(HeardChange(what: "the created package", path: created, members: ["InstanceCreated"], readable: readers(of: created)))
        changes.append(HeardChange(what: "grantee's entry on P3", path: granteeEntry, members: [], readable: { model.canSee($0, granteeGrant) }))
        return changes
    }
}
