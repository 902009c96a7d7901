import DBusKit
import Testing

/// A subscriber hears of computers and collections as of packages: created, changed (a new
/// member changes MemberCount) and deleted.
@Suite(.sharedDaemon, .serialized) struct TargetSignalsOverBusTests {
    static let computerClass = "org.tsprovider.Provider1.ComputerClass"
    static let collectionInterface = "org.tsprovider.Provider1.SMS_Collection"

    @Test func importsRuleChangesAndDeletionsAreSignalled() async throws {
        let daemon = try SharedDaemon.current()
        let client = ProviderClient(daemon.client)
        let subscriber = try SignalCollector(daemon)
        try subscriber.subscribe()

        let (resourceID, computer) = try await client.proxy(try ObjectPath(Provider.rootPath + "/SMS_R_System")).call(
            Self.computerClass, "ImportMachineEntry", [.string("SIGNAL-PC"), .string(""), .string("02:00:00:00:51:01"), .boolean(false)]
        ).decode(UInt32.self, ObjectPath.self)
        let (collectionID, collection) = try await client.proxy(try ObjectPath(Provider.rootPath + "/SMS_Collection")).call(
            "org.tsprovider.Provider1.CollectionClass", "Create", [.string("Signalled"), .string(""), .string("")]
        ).decode(String.self, ObjectPath.self)
        _ = try await client.proxy(collection).call(Self.collectionInterface, "AddDirectRules", [.array(.string, [.string("SIGNAL-PC")])])
        _ = try await client.proxy(computer).call("org.tsprovider.Provider1.SMS_R_System", "Delete")

        let created = await subscriber.first { $0.is("InstanceCreated", about: computer) }
        #expect(created.map { Array($0.arguments.prefix(3)) } == [.string("SMS_R_System"), .string("SMS_R_System.ResourceID=\(resourceID)"), .objectPath(computer)])
        let collectionCreated = await subscriber.first { $0.is("InstanceCreated", about: collection) }
        #expect(collectionCreated.map { Array($0.arguments.prefix(3)) } == [.string("SMS_Collection"), .string("SMS_Collection.CollectionID=\"\(collectionID)\""), .objectPath(collection)])
        let grew = await subscriber.first { $0.is("PropertiesChanged", about: collection) && $0.changedProperties["MemberCount"] == .int32(1) }
        #expect(grew?.arguments.first == .string(Self.collectionInterface))
        let deleted = await subscriber.first { $0.is("InstanceDeleted", about: computer) }
        #expect(deleted.map { Array($0.arguments.prefix(3)) } == [.string("SMS_R_System"), .string("SMS_R_System.ResourceID=\(resourceID)"), .objectPath(computer)])
        let shrank = await subscriber.first { $0.is("PropertiesChanged", about: collection) && $0.changedProperties["MemberCount"] == .int32(0) }
        #expect(shrank != nil)
    }
}
