import DBusKit
import Synchronization
import Testing
import TestSupport

/// Nested object managers, replies measured against what the bus carries, and work for a
/// caller that left abandoned — on a real private bus.
/// How many objects a resolver built.
final class ResolveCounter: Sendable {
    let count = Mutex(0)
}

@Suite struct ObjectManagerLimitsTests {
    static let objectManager = "org.freedesktop.DBus.ObjectManager"
    /// libdbus's and the bus daemon's default `max_message_size`: 32 MiB.
    static let busLimit = 33_554_432

    /// `/org/dbuskit/Shelf/<n>` (n < count) each holding `a` and `b`; every `<n>` is a manager
    /// of its own. Counts the objects resolved.
    static func registerShelf(on server: ObjectServer, count: Int, resolved: ResolveCounter? = nil) throws -> ObjectPath {
        let shelf = try ObjectPath("/org/dbuskit/Shelf")
        try server.registerSubtree(
            shelf,
            resolve: { path, _ in
                guard let components = path.components(below: shelf), (1...2).contains(components.count),
                      let number = Int(components[0]), number < count else { return nil }
                resolved?.count.withLock { $0 += 1 }
                return DBusObject(TestService.item.bound(to: number))
            },
            enumerate: { path, _ in
                guard let components = path.components(below: shelf) else { return [] }
                switch components.count {
                case 0: return (0..<count).map(String.init)
                case 1: return ["a", "b"]
                default: return []
                }
            })
        server.addObjectManager(at: shelf)
        server.addObjectManagers(within: shelf) { $0.components(below: shelf)?.count == 1 }
        return shelf
    }

    static func managedPaths(_ reply: [DBusValue]) -> Set<String> {
        guard case .dictionary(_, _, let entries)? = reply.first else { return [] }
        return Set(entries.compactMap { if case .objectPath(let path) = $0.key { path.rawValue } else { nil } })
    }

    @Test func aNestedManagerReportsItsOwnSubtreeAndItsParentStopsAtIt() async throws {
        try await withService { service async throws in
            let shelf = try Self.registerShelf(on: service.server, count: 3)
            let top = try await service.proxy(shelf.rawValue).call(Self.objectManager, "GetManagedObjects")
            #expect(Self.managedPaths(top) == ["/org/dbuskit/Shelf/0", "/org/dbuskit/Shelf/1", "/org/dbuskit/Shelf/2"])
            let nested = try await service.proxy("/org/dbuskit/Shelf/1").call(Self.objectManager, "GetManagedObjects")
            #expect(Self.managedPaths(nested) == ["/org/dbuskit/Shelf/1/a", "/org/dbuskit/Shelf/1/b"])

            let xml = try await service.proxy("/org/dbuskit/Shelf/1").introspect()
            #expect(IntrospectionXML.interfaceElements(in: xml)[Self.objectManager] != nil)
            let leaf = try await service.proxy("/org/dbuskit/Shelf/1/a").introspect()
            #expect(IntrospectionXML.interfaceElements(in: leaf)[Self.objectManager] == nil)
            await #expect(throws: DBusError.unknownInterface("the object at /org/dbuskit/Shelf/1/a is not an object manager")) {
                _ = try await service.proxy("/org/dbuskit/Shelf/1/a").call(Self.objectManager, "GetManagedObjects")
            }
            // InterfacesAdded/Removed of an object come from the manager that reports it.
            #expect(service.server.objectManager(above: try ObjectPath("/org/dbuskit/Shelf/1/a"))?.rawValue == "/org/dbuskit/Shelf/1")
            #expect(service.server.objectManager(above: try ObjectPath("/org/dbuskit/Shelf/1"))?.rawValue == "/org/dbuskit/Shelf")
        }
    }

    @Test func aReplyLargerThanTheBusCarriesIsLimitsExceededAndTheServiceStaysOnTheBus() async throws {
        try await withService { service async throws in
            #expect(service.server.maximumReplySize == Self.busLimit)
            // 40,000,000 characters: 40,000,005 bytes of body, more than the bus's 32 MiB.
            await #expect(throws: DBusError.limitsExceeded(
                "the reply to \(TestService.interfaceName).Concat on /org/dbuskit/Test would be 40000005 bytes, more than the \(Self.busLimit) bytes a message on this bus may carry")) {
                _ = try await service.testObject.call(TestService.interfaceName, "Concat", [.string("x"), .uint32(40_000_000)])
            }
            // Still on the bus, still serving, with its name.
            #expect(try await service.testObject.call(TestService.interfaceName, "Concat", [.string("ab"), .uint32(2)]) == [.string("abab")])
            #expect(try service.client.nameOwner(of: TestService.busName) != nil)
        }
    }

    @Test func aTooLargeManagedObjectsReplyStopsEarlyNamingWhatToCallInstead() async throws {
        try await withService { service async throws in
            let resolved = ResolveCounter()
            let shelf = try Self.registerShelf(on: service.server, count: 20_000, resolved: resolved)
            service.server.maximumReplySize = 64 * 1024
            service.server.setOversizeAdvice { path, _, member in
                member == "GetManagedObjects" ? "call GetManagedObjects on each item of \(path)" : nil
            }
            let error = await #expect(throws: DBusError.self) {
                _ = try await service.proxy(shelf.rawValue).call(Self.objectManager, "GetManagedObjects")
            }
            #expect(error?.name == "org.freedesktop.DBus.Error.LimitsExceeded")
            let message = error?.message ?? ""
            #expect(message.hasPrefix("the reply to \(Self.objectManager).GetManagedObjects on /org/dbuskit/Shelf would be more than "), "\(message)")
            #expect(message.hasSuffix(" bytes, more than the 65536 bytes a message on this bus may carry (even without property values; building it stopped there); call GetManagedObjects on each item of /org/dbuskit/Shelf"), "\(message)")
            // Building stopped at the limit: a small share of the 20,000 items was resolved.
            #expect(resolved.count.withLock { $0 } < 2_000)
            // The nested managers still answer, and the service serves on.
            #expect(Self.managedPaths(try await service.proxy("/org/dbuskit/Shelf/19999").call(Self.objectManager, "GetManagedObjects")).count == 2)
        }
    }

    @Test func objectsWhoseValuesDoNotFitAreReportedWithTheirInterfacesOnly() async throws {
        try await withService { service async throws in
            let shelf = try Self.registerShelf(on: service.server, count: 1_000)
            let caller = service.server.callerContext(for: try #require(service.client.uniqueName))
            let full = try service.server.managedObjects(under: shelf, for: caller)
            guard case .dictionary(_, _, let fullEntries) = full else { throw DBusError.failed("not a dictionary: \(full)") }
            let bare = DBusValue.dictionary(key: .objectPath, value: .dictionary(key: .string, value: .dictionary(key: .string, value: .variant)), fullEntries.map {
                DBusDictionaryEntry(key: $0.key, value: .dictionary(key: .string, value: .dictionary(key: .string, value: .variant), [
                    DBusDictionaryEntry(key: .string(TestService.itemInterfaceName), value: .dictionary(key: .string, value: .variant, [])),
                ]))
            })
            let fullSize = DBusValue.marshalledSize(of: [full]), bareSize = DBusValue.marshalledSize(of: [bare])
            #expect(bareSize < fullSize)
            // Room for every object, not for every value.
            service.server.maximumReplySize = (fullSize + bareSize) / 2 + 1_024
            let reply = try await service.proxy(shelf.rawValue).call(Self.objectManager, "GetManagedObjects")
            #expect(reply == [bare])
        }
    }

    @Test func managedObjectsForACallerThatLeftTheBusAreAbandoned() async throws {
        try await withService { service async throws in
            let resolved = ResolveCounter()
            let shelf = try Self.registerShelf(on: service.server, count: 100_000, resolved: resolved)
            // The caller asks a manager once (the server then watches departures), and leaves.
            let caller = try DBusConnection(address: service.bus.address)
            let name = try #require(caller.uniqueName)
            _ = try await DBusProxy(connection: caller, destination: TestService.busName, path: try ObjectPath("/org/dbuskit/Shelf/0"))
                .call(Self.objectManager, "GetManagedObjects")
            caller.close()
            #expect(eventually(timeout: .seconds(20)) { service.server.hasLeftBus(name) })

            resolved.count.withLock { $0 = 0 }
            #expect(throws: DBusError.disconnected("\(name) left the bus; its GetManagedObjects of /org/dbuskit/Shelf was abandoned")) {
                _ = try service.server.managedObjects(under: shelf, for: service.server.callerContext(for: name))
            }
            // Stopped at the first check, not after 100,000 objects.
            #expect(resolved.count.withLock { $0 } == 256)
        }
    }
}
