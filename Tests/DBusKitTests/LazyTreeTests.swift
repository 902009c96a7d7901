import DBusKit
import Synchronization
import Testing
import TestSupport

/// Lazy subtrees: objects resolved per call, children enumerated per caller, nothing registered per object.
@Suite struct LazyTreeTests {
    @Test func aMillionObjectsRegisterInstantlyAndAnswerCalls() async throws {
        try await withService { service async throws in
            // Registering another million-object prefix is one table entry.
            let prefix = try ObjectPath("/org/dbuskit/More")
            // Registering touches no object: the resolver runs only when a call names a path.
            let resolved = Mutex(0)
            try service.server.registerSubtree(
                prefix,
                resolve: { path, _ in
                    resolved.withLock { $0 += 1 }
                    guard let last = path.lastComponent, let number = Int(last), number < 1_000_000 else { return nil }
                    return DBusObject(TestService.item.bound(to: number))
                },
                enumerate: { _, _ in [] })
            #expect(resolved.withLock { $0 } == 0)
            _ = try await service.proxy("/org/dbuskit/More/999999").call(TestService.itemInterfaceName, "Describe")
            #expect(resolved.withLock { $0 } >= 1)

            for number in [0, 1, 500_000, TestService.itemCount - 1] {
                let item = try service.proxy("/org/dbuskit/Items/\(number)")
                #expect(try await item.call(TestService.itemInterfaceName, "Describe") == [.string("item \(number) at /org/dbuskit/Items/\(number)")])
                #expect(try await item.property("Number", of: TestService.itemInterfaceName) == .int64(Int64(number)))
            }
            #expect(try await service.proxy("/org/dbuskit/More/999999").call(TestService.itemInterfaceName, "Describe") ==
                [.string("item 999999 at /org/dbuskit/More/999999")])
            await #expect(throws: DBusError.unknownObject("no object at /org/dbuskit/Items/1000000")) {
                _ = try await service.proxy("/org/dbuskit/Items/1000000").call(TestService.itemInterfaceName, "Describe")
            }
        }
    }

    @Test func introspectListsChildrenOnEveryLevel() async throws {
        try await withService { service async throws in
            let root = try await service.proxy("/").introspect()
            #expect(IntrospectionXML.childNodes(in: root) == ["org"])
            let org = try await service.proxy("/org").introspect()
            #expect(IntrospectionXML.childNodes(in: org) == ["dbuskit"])
            #expect(Set(IntrospectionXML.interfaceElements(in: org).keys) == ["org.freedesktop.DBus.Peer", "org.freedesktop.DBus.Introspectable"])
            let dbuskit = try await service.proxy("/org/dbuskit").introspect()
            #expect(IntrospectionXML.childNodes(in: dbuskit) == ["Items", "Private", "Test", "Tree"])

            // The enumerator is asked for children lazily, per path.
            let items = try await service.proxy("/org/dbuskit/Items").introspect()
            #expect(IntrospectionXML.childNodes(in: items) == ["0", "1", "2"])

            let item = try await service.proxy("/org/dbuskit/Items/999999").introspect()
            let elements = IntrospectionXML.interfaceElements(in: item)
            #expect(Set(elements.keys) == [
                "org.freedesktop.DBus.Peer", "org.freedesktop.DBus.Introspectable", "org.freedesktop.DBus.Properties",
                TestService.itemInterfaceName,
            ])
            // Live introspection writes each interface exactly as the interface file does.
            let file = InterfaceFiles.contents(for: TestService.item.info)
            #expect(elements[TestService.itemInterfaceName] == IntrospectionXML.interfaceElements(in: file)[TestService.itemInterfaceName])

            await #expect(throws: DBusError.unknownObject("no object at /org/nothing")) {
                _ = try await service.proxy("/org/nothing").introspect()
            }
            let tree = try await service.proxy("/org/dbuskit/Tree").introspect()
            #expect(IntrospectionXML.interfaceElements(in: tree)["org.freedesktop.DBus.ObjectManager"] != nil)
        }
    }

    @Test func objectManagerWalksTheEnumeratedTree() async throws {
        try await withService { service async throws in
            let manager = try service.proxy("/org/dbuskit/Tree")
            let reply = try await manager.call("org.freedesktop.DBus.ObjectManager", "GetManagedObjects")
            #expect(reply.first?.type.signature == "a{oa{sa{sv}}}")
            let objects = try reply.decode([ObjectPath: [String: [String: DBusValue]]].self)
            #expect(Set(objects.keys.map(\.rawValue)) == ["/org/dbuskit/Tree/a", "/org/dbuskit/Tree/a/x", "/org/dbuskit/Tree/b"])
            #expect(objects[try ObjectPath("/org/dbuskit/Tree/a/x")]?[TestService.itemInterfaceName]?["Number"] == .int64(3))
            await #expect(throws: DBusError.self) {
                _ = try await service.testObject.call("org.freedesktop.DBus.ObjectManager", "GetManagedObjects")
            }
        }
    }

    @Test func aPropertyReaderAnswersGetWithoutResolvingTheObject() async throws {
        try await withService { service async throws in
            let resolved = Mutex(0)
            let read = Mutex(0)
            try service.server.registerSubtree(
                try ObjectPath("/org/dbuskit/Read"),
                resolve: { path, _ in
                    resolved.withLock { $0 += 1 }
                    guard let last = path.lastComponent, let number = Int(last) else { return nil }
                    return DBusObject(TestService.item.bound(to: number))
                },
                enumerate: { _, _ in [] },
                readProperty: { path, interface, property, _ in
                    read.withLock { $0 += 1 }
                    // Even items only: the odd ones are left to their resolved objects.
                    guard interface == TestService.itemInterfaceName, let last = path.lastComponent,
                          let number = Int(last), number % 2 == 0 else { return nil }
                    return try? TestService.item.value(ofProperty: property, of: number)
                })
            #expect(try await service.proxy("/org/dbuskit/Read/4").property("Number", of: TestService.itemInterfaceName) == .int64(4))
            #expect(resolved.withLock { $0 } == 0)
            #expect(try await service.proxy("/org/dbuskit/Read/5").property("Number", of: TestService.itemInterfaceName) == .int64(5))
            #expect(resolved.withLock { $0 } == 1)
            // What the reader leaves, errors included, is answered by the resolved object.
            await #expect(throws: DBusError.unknownProperty("interface \(TestService.itemInterfaceName) has no property 'Missing'")) {
                _ = try await service.proxy("/org/dbuskit/Read/4").property("Missing", of: TestService.itemInterfaceName)
            }
            await #expect(throws: DBusError.unknownObject("no object at /org/dbuskit/Read/x")) {
                _ = try await service.proxy("/org/dbuskit/Read/x").property("Number", of: TestService.itemInterfaceName)
            }
            #expect(read.withLock { $0 } == 4)
            #expect(resolved.withLock { $0 } == 3)
            // Reading a model's property directly applies the declaration's checks.
            #expect(try TestService.item.value(ofProperty: "Number", of: 8) == .int64(8))
            #expect(throws: DBusError.unknownProperty("interface \(TestService.itemInterfaceName) has no property 'Missing'")) {
                _ = try TestService.item.value(ofProperty: "Missing", of: 8)
            }
        }
    }

    /// The server remembers where the last `Get` went (its path, interface and property, and
    /// the reader covering the path); a change of the registrations must be seen at once.
    @Test func aGetFollowsRegistrationsMadeAfterTheLastGet() async throws {
        try await withService { service async throws in
            let read = Mutex(0)
            let prefix = try ObjectPath("/org/dbuskit/Again")
            try service.server.registerSubtree(
                prefix,
                resolve: { path, _ in path.lastComponent.flatMap { Int($0) }.map { DBusObject(TestService.item.bound(to: $0)) } },
                enumerate: { _, _ in [] },
                readProperty: { path, _, property, _ in
                    read.withLock { $0 += 1 }
                    guard property == "Number", let last = path.lastComponent, let number = Int(last) else { return nil }
                    return .int64(Int64(number) * 100)
                })
            let path = try prefix.appending("7")
            let proxy = try service.proxy(path.rawValue)
            #expect(try await proxy.property("Number", of: TestService.itemInterfaceName) == .int64(700))
            #expect(try await proxy.property("Number", of: TestService.itemInterfaceName) == .int64(700))
            #expect(read.withLock { $0 } == 2)

            // A fixed object registered at the path answers from now on, not the subtree's reader.
            try service.server.register(DBusObject(TestService.item.bound(to: 8)), at: path)
            #expect(try await proxy.property("Number", of: TestService.itemInterfaceName) == .int64(8))
            #expect(read.withLock { $0 } == 2)
            service.server.unregister(path)
            #expect(try await proxy.property("Number", of: TestService.itemInterfaceName) == .int64(700))
            #expect(read.withLock { $0 } == 3)

            // Without the subtree there is no object, whatever was read there before.
            service.server.unregisterSubtree(prefix)
            await #expect(throws: DBusError.self) {
                _ = try await proxy.property("Number", of: TestService.itemInterfaceName)
            }
            #expect(read.withLock { $0 } == 3)
        }
    }

    @Test func hiddenObjectsDoNotExistForOtherCallers() async throws {
        try await withService { service async throws in
            // The test process runs as root, so it sees the private objects…
            let alpha = try service.proxy("/org/dbuskit/Private/alpha")
            #expect(try await alpha.property("Label", of: "org.dbuskit.Secret1") == .string("alpha"))
            let listing = try await service.proxy("/org/dbuskit/Private").introspect()
            #expect(IntrospectionXML.childNodes(in: listing) == ["alpha", "beta"])

            // …and a context with another uid does not (the resolver decides per caller).
            let stranger = CallerContext(credentials: CallerCredentials(uniqueName: ":1.999", uid: 65534))
            #expect(try service.server.object(at: try ObjectPath("/org/dbuskit/Private/alpha"), for: stranger) == nil)
            #expect(try service.server.childNames(of: try ObjectPath("/org/dbuskit/Private"), for: stranger).isEmpty)
            #expect(throws: DBusError.self) {
                _ = try service.server.introspectionXML(at: try ObjectPath("/org/dbuskit/Private/alpha"), for: stranger)
            }
        }
    }
}

