import DBusKit
import Foundation
import Testing

/// Change signals go to the peers that called `Subscribe()`, and to nobody else.
///
/// "Nobody else" is proven by order, not by waiting: the daemon sends its signals in order, so
/// when a peer that subscribes later first hears of a later change, it heard nothing before.
@Suite(.sharedDaemon, .serialized) struct SignalsOverBusTests {
    static let packageClass = "SMS_TaskSequencePackage"
    /// Who the tests run as: the User the detail argument names.
    static let userName = ProcessInfo.processInfo.userName

    static func relativePath(of package: ObjectPath) -> String {
        "\(packageClass).PackageID=\"\(package.lastComponent ?? "")\""
    }

    @Test func aSubscriberHearsOfCreationChangesAndDeletionAndOthersHearNothing() async throws {
        let daemon = try SharedDaemon.current()
        let client = ProviderClient(daemon.client)
        let subscriber = try SignalCollector(daemon)
        let bystander = try SignalCollector(daemon)
        try subscriber.subscribe()

        let package = try await client.importPackage(SmallSequence.restart, name: "signals")
        let step = try #require(try client.paths("Steps", of: Provider.sequenceInterface, at: ProviderClient.sequencePath(package)).first)
        try client.set("Name", of: Provider.packageInterface, at: package, to: .string("signals, renamed"))
        try client.set("Name", of: Provider.stepInterface, at: step, to: .string("Reboot"))
        _ = try await client.proxy(package).call(Provider.packageInterface, "Delete")

        let relpath = Self.relativePath(of: package)
        let created = await subscriber.first { $0.is("InstanceCreated", about: package) }
        #expect(created.map { Array($0.arguments.prefix(3)) } == [.string(Self.packageClass), .string(relpath), .objectPath(package)])
        #expect(created?.interface == Provider.rootInterface && created?.path.rawValue == Provider.rootPath)
        let added = await subscriber.first { $0.is("InterfacesAdded", about: package) }
        #expect(added?.interface == "org.freedesktop.DBus.ObjectManager")

        let renamed = await subscriber.first { $0.is("PropertiesChanged", about: package) && $0.changedProperties["Name"] != nil }
        #expect(renamed?.arguments.first == .string(Provider.packageInterface))
        #expect(renamed?.changedProperties["Name"] == .string("signals, renamed"))
        #expect(renamed?.changedProperties["SourceVersion"] == .uint32(2))
        let modified = await subscriber.first { $0.is("InstanceModified", about: package) }
        #expect(modified.map { Array($0.arguments.prefix(3)) } == [.string(Self.packageClass), .string(relpath), .objectPath(package)])
        // The fourth argument, detail a{sv}: what changed, the version it made, who made it.
        #expect(created?.arguments.last == .stringVariantDictionary(["SourceVersion": .uint32(1), "User": .string(Self.userName)]))
        #expect(modified?.arguments.last == .stringVariantDictionary([
            "Properties": .array(.string, [.string("Name"), .string("SourceVersion"), .string("SourceDate")]),
            "SourceVersion": .uint32(2), "User": .string(Self.userName),
        ]))

        let stepRenamed = await subscriber.first { $0.is("PropertiesChanged", about: step) }
        #expect(stepRenamed?.arguments.first == .string(Provider.stepInterface))
        #expect(stepRenamed?.changedProperties["Name"] == .string("Reboot"))
        let stepModified = await subscriber.first { $0.is("InstanceModified", about: step) }
        #expect(stepModified?.arguments.first == .string("SMS_TaskSequence_RebootAction"), "\(String(describing: stepModified?.arguments))")
        #expect(stepModified?.arguments.last == .stringVariantDictionary([
            "Properties": .array(.string, [.string("Name")]), "SourceVersion": .uint32(3), "User": .string(Self.userName),
        ]), "\(String(describing: stepModified?.arguments))")

        let deleted = await subscriber.first { $0.is("InstanceDeleted", about: package) }
        #expect(deleted.map { Array($0.arguments.prefix(3)) } == [.string(Self.packageClass), .string(relpath), .objectPath(package)])
        // A deleted package has no SourceVersion left to report.
        #expect(deleted?.arguments.last == .stringVariantDictionary(["User": .string(Self.userName)]))
        let removed = await subscriber.first { $0.is("InterfacesRemoved", about: package) }
        #expect(removed?.arguments.last == .array(.string, [.string(Provider.packageInterface)]))

        // In the order the changes happened.
        let order = subscriber.signals.filter { $0.path.rawValue == Provider.rootPath && $0.interface == Provider.rootInterface }.map(\.member)
        #expect(order.first == "InstanceCreated" && order.last == "InstanceDeleted", "\(order)")

        // The bystander never subscribed: once it does, the first thing it hears is the next change.
        try bystander.subscribe()
        let next = try await client.importPackage(SmallSequence.restart, name: "after the bystander subscribed")
        let first = await bystander.first { _ in true }
        #expect(first?.is("InterfacesAdded", about: next) == true || first?.is("InstanceCreated", about: next) == true,
                "the bystander heard \(String(describing: first?.member)) \(String(describing: first?.arguments)) first")
        #expect(!bystander.signals.contains { $0.is("InstanceCreated", about: package) || $0.is("InstanceDeleted", about: package) })
    }

    @Test func unsubscribingStopsTheSignals() async throws {
        let daemon = try SharedDaemon.current()
        let client = ProviderClient(daemon.client)
        let peer = try SignalCollector(daemon)
        try peer.subscribe()
        let heard = try await client.importPackage(SmallSequence.restart, name: "heard")
        #expect(await peer.first { $0.is("InstanceCreated", about: heard) } != nil)

        try peer.subscribe("Unsubscribe")
        let unheard = try await client.importPackage(SmallSequence.restart, name: "not heard")
        try peer.subscribe()
        let heardAgain = try await client.importPackage(SmallSequence.restart, name: "heard again")
        #expect(await peer.first { $0.is("InstanceCreated", about: heardAgain) } != nil)
        #expect(!peer.signals.contains { $0.is("InstanceCreated", about: unheard) || $0.is("InterfacesAdded", about: unheard) })
    }
}
