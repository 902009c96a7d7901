@testable import DBusKit
import Dispatch
import Synchronization
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Connections: names, blocking and async calls, timeouts, cancellation, credentials, shutdown.
@Suite struct ConnectionTests {
    @Test func nameRefusedByPolicyGivesAClearError() async throws {
        let policy = #"<policy context="default"><deny own="org.dbuskit.Forbidden"/></policy>"#
        try await withService(PrivateBus.Configuration(extraConfiguration: policy)) { service async throws in
            let connection = try DBusConnection(address: service.bus.address)
            defer { connection.close() }
            #expect {
                try connection.requestName("org.dbuskit.Forbidden")
            } throws: { error in
                guard case DBusError.accessDenied(let message) = error else { return false }
                return message.hasPrefix("cannot own 'org.dbuskit.Forbidden': the bus policy does not allow it")
            }
            #expect(try connection.requestName("org.dbuskit.Allowed") == .primaryOwner)
            #expect(try connection.requestName("org.dbuskit.Allowed") == .alreadyOwner)
        }
    }

    @Test func nameOwnedByAnotherConnectionGivesAClearError() async throws {
        try await withService { service async throws in
            let connection = try DBusConnection(address: service.bus.address)
            defer { connection.close() }
            let owner = try #require(service.serverConnection.uniqueName)
            #expect(throws: DBusError.nameTaken(
                "cannot own 'org.dbuskit.Test': it is already owned by \(owner) and the request did not ask to queue or replace")) {
                try connection.requestName(TestService.busName)
            }
            #expect(try connection.requestName(TestService.busName, options: []) == .inQueue)
            #expect(try connection.nameOwner(of: TestService.busName) == owner)
            #expect(try connection.nameOwner(of: "org.dbuskit.Nobody") == nil)
            #expect(throws: DBusError.self) { try connection.requestName("not a name") }
        }
    }

    @Test func blockingCallsFromManyThreadsAtOnce() async throws {
        try await withService { service async throws in
            let failures = Mutex(0)
            let client = service.client
            let path = service.testPath
            DispatchQueue.concurrentPerform(iterations: 8) { thread in
                for index in 0..<50 {
                    let text = "t\(thread)i\(index)"
                    let reply = try? client.call(
                        destination: TestService.busName, path: path, interface: TestService.interfaceName, method: "Concat",
                        arguments: [.string(text), .uint32(1)])
                    if reply != [.string(text)] { failures.withLock { $0 += 1 } }
                }
            }
            #expect(failures.withLock { $0 } == 0)
        }
    }

    @Test func callsTimeOutAndCanBeCancelled() async throws {
        try await withService { service async throws in
            let proxy = DBusProxy(
                connection: service.client, destination: TestService.busName, path: service.testPath, timeout: .milliseconds(200))
            // The service sleeps for weeks: only the client's time-out can end the call with
            // NoReply (the connection stays up, as the last call shows) — no race against a
            // clock on a loaded machine.
            await #expect {
                _ = try await proxy.call(TestService.interfaceName, "Sleep", [.uint32(.max)])
            } throws: { error in
                (error as? DBusError)?.name == "org.freedesktop.DBus.Error.NoReply"
            }

            let slow = Task { try await service.testObject.call(TestService.interfaceName, "Sleep", [.uint32(.max)]) }
            try await Task.sleep(for: .milliseconds(50))
            slow.cancel()
            await #expect(throws: CancellationError.self) { _ = try await slow.value }
            // The connection still works afterwards.
            #expect(try await service.testObject.call(TestService.interfaceName, "Concat", [.string("ok"), .uint32(1)]) == [.string("ok")])
        }
    }

    @Test func closingFailsPendingCallsAndStopsTheLoopThread() async throws {
        try await withService { service async throws in
            let connection = try DBusConnection(address: service.bus.address)
            let loopThread = try #require(await eventuallyValue { connection.core.loopKernelThreadID })
            #expect(readTextFile("/proc/self/task/\(loopThread)/comm")?.trimmingTrailingNewlines == "dbuskit-loop")
            let proxy = DBusProxy(connection: connection, destination: TestService.busName, path: service.testPath)
            // A call that would wait for weeks (no time-out, a handler that never answers):
            // only close() can end it, and its error names that.
            let endless = DBusProxy(connection: connection, destination: TestService.busName, path: service.testPath, timeout: .seconds(86_400))
            let pending = Task { try await endless.call(TestService.interfaceName, "Sleep", [.uint32(.max)]) }
            try await Task.sleep(for: .milliseconds(100))
            connection.close()
            await #expect { _ = try await pending.value } throws: { error in
                // Closed before the call was queued, or while it waited for its reply.
                error as? DBusError == .disconnected("the connection was closed before a reply arrived")
                    || error as? DBusError == .disconnected("the connection is closed")
            }
            // close() returns once the loop has finished; its thread exits right after.
            #expect(eventually { readTextFile("/proc/self/task/\(loopThread)/comm") == nil })
            #expect(!connection.isConnected)
            #expect(throws: DBusError.self) { _ = try proxy.call(TestService.interfaceName, "Concat", [.string("x"), .uint32(1)]) }
            connection.close()
        }
    }

    @Test func droppingTheLastReferenceClosesTheConnection() async throws {
        try await withService { service async throws in
            var loopThread: Int32?
            do {
                let connection = try DBusConnection(address: service.bus.address)
                loopThread = await eventuallyValue { connection.core.loopKernelThreadID }
            }
            let thread = try #require(loopThread)
            #expect(eventually { readTextFile("/proc/self/task/\(thread)/comm") == nil })
        }
    }

    @Test func credentialsAreCachedUntilThePeerDisconnects() async throws {
        try await withService { service async throws in
            let caller = try DBusConnection(address: service.bus.address)
            let callerName = try #require(caller.uniqueName)
            let proxy = DBusProxy(connection: caller, destination: TestService.busName, path: service.testPath)
            let reply = try await proxy.call(TestService.interfaceName, "WhoAmI")
            #expect(reply.first == .string(callerName))
            #expect(reply[1] == .uint32(getuid()))
            #expect(reply[3] == .uint32(UInt32(getpid())))
            #expect(service.serverConnection.core.hasCachedCredentials(for: callerName))
            caller.close()
            #expect(eventually { !service.serverConnection.core.hasCachedCredentials(for: callerName) })
        }
    }

    /// A peer is the same for every call one connection makes, and another for another
    /// connection; fixed credentials and a broadcast name none.
    @Test func aCallersPeerIsTheSameForEveryCallOfOneConnection() async throws {
        try await withService { service async throws in
            let peers = Mutex<[CallerPeer?]>([])
            let recorder = DBusInterface<Int>("org.dbuskit.PeerRecorder1") {
                DBusMethod("Record") { _, call in
                    peers.withLock { $0.append(call.caller.peer) }
                    return []
                }
            }
            let path = try ObjectPath("/org/dbuskit/PeerRecorder")
            try service.server.register(DBusObject(recorder.bound(to: 0)), at: path)
            let first = try DBusConnection(address: service.bus.address)
            let second = try DBusConnection(address: service.bus.address)
            defer { first.close(); second.close() }
            for connection in [first, first, second] {
                _ = try await DBusProxy(connection: connection, destination: TestService.busName, path: path).call("org.dbuskit.PeerRecorder1", "Record")
            }
            let seen = peers.withLock { $0 }
            #expect(seen.count == 3)
            #expect(seen[0] != nil && seen[0] == seen[1])
            #expect(seen[0]?.uniqueName == first.uniqueName)
            #expect(seen[2] != nil && seen[2] != seen[0])
            #expect(seen[2]?.uniqueName == second.uniqueName)
            #expect(CallerContext(credentials: CallerCredentials(uniqueName: ":1.7", uid: 0)).peer == nil)
            #expect(CallerContext.broadcast.peer == nil)
        }
    }

    @Test func connectingToNothingFailsClearly() {
        #expect {
            _ = try DBusConnection(address: "unix:path=/tmp/dbuskit-no-such-socket")
        } throws: { error in
            (error as? DBusError)?.message.contains("cannot connect to 'unix:path=/tmp/dbuskit-no-such-socket'") == true
        }
        #expect(throws: DBusError.self) { _ = try DBusConnection(address: "nonsense") }
    }

    /// The system bus connects when one runs; otherwise the error says which bus failed.
    @Test func systemBusConnectsOrExplainsWhy() {
        let systemBusExists = getenv("DBUS_SYSTEM_BUS_ADDRESS") != nil || access("/run/dbus/system_bus_socket", F_OK) == 0
        do {
            let connection = try DBusConnection(bus: .system)
            #expect(systemBusExists)
            #expect(connection.uniqueName?.hasPrefix(":") == true)
            connection.close()
        } catch let error as DBusError {
            #expect(!systemBusExists)
            #expect(error.message.hasPrefix("cannot connect to the system bus"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func subscriptionsEndWhenTheirStreamGoesAway() async throws {
        try await withService { service async throws in
            do {
                let stream = try service.client.signals(matching: MatchRule(interface: "org.dbuskit.Nothing1"))
                _ = stream
                #expect(service.client.core.subscriberCount == 1)
            }
            #expect(eventually { service.client.core.subscriberCount == 0 })
        }
    }
}

/// Polls an optional value until it is set.
func eventuallyValue<T: Sendable>(timeout: Duration = .seconds(5), _ read: @Sendable () -> T?) async -> T? {
    var value: T?
    _ = await waitUntil(timeout: timeout) {
        value = read()
        return value != nil
    }
    return value
}
