import DBusKit
import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

extension SecurityMatrixTests {
    /// Generic object-manager clients (python-dbus doing what GDBusObjectManagerClient does:
    /// GetManagedObjects on the root and on P1 and P3, a match rule, no `Subscribe()`), run as
    /// reader (reads P1) and as none (reads nothing). Root renames P1 and P3, adds and deletes a
    /// step in each, creates, renames and deletes a package. Reader hears of P1 and its step,
    /// and of nothing else; none hears nothing; neither hears an Instance* signal.
    @Test func managerClientsHearOnlyWhatTheyMayReadWithoutSubscribing() async throws {
        let world = try SecurityWorldTrait.current()
        let client = world.client
        let directory = try TemporaryDirectory()
        chmod(directory.path, 0o755)
        let managers = [Provider.rootPath, world.p1.path, world.p3.path]
        let listeners = try [TestPrincipals.reader, TestPrincipals.none].map {
            try SignalSubscriber($0, daemon: world.daemon, directory: directory.path, script: BusClientScripts.managerClient, extraArguments: managers)
        }
        for listener in listeners { try await listener.waitUntilReady() }

        var steps: [String: String] = [:]
        for package in [world.p1, world.p3] {
            try client.set("Version", of: Provider.packageInterface, at: ObjectPath(package.path), to: .string("Manager version \(package.label)"))
            let step = try await client.proxy(package.sequencePath).call(Provider.sequenceInterface, "AddStep", [
                .string("SMS_TaskSequence_RebootAction"), .stringVariantDictionary(["Name": .string("Manager step"), "Target": .string("HD")]), .int32(-1),
            ]).decode(ObjectPath.self)
            steps[package.label] = step.rawValue
            try client.delete(step.rawValue, interface: Provider.stepInterface)
        }
        let created = try await client.importPackage(SmallSequence.restart, name: "Manager client package")
        try client.set("Name", of: Provider.packageInterface, at: created, to: .string("Manager client package, renamed"))
        try client.delete(created.rawValue, interface: Provider.packageInterface)
        try SignalSubscriber.releaseAll(in: directory.path)

        let reader = try await listeners[0].finish()
        let p1Step = try #require(steps["P1"]), p3Step = try #require(steps["P3"])
        #expect(reader.contains { $0.member == "PropertiesChanged" && $0.path == world.p1.path }, "\(reader)")
        #expect(reader.contains { $0.member == "InterfacesAdded" && $0.path == world.p1.path && $0.mentions(p1Step) }, "\(reader)")
        #expect(reader.contains { $0.member == "InterfacesRemoved" && $0.path == world.p1.path && $0.mentions(p1Step) }, "\(reader)")
        #expect(!reader.contains { $0.mentions(world.p3.path) || $0.mentions(p3Step) }, "reader may not read P3: \(reader)")
        #expect(!reader.contains { $0.mentions(created.rawValue) }, "reader may not read root's new package: \(reader)")
        #expect(!reader.contains { $0.member.hasPrefix("Instance") }, "Instance* signals are for Subscribe(): \(reader)")
        #expect(!listeners[0].standardOutput.contains("Manager version P3"))

        let none = try await listeners[1].finish()
        #expect(none.isEmpty, "none may read nothing but heard \(none)")
    }
}
