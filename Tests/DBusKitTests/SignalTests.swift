import DBusKit
import Testing
import TestSupport

/// Signals: subscriptions, unicast to one peer, PropertiesChanged, ObjectManager, name owners.
@Suite struct SignalTests {
    /// The next signal of a stream, or nil after `timeout`.
    static func next(_ stream: AsyncStream<ReceivedSignal>, timeout: Duration = .seconds(5)) async -> ReceivedSignal? {
        await withTaskGroup(of: ReceivedSignal?.self) { group in
            group.addTask {
                for await signal in stream { return signal }
                return nil
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    @Test func unicastSignalsReachOnlyTheChosenPeer() async throws {
        try await withService { service async throws in
            let other = try DBusConnection(address: service.bus.address)
            defer { other.close() }
            let rule = MatchRule(sender: TestService.busName, interface: TestService.interfaceName, member: "Notice")
            let mine = try service.client.signals(matching: rule)
            let theirs = try other.signals(matching: rule)

            let me = try #require(service.client.uniqueName)
            _ = try await service.testObject.call(TestService.interfaceName, "EmitNotice", [.string(me), .string("just for you")])
            _ = try await service.testObject.call(TestService.interfaceName, "EmitNotice", [.string(""), .string("for everyone")])

            let first = await Self.next(mine)
            #expect(first?.arguments == [.string("just for you")])
            #expect(first?.destination == me)
            #expect(first?.path == service.testPath)
            #expect(await Self.next(mine)?.arguments == [.string("for everyone")])
            // The other peer never saw the unicast one: its first signal is the broadcast.
            #expect(await Self.next(theirs)?.arguments == [.string("for everyone")])
        }
    }

    @Test func emittedSignalsAreCheckedAgainstTheDeclaration() async throws {
        try await withService { service async throws in
            #expect(throws: DBusError.self) {
                try service.server.emit("Notice", of: TestService.interface.info, from: service.testPath, arguments: [.uint32(1)])
            }
            #expect(throws: DBusError.self) {
                try service.server.emit("Missing", of: TestService.interface.info, from: service.testPath)
            }
        }
    }

    @Test func propertiesChangedFollowsEmitsChangedSignal() async throws {
        try await withService { service async throws in
            let changes = try service.testObject.propertyChanges()
            service.state.name.withLock { $0 = "changed" }
            try service.server.emitPropertiesChanged(
                ["Name", "Mode", "Counter", "Version"], of: TestService.interface.bound(to: service.state), at: service.testPath)
            let signal = try #require(await Self.next(changes))
            #expect(signal.arguments.count == 3)
            #expect(signal.arguments.first == .string(TestService.interfaceName))
            #expect(try signal.arguments[1].decode([String: DBusValue].self) == ["Name": .string("changed")])
            #expect(try signal.arguments[2].decode([String].self) == ["Mode"])
        }
    }

    @Test func objectManagerSignalsComeFromTheManager() async throws {
        try await withService { service async throws in
            let rule = MatchRule(sender: TestService.busName, interface: "org.freedesktop.DBus.ObjectManager", path: service.treePath)
            let signals = try service.client.signals(matching: rule)
            let newPath = try ObjectPath("/org/dbuskit/Tree/c")
            try service.server.emitInterfacesAdded(DBusObject(TestService.item.bound(to: 42)), at: newPath)
            try service.server.emitInterfacesRemoved([TestService.itemInterfaceName], at: newPath)

            let added = try #require(await Self.next(signals))
            #expect(added.member == "InterfacesAdded")
            #expect(added.arguments.first == .objectPath(newPath))
            let interfaces = try added.arguments[1].decode([String: [String: DBusValue]].self)
            #expect(interfaces == [TestService.itemInterfaceName: ["Number": .int64(42)]])

            let removed = try #require(await Self.next(signals))
            #expect(removed.member == "InterfacesRemoved")
            #expect(removed.arguments == [.objectPath(newPath), .array(.string, [.string(TestService.itemInterfaceName)])])

            #expect(throws: DBusError.self) {
                try service.server.emitInterfacesRemoved(["x.y"], at: service.testPath)
            }
        }
    }

    @Test func nameOwnerChangesAreWatched() async throws {
        try await withService { service async throws in
            var owners = try service.client.nameOwnerChanges(of: "org.dbuskit.Other").makeAsyncIterator()
            #expect(await owners.next() == .some(nil))
            let other = try DBusConnection(address: service.bus.address)
            try other.requestName("org.dbuskit.Other")
            #expect(await owners.next() == .some(other.uniqueName))
            other.close()
            #expect(await owners.next() == .some(nil))
        }
    }

    @Test func endingASubscriptionStopsDelivery() async throws {
        try await withService { service async throws in
            let rule = MatchRule(sender: TestService.busName, interface: TestService.interfaceName, member: "Notice")
            do {
                let signals = try service.client.signals(matching: rule)
                _ = try await service.testObject.call(TestService.interfaceName, "EmitNotice", [.string(""), .string("one")])
                #expect(await Self.next(signals)?.arguments == [.string("one")])
            }
            // The stream is gone; its match is removed from the bus, which keeps working.
            _ = try await service.testObject.call(TestService.interfaceName, "EmitNotice", [.string(""), .string("two")])
            let again = try service.client.signals(matching: rule)
            _ = try await service.testObject.call(TestService.interfaceName, "EmitNotice", [.string(""), .string("three")])
            #expect(await Self.next(again)?.arguments == [.string("three")])
        }
    }
}
