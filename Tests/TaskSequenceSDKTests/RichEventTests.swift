import DBusKit
import Foundation
import Synchronization
import TaskSequenceSDK
import Testing
import TestSupport

/// Change events say which object (by its IDs and concrete class), what changed, the version
/// it made and who made it; a client of a data directory follows a restarted private bus.
@Suite(.serialized) struct RichEventTests {
    @Test func aWatcherSeesStepIDsChangedPropertiesAndVersions() async throws {
        try await withProvider { client, _ in
            let package = try client.createPackage(named: "Watched")
            let start = try package.info().sourceVersion
            let recorder = EventRecorder(try client.changes())
            defer { recorder.stop() }
            let step = try package.sequence.addStep(.runCommandLine("cscript a.vbs"), named: "Run")
            try step.rename(to: "Run script")
            _ = try step.condition.add(.variable("X", .equals, "1"))
            let events = await recorder.wait(until: { $0.kind == .created && $0.operandID != nil }, timeout: .seconds(60))

            let stepEvents = events.filter { $0.stepID == step.id && $0.relativePath.hasPrefix("SMS_TaskSequence_Step.") }
            // The step's concrete class in every event about it, whatever the edit.
            #expect(stepEvents.map(\.className) == Array(repeating: "SMS_TaskSequence_RunCommandLineAction", count: 3), "\(stepEvents)")
            #expect(stepEvents.map(\.kind) == [.created, .modified, .modified], "\(stepEvents)")
            #expect(stepEvents.map(\.changedProperties) == [[], ["Name"], ["Condition"]], "\(stepEvents)")
            #expect(stepEvents.map(\.sourceVersion) == [start + 1, start + 2, start + 3], "\(stepEvents)")
            #expect(stepEvents.allSatisfy { $0.packageID == package.id && $0.user == ProcessInfo.processInfo.userName }, "\(stepEvents)")

            let operand = try #require(events.first { $0.operandID != nil })
            #expect(operand.className == "SMS_TaskSequence_VariableConditionExpression")
            #expect(operand.stepID == step.id && operand.packageID == package.id && operand.sourceVersion == start + 3)
            let operandID = try #require(operand.operandID)
            #expect(operand.objectPath == step.condition.operand(operandID).objectPath)

            let packageEvent = try #require(events.last { $0.className == "SMS_TaskSequencePackage" })
            #expect(packageEvent.changedProperties.contains("SourceVersion") && packageEvent.sourceVersion == start + 3, "\(packageEvent)")
            // The JSON form carries the same facts.
            let json = try #require(String(data: try JSONEncoder().encode(stepEvents[1]), encoding: .utf8))
            #expect(json.contains("\"ChangedProperties\":[\"Name\"]") && json.contains("\"StepID\":\"\(step.id)\""), "\(json)")
            #expect(try JSONDecoder().decode(ChangeEvent.self, from: Data(json.utf8)) == stepEvents[1])
        }
    }

    @Test func keysOfEveryKindOfRelativePath() {
        let collection = ChangeEvent(kind: .modified, className: "SMS_CollectionSettings",
                                     relativePath: "SMS_CollectionSettings.CollectionID=\"PS100001\"", objectPath: "/")
        #expect(collection.collectionID == "PS100001" && collection.packageID == nil)
        let computer = ChangeEvent(kind: .deleted, className: "SMS_R_System", relativePath: "SMS_R_System.ResourceID=16777217", objectPath: "/")
        #expect(computer.resourceID == 16_777_217)
        let entry = ChangeEvent(kind: .created, className: "SMS_UserInstancePermissions",
                                relativePath: #"SMS_UserInstancePermissions.InstanceKey="PS100001",ObjectKey=20,UserName="ad\"min""#, objectPath: "/")
        #expect(entry.keys == ["InstanceKey": "PS100001", "ObjectKey": "20", "UserName": "ad\"min"])
        #expect(ChangeEvent.resumed(since: Date(timeIntervalSince1970: 0)).keys.isEmpty)
    }

    @Test func aDataDirectoryWithoutABusIsServiceUnavailable() throws {
        let directory = try TemporaryDirectory()
        let error = providerError { _ = try ProviderClient(dataDirectory: directory.path) }
        #expect(error == .serviceUnavailable(
            "cannot connect to the private bus of \(directory.path): \(directory.path)/bus.address cannot be read (is tsproviderd --private-bus --data-dir \(directory.path) running?)"))
    }

    @Test func aDataDirectoryClientFollowsARestartedPrivateBusDaemon() async throws {
        let directory = try TemporaryDirectory()
        let daemon = PrivateBusDaemon(directory: directory.path)
        defer { daemon.stop() }
        try daemon.start()
        let client = try ProviderClient(dataDirectory: directory.path, options: ProviderClient.Options(restartGracePeriod: .seconds(20)))
        let firstAddress = try #require(readTextFile(directory.path + "/bus.address"))
        let recorder = EventRecorder(try client.changes())
        defer { recorder.stop() }
        let before = try client.createPackage(named: "Before")
        let step = try before.sequence.addStep(.runCommandLine("cmd"), named: "S")
        let heard = await recorder.wait(until: { $0.stepID == step.id }, timeout: .seconds(60))
        #expect(heard.contains { $0.stepID == step.id && $0.kind == .created }, "\(heard)")

        // A restart of `--private-bus` is a new bus at a new address: the stream follows it.
        daemon.stop()
        let stoppedAt = Date()
        try daemon.start()
        #expect(readTextFile(directory.path + "/bus.address") != firstAddress)
        // Packages made before the stream has subscribed again are legitimately missed (the
        // resumed event says so): keep making them until one is heard after `resumed`.
        var made: [String] = []
        var events: [ChangeEvent] = []
        var lastError: (any Error)?
        func heardAfterResume(_ events: [ChangeEvent]) -> ChangeEvent? {
            guard let resumed = events.firstIndex(where: { $0.kind == .resumed }) else { return nil }
            return events[resumed...].first { $0.kind == .created && $0.className == "SMS_TaskSequencePackage" }
        }
        for attempt in 0..<120 where heardAfterResume(events) == nil {
            do { made.append(try client.createPackage(named: "After \(attempt)").id) } catch { lastError = error }
            // Gives the stream half a second to hear it, then looks at everything heard so far.
            _ = await recorder.wait(for: .max, timeout: .milliseconds(500))
            events = recorder.events
        }
        #expect(!made.isEmpty, "no package could be made after the restart: \(String(describing: lastError))")
        let resumed = try #require(events.first { $0.kind == .resumed }, "\(events)")
        let since = try #require(resumed.since)
        #expect(since <= Date() && since >= stoppedAt.addingTimeInterval(-60))
        let created = try #require(heardAfterResume(events), "\(events)")
        #expect(made.contains(created.packageID ?? ""), "\(created)")
        #expect(!made.contains(before.id))
        #expect(try client.packages().map(\.name).contains("Before"), "the store outlived the restart")
    }
}

/// `tsproviderd --private-bus --data-dir DIR`, as `make run` starts it: its own bus each time.
final class PrivateBusDaemon: Sendable {
    let directory: String
    private let process = Mutex<ChildProcess?>(nil)

    init(directory: String) { self.directory = directory }

    /// Starts the daemon and waits until it has written a bus address where it owns its name.
    func start() throws {
        try? FileManager.default.removeItem(atPath: directory + "/bus.address")
        let child = try ChildProcess.spawn(
            try CommandRunner.builtProduct(named: "tsproviderd").path,
            arguments: ["--private-bus", "--data-dir", directory, "--log-level", "warning"],
            standardOutput: .discard, standardError: .file(directory + ".log"))
        process.withLock { $0 = child }
        let ready = eventually(timeout: .seconds(30)) {
            guard child.isRunning, let address = readTextFile(directory + "/bus.address")?.trimmingTrailingNewlines,
                  let connection = try? DBusConnection(address: address) else { return !child.isRunning }
            defer { connection.close() }
            return ((try? connection.nameOwner(of: "org.tsprovider.Provider1")) ?? nil) != nil
        }
        guard ready, child.isRunning else {
            throw DBusError.failed("tsproviderd --private-bus did not start: \(readTextFile(directory + ".log") ?? "")")
        }
    }

    /// Stops the daemon (SIGTERM), and its bus with it.
    func stop() {
        let child = process.withLock { current in
            defer { current = nil }
            return current
        }
        _ = child?.terminate(timeout: .seconds(20))
    }
}
