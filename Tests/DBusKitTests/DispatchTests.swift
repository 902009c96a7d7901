import DBusKit
import Synchronization
import Testing
import TestSupport

/// Dispatch derived from the declaration: argument checking, properties, and error mapping.
@Suite struct DispatchTests {
    @Test func wrongSignatureNamesTheArgumentAndType() async throws {
        try await withService { service async throws in
            let object = service.testObject
            await #expect {
                _ = try await object.call(TestService.interfaceName, "Concat", [.string("a"), .string("3")])
            } throws: { error in
                guard case DBusError.invalidArgs(let message) = error else { return false }
                return message.contains("argument 2 'count' must be uint32 ('u'), not string ('s')")
                    && message.contains("expects signature 'su', got 'ss'")
            }
            await #expect {
                _ = try await object.call(TestService.interfaceName, "Concat", [.string("a")])
            } throws: { error in
                (error as? DBusError)?.message.contains("argument 2 'count' of type uint32 ('u') is missing") == true
            }
            await #expect {
                _ = try await object.call(TestService.interfaceName, "Concat", [.string("a"), .uint32(1), .boolean(true)])
            } throws: { error in
                (error as? DBusError)?.message.contains("unexpected extra argument 3 of type boolean ('b')") == true
            }
            #expect(try await object.call(TestService.interfaceName, "Concat", [.string("ab"), .uint32(3)]) == [.string("ababab")])
        }
    }

    @Test func unknownObjectInterfaceMethodAndProperty() async throws {
        try await withService { service async throws in
            await #expect(throws: DBusError.unknownObject("no object at /org/dbuskit/Nowhere")) {
                _ = try await service.proxy("/org/dbuskit/Nowhere").call(TestService.interfaceName, "Concat", [])
            }
            await #expect(throws: DBusError.unknownInterface("the object at /org/dbuskit/Test has no interface org.dbuskit.Missing1")) {
                _ = try await service.testObject.call("org.dbuskit.Missing1", "Concat", [])
            }
            await #expect(throws: DBusError.unknownMethod("interface org.dbuskit.Test1 has no method Missing")) {
                _ = try await service.testObject.call(TestService.interfaceName, "Missing", [])
            }
            await #expect(throws: DBusError.unknownProperty("interface org.dbuskit.Test1 has no property 'Missing'")) {
                _ = try await service.testObject.property("Missing", of: TestService.interfaceName)
            }
            await #expect(throws: DBusError.unknownInterface("the object at /org/dbuskit/Test has no interface org.dbuskit.Missing1")) {
                _ = try await service.testObject.allProperties(of: "org.dbuskit.Missing1")
            }
        }
    }

    @Test func propertiesFollowTheirDeclaredAccess() async throws {
        try await withService { service async throws in
            let object = service.testObject
            #expect(try await object.property("Name", of: TestService.interfaceName) == .string("initial"))
            try await object.setProperty("Name", of: TestService.interfaceName, to: .string("renamed"))
            #expect(service.state.name.withLock { $0 } == "renamed")

            await #expect(throws: DBusError.propertyReadOnly("property Counter of org.dbuskit.Test1 is read-only")) {
                try await object.setProperty("Counter", of: TestService.interfaceName, to: .uint32(1))
            }
            await #expect {
                try await object.setProperty("Name", of: TestService.interfaceName, to: .uint32(1))
            } throws: { error in
                guard case DBusError.invalidArgs(let message) = error else { return false }
                return message.contains("Name of org.dbuskit.Test1 is string ('s'), the value given is uint32 ('u')")
            }
            try await object.setProperty("Secret", of: TestService.interfaceName, to: .string("hush"))
            #expect(service.state.secret.withLock { $0 } == "hush")
            await #expect(throws: DBusError.self) {
                _ = try await object.property("Secret", of: TestService.interfaceName)
            }

            let all = try await object.allProperties(of: TestService.interfaceName)
            #expect(all == ["Name": .string("renamed"), "Counter": .uint32(7), "Mode": .string("idle"), "Version": .string("1.0")])
            #expect(try await object.allProperties(of: "org.freedesktop.DBus.Peer").isEmpty)
        }
    }

    @Test func propertiesGetAnswersLongValuesAndRefusesMalformedCalls() async throws {
        try await withService { service async throws in
            let object = service.testObject
            // A value too long to be written straight into the reply is measured first, then sent whole.
            let long = String(repeating: "n", count: 10_000)
            try await object.setProperty("Name", of: TestService.interfaceName, to: .string(long))
            #expect(try await object.property("Name", of: TestService.interfaceName) == .string(long))
            #expect(try await object.property("Counter", of: TestService.interfaceName) == .uint32(7))
            await #expect {
                _ = try await object.call("org.freedesktop.DBus.Properties", "Get", [.string(TestService.interfaceName)])
            } throws: { error in
                guard case DBusError.invalidArgs(let message) = error else { return false }
                return message.contains("org.freedesktop.DBus.Properties.Get expects signature 'ss', got 's'")
            }
            await #expect(throws: DBusError.unknownProperty("interface org.freedesktop.DBus.Peer has no properties")) {
                _ = try await object.property("Name", of: "org.freedesktop.DBus.Peer")
            }
        }
    }

    @Test func errorsComeBackTypedMatchableExactlyOrBroadly() async throws {
        try await withService { service async throws in
            let object = service.testObject
            await #expect(throws: DBusError.accessDenied("no entry")) {
                _ = try await object.call(TestService.interfaceName, "Fail", [.string("org.freedesktop.DBus.Error.AccessDenied"), .string("no entry")])
            }
            await #expect(throws: DBusError.limitsExceeded("too many")) {
                _ = try await object.call(TestService.interfaceName, "Fail", [.string("org.freedesktop.DBus.Error.LimitsExceeded"), .string("too many")])
            }
            do {
                _ = try await object.call(TestService.interfaceName, "FailCustom", [.string("Conflict")])
                Issue.record("FailCustom did not throw")
            } catch DBusError.other(name: "org.dbuskit.Test1.Error.Conflict", let message) {
                #expect(message == "custom failure")
            }
            do {
                _ = try await object.call(TestService.interfaceName, "FailCustom", [.string("NotFound")])
                Issue.record("FailCustom did not throw")
            } catch let error as DBusError where TestService.errors.contains(error) {
                #expect(TestService.errors.matches(error, "NotFound"))
            }
            // A name that is not a valid error name cannot crash libdbus: it becomes Failed.
            await #expect {
                _ = try await object.call(TestService.interfaceName, "Fail", [.string("not valid"), .string("m")])
            } throws: { error in
                (error as? DBusError)?.name == "org.freedesktop.DBus.Error.Failed"
            }
            // A handler returning the wrong type is the service's bug, reported as Failed.
            await #expect {
                _ = try await object.call(TestService.interfaceName, "BadReturn", [])
            } throws: { error in
                guard case DBusError.failed(let message) = error else { return false }
                return message.contains("returned 'u' but the method declares 's'")
            }
        }
    }

    @Test func asyncHandlersDoNotBlockOtherCalls() async throws {
        try await withService { service async throws in
            let object = service.testObject
            // The slow call waits as long as the test may take: with the default time-out a
            // loaded machine could end it with NoReply before the fast calls are through.
            let patient = DBusProxy(connection: service.client, destination: TestService.busName, path: service.testPath, timeout: .seconds(3600))
            let slowFinished = Atomic<Bool>(false)
            let slow = Task {
                defer { slowFinished.store(true, ordering: .releasing) }
                return try await patient.call(TestService.interfaceName, "Sleep", [.uint32(.max)])
            }
            // While the slow handler sleeps (for weeks: it cannot finish during the test, however
            // loaded the machine), other calls on the same connection are answered.
            for index in 0..<20 {
                #expect(try await object.call(TestService.interfaceName, "Concat", [.string("\(index)"), .uint32(1)]) == [.string("\(index)")])
            }
            let finishedEarly = slowFinished.load(ordering: .acquiring)
            #expect(!finishedEarly)
            slow.cancel()
            await #expect(throws: CancellationError.self) { _ = try await slow.value }
        }
    }

    /// Async handlers reply from a task's thread. The idle loop sleeps without a timeout, so a
    /// reply that did not wake it would never leave: every call here would fail with NoReply
    /// after its time-out instead of being answered.
    @Test func repliesFromOtherThreadsGoOutImmediately() async throws {
        try await withService { service async throws in
            // A generous time-out: a loaded machine never hits it, a reply that does not leave
            // always does (and the first such call ends the test with NoReply).
            let object = DBusProxy(connection: service.client, destination: TestService.busName, path: service.testPath, timeout: .seconds(120))
            for _ in 0..<50 {
                let reply = try await object.call(TestService.interfaceName, "Sleep", [.uint32(0)])
                #expect(reply == [.string("slept 0")])
            }
        }
    }

    @Test func everyObjectAnswersPeer() async throws {
        try await withService { service async throws in
            for path in ["/org/dbuskit/Test", "/org/dbuskit/Items/12", "/org"] {
                let object = try service.proxy(path)
                #expect(try await object.call("org.freedesktop.DBus.Peer", "Ping").isEmpty)
                let machineID = try await object.call("org.freedesktop.DBus.Peer", "GetMachineId").decode(String.self)
                #expect(machineID.count == 32 && machineID.allSatisfy(\.isHexDigit))
            }
            // Without an interface, the standard members are still found.
            let ping = try await service.client.call(
                destination: TestService.busName, path: service.testPath, interface: nil, method: "Ping")
            #expect(ping.isEmpty)
        }
    }

    @Test func methodsWithoutInterfaceAreFound() async throws {
        try await withService { service async throws in
            let values = try await service.client.call(
                destination: TestService.busName, path: service.testPath, interface: nil, method: "Concat",
                arguments: [.string("z"), .uint32(2)])
            #expect(values == [.string("zz")])
        }
    }
}
