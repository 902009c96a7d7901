import DBusKit
import Foundation
import Synchronization
@testable import TaskSequenceSDK
import Testing
import TestSupport

/// Change events as an AsyncSequence, and a client that outlives daemon restarts.
@Suite(.serialized) struct EventAndReconnectTests {
    /// The first `count` events of `stream` (fewer when `timeout` passes first); the stream is
    /// consumed by a recorder that keeps running. The time-out only bounds a failure: waiting
    /// ends with the last expected event, so it is generous for a loaded machine.
    static func collect(_ stream: ChangeEventStream, count: Int, timeout: Duration = .seconds(60)) async -> [ChangeEvent] {
        let recorder = EventRecorder(stream)
        defer { recorder.stop() }
        return await recorder.wait(for: count, timeout: timeout)
    }

    /// The events of `stream` up to and including the first that satisfies `condition` (all of
    /// them when `timeout` passes first); the recorder stops afterwards.
    static func collect(_ stream: ChangeEventStream, until condition: @Sendable (ChangeEvent) -> Bool, timeout: Duration = .seconds(60)) async -> [ChangeEvent] {
        let recorder = EventRecorder(stream)
        defer { recorder.stop() }
        return await recorder.wait(until: condition, timeout: timeout)
    }

    @Test func changesYieldCreatedModifiedAndDeleted() async throws {
        try await withProvider { client, _ in
            let stream = try client.changes()
            let package = try client.createPackage(named: "Watched")
            try package.set(.description, to: "changed")
            try package.delete()
            // The creator's rights entry comes and goes with the package: wait for the deletion.
            let events = await Self.collect(stream, until: { $0.className == "SMS_TaskSequencePackage" && $0.kind == .deleted })
            let packageEvents = events.filter { $0.className == "SMS_TaskSequencePackage" }
            #expect(packageEvents.map(\.kind) == [.created, .modified, .deleted], "\(events)")
            for event in packageEvents {
                #expect(event.relativePath == package.relativePath)
                #expect(event.objectPath == package.objectPath)
                #expect(event.packageID == package.id)
            }
        }
    }

    @Test func stepEventsNameTheirClassAndPath() async throws {
        try await withProvider { client, _ in
            let package = try client.createPackage(named: "Steps")
            let stream = try client.changes()
            let step = try package.sequence.addStep(.runCommandLine("cmd"), named: "S")
            let events = await Self.collect(stream, count: 3, timeout: .seconds(5))
            let created = try #require(events.first { $0.kind == .created })
            #expect(created.className == "SMS_TaskSequence_RunCommandLineAction")
            #expect(created.objectPath == step.objectPath)
            #expect(created.relativePath == step.relativePath)
            #expect(events.contains { $0.kind == .modified && $0.className == "SMS_TaskSequencePackage" })
        }
    }

    @Test func endingTheIterationUnsubscribes() async throws {
        try await withProvider { client, _ in
            // Creating a package reports two objects: the package and its creator's rights
            // entry (SMS_UserInstancePermissions). Wait for the package's own event.
            let first = try client.changes()
            let one = try client.createPackage(named: "One")
            let firstEvents = await Self.collect(first, until: { $0.className == "SMS_TaskSequencePackage" })
            #expect(firstEvents.filter { $0.className == "SMS_TaskSequencePackage" }.map(\.relativePath) == [one.relativePath], "\(firstEvents)")
            // That iteration ended (the recorder stopped): a second stream still hears the
            // daemon — the first one's Unsubscribe did not take the second's subscription.
            let second = try client.changes()
            let two = try client.createPackage(named: "Two")
            let secondEvents = await Self.collect(second, until: { $0.className == "SMS_TaskSequencePackage" })
            let packageEvents = secondEvents.filter { $0.className == "SMS_TaskSequencePackage" }
            #expect(packageEvents.map(\.kind) == [.created] && packageEvents.map(\.relativePath) == [two.relativePath], "\(secondEvents)")
            #expect(try client.packages().count == 2)
        }
    }

    @Test func endingOneStreamLeavesAnotherSubscribed() async throws {
        try await withProvider { client, _ in
            // The daemon keeps one subscription per connection, and the client's streams share
            // its connection: ending one stream must not unsubscribe the other.
            let staying = EventRecorder(try client.changes())
            defer { staying.stop() }
            let leaving = EventRecorder(try client.changes())
            leaving.stop()
            await leaving.finished()
            _ = try client.version()
            let package = try client.createPackage(named: "Heard")
            let events = await staying.wait(until: { $0.className == "SMS_TaskSequencePackage" }, timeout: .seconds(10))
            #expect(events.contains { $0.kind == .created && $0.relativePath == package.relativePath }, "\(events)")
        }
    }

    @Test func aCallAfterADaemonRestartWorks() throws {
        try withProvider { client, daemon in
            let package = try client.createPackage(named: "Persistent")
            try daemon.restart()
            #expect(try package.info().name == "Persistent")
            #expect(try client.packageIDs() == [package.id])
        }
    }

    @Test func aCallWhileTheDaemonRestartsWaitsForIt() throws {
        try withProvider(grace: .seconds(20)) { client, daemon in
            let package = try client.createPackage(named: "Waiting")
            daemon.stopDaemon()
            // Start it again a little later, while the call below is already waiting.
            let restarted = Thread.detachNewThreadWithResult { try daemon.startDaemon() }
            let info = try package.info()
            #expect(info.name == "Waiting")
            try restarted.wait()
        }
    }

    @Test func aStoppedDaemonIsServiceUnavailableAfterTheGracePeriod() throws {
        try withProvider(grace: .milliseconds(300)) { client, daemon in
            daemon.stopDaemon()
            let started = ContinuousClock.now
            let error = providerError { _ = try client.packages() }
            guard case .serviceUnavailable(let message)? = error else {
                Issue.record("expected serviceUnavailable, got \(String(describing: error))")
                return
            }
            #expect(message.contains("org.tsprovider.Provider1"))
            #expect(ContinuousClock.now - started >= .milliseconds(300))
        }
    }

    @Test func aLostConnectionIsReplacedOnTheNextCall() throws {
        try withProvider { client, daemon in
            let package = try client.createPackage(named: "Reconnect")
            let before = try client.connection()
            client.closeConnection()
            #expect(!before.isConnected)
            #expect(try package.info().name == "Reconnect")
            let after = try client.connection()
            #expect(after !== before && after.isConnected)
            _ = daemon
        }
    }

    @Test func theEventStreamSubscribesAgainAfterARestart() async throws {
        try await withProvider { client, daemon in
            let recorder = EventRecorder(try client.changes())
            defer { recorder.stop() }
            try daemon.restart()
            // The stream's owner watch subscribes to the new daemon shortly after it appears;
            // keep making packages until one is reported.
            var events: [ChangeEvent] = []
            for attempt in 0..<40 where !events.contains(where: { $0.kind == .created }) {
                _ = try client.createPackage(named: "After restart \(attempt)")
                events = await recorder.wait(until: { $0.kind == .created }, timeout: .milliseconds(250))
            }
            // First the notice that events may be missing, then the events themselves.
            #expect(events.first?.kind == .resumed && events.first?.since != nil, "\(events)")
            #expect(events.first { $0.kind == .created }?.className == "SMS_TaskSequencePackage", "\(events)")
        }
    }

    @Test func aBusThatCannotBeReachedIsServiceUnavailable() {
        let error = providerError { _ = try ProviderClient(bus: .address("unix:path=/tmp/no-such-tsprovider-bus")) }
        guard case .serviceUnavailable(let message)? = error else {
            Issue.record("expected serviceUnavailable, got \(String(describing: error))")
            return
        }
        #expect(message.contains("/tmp/no-such-tsprovider-bus"))
        #expect(ProviderClient.Bus.fromEnvironment(["TSPROVIDER_BUS_ADDRESS": "unix:path=/x"]) == .address("unix:path=/x"))
        #expect(ProviderClient.Bus.fromEnvironment([:]) == .system)
        #expect(ProviderClient.Bus.fromEnvironment(["TSPROVIDER_BUS_ADDRESS": ""]) == .system)
    }
}

extension Thread {
    /// Runs `body` on a new thread; `wait()` returns its outcome.
    static func detachNewThreadWithResult(_ body: @escaping @Sendable () throws -> Void) -> ThreadResult {
        let result = ThreadResult()
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.5)
            do {
                try body()
                result.finish(nil)
            } catch {
                result.finish(error)
            }
        }
        return result
    }
}

/// The outcome of ``Thread/detachNewThreadWithResult(_:)``.
final class ThreadResult: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var error: (any Error)?

    func finish(_ error: (any Error)?) {
        self.error = error
        done.signal()
    }

    func wait() throws {
        done.wait()
        if let error { throw error }
    }
}

/// Consumes a change stream in the background, keeping every event.
final class EventRecorder: Sendable {
    private final class Box: Sendable {
        let events = Mutex<[ChangeEvent]>([])
    }

    private let box = Box()
    private let task: Task<Void, Never>

    init(_ stream: ChangeEventStream) {
        let box = self.box
        task = Task {
            for await event in stream { box.events.withLock { $0.append(event) } }
        }
    }

    /// The events so far once there are `count`, or when `timeout` passes.
    func wait(for count: Int, timeout: Duration) async -> [ChangeEvent] {
        _ = await waitUntil(timeout: timeout) { box.events.withLock { $0.count } >= count }
        return box.events.withLock { $0 }
    }

    /// The events so far once one satisfies `condition`, or when `timeout` passes.
    func wait(until condition: (ChangeEvent) -> Bool, timeout: Duration) async -> [ChangeEvent] {
        _ = await waitUntil(timeout: timeout) { box.events.withLock { $0.contains(where: condition) } }
        return box.events.withLock { $0 }
    }

    /// The events so far.
    var events: [ChangeEvent] { box.events.withLock { $0 } }

    /// Ends the iteration (which unsubscribes).
    func stop() {
        task.cancel()
    }

    /// Returns once the iteration has ended.
    func finished() async {
        await task.value
    }
}
