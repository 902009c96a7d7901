import DBusKit
import Testing

/// The change signals of deployments and variables: a subscriber hears an advertisement come and
/// go, a collection's variables change (a masked value empty in PropertiesChanged), and the
/// settings object go with its collection.
@Suite(.sharedDaemon, .serialized) struct DeploymentSignalsOverBusTests {
    static let service = "org.tsprovider.Provider1"

    @Test func advertisementsAndVariablesSignalTheirChanges() async throws {
        let daemon = try SharedDaemon.current()
        let client = ProviderClient(daemon.client)
        let subscriber = try SignalCollector(daemon)
        try subscriber.subscribe()

        let package = try await client.importPackage(SmallSequence.restart, name: "deployment signals")
        let collectionClass = try ObjectPath(Provider.rootPath + "/SMS_Collection")
        let (collectionID, collection) = try await client.proxy(collectionClass).call("\(Self.service).CollectionClass", "Create", [
            .string("Signals"), .string(""), .string(""),
        ]).decode(String.self, ObjectPath.self)
        let settings = try ObjectPath(Provider.rootPath + "/SMS_CollectionSettings/" + collectionID)
        _ = try await client.proxy(settings).call("\(Self.service).SMS_CollectionSettings", "SetVariable", [
            .string("JoinPassword"), .string("Signal-Planted-Secret"), .boolean(true),
        ])
        let advertisement = try await client.proxy(try ObjectPath(Provider.rootPath + "/SMS_Advertisement")).call(Provider.classInterface, "CreateInstance", [
            .stringVariantDictionary([
                "AdvertisementName": .string("Signals"), "PackageID": .string(package.lastComponent.map(String.init) ?? ""), "CollectionID": .string(collectionID),
            ]),
        ]).decode(ObjectPath.self)
        _ = try await client.proxy(advertisement).call("\(Self.service).SMS_Advertisement", "Delete")
        _ = try await client.proxy(collection).call("\(Self.service).SMS_Collection", "Delete")

        let changed = await subscriber.first { $0.is("PropertiesChanged", about: settings) }
        #expect(changed?.changedProperties["CollectionVariables"] == .array(.structure([.string, .string, .boolean]), [
            .structure([.string("JoinPassword"), .string(""), .boolean(true)]),
        ]))
        let modified = await subscriber.first { $0.is("InstanceModified", about: settings) }
        #expect(modified.map { Array($0.arguments.prefix(3)) } == [.string("SMS_CollectionSettings"), .string("SMS_CollectionSettings.CollectionID=\"\(collectionID)\""), .objectPath(settings)])
        #expect(await subscriber.first { $0.is("InstanceCreated", about: advertisement) } != nil)
        #expect(await subscriber.first { $0.is("InstanceDeleted", about: advertisement) } != nil)
        let gone = await subscriber.first { $0.is("InterfacesRemoved", about: settings) }
        #expect(gone?.arguments.last == .array(.string, [.string("\(Self.service).SMS_CollectionSettings")]))
        #expect(await subscriber.first { $0.is("InstanceDeleted", about: settings) } != nil)
        #expect(!subscriber.signals.contains { String(describing: $0.arguments).contains("Signal-Planted-Secret") })
    }
}
