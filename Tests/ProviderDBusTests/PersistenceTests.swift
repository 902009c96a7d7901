import DBusKit
import Foundation
import GRDB
import ProviderStore
import Synchronization
import TaskSequenceXML
import Testing
import TestSupport

/// The store outlives the daemon: a clean restart keeps everything, and a daemon killed in the
/// middle of a batch of imports leaves a store that opens clean and holds only whole packages.
@Suite struct PersistenceTests {
    /// Fixtures of every shape: bare sequences, MDT ts.xml, object.xml, with conditions.
    static let sample = Array(Fixtures.realWorldNames.enumerated().filter { $0.offset % 9 == 0 }.map(\.element))

    /// Everything a client can read about one package.
    struct Snapshot: Equatable {
        var properties: [String: DBusValue]
        var sequence: String
        var steps: [ObjectPath]
    }

    static func snapshot(_ client: ProviderClient, _ package: ObjectPath) throws -> Snapshot {
        Snapshot(
            properties: try client.proxy(package).allProperties(of: Provider.packageInterface),
            sequence: try client.sequenceXML(package),
            steps: try client.paths("Steps", of: Provider.sequenceInterface, at: ProviderClient.sequencePath(package)))
    }

    @Test func aRestartedDaemonServesEverythingAsBefore() async throws {
        let daemon = try await ProviderDaemon.start()
        defer { daemon.shutdown() }
        let client = ProviderClient(daemon.client)
        #expect(Self.sample.contains { $0.hasSuffix("object.xml") } && Self.sample.contains { $0.hasSuffix("ts.xml") })
        for name in Self.sample {
            _ = try await client.importPackage(String(decoding: try Fixtures.data(name), as: UTF8.self))
        }
        // Edited after import, so revisions and step IDs have moved on.
        let edited = try await client.importPackage(SmallSequence.restart, name: "edited")
        let group = try await client.proxy(ProviderClient.sequencePath(edited)).call(Provider.sequenceInterface, "AddGroup", [
            .string("Added"), .stringVariantDictionary([:]), .int32(0),
        ]).decode(ObjectPath.self)
        try client.set("Enabled", of: Provider.stepInterface, at: group, to: .boolean(false))
        let smsPackage = try await client.proxy(Provider.smsPackageClassPath).call(Provider.classInterface, "CreateInstance", [
            .stringVariantDictionary(["PackageID": .string("PS1000AA"), "Name": .string("Drivers")]),
        ]).decode(ObjectPath.self)

        let packages = try client.packagePaths()
        #expect(packages.count == Self.sample.count + 1)
        let before = try packages.map { try Self.snapshot(client, $0) }

        let ending = try await daemon.restart()
        #expect(ending == .exited(0), "SIGTERM must stop the daemon cleanly; log:\n\(daemon.log)")

        #expect(try client.packagePaths() == packages)
        for (package, snapshot) in zip(packages, before) {
            #expect(try Self.snapshot(client, package) == snapshot, "\(package) changed across the restart")
        }
        #expect(try client.string("Name", of: Provider.smsPackageInterface, at: smsPackage) == "Drivers")
        // IDs are not handed out twice.
        let newer = try await client.importPackage(SmallSequence.restart)
        #expect(!packages.contains(newer))
    }

    @Test func aDaemonKilledInTheMiddleOfImportsLeavesOnlyWholePackages() async throws {
        let daemon = try await ProviderDaemon.start()
        defer { daemon.shutdown() }
        let client = ProviderClient(daemon.client)
        let names = Fixtures.realWorldNames
        let texts = try names.map { String(decoding: try Fixtures.data($0), as: UTF8.self) }
        let imported = Acknowledged()

        // Two clients import in turn, so writes are in flight when the kill comes.
        let lanes = 2
        let importers = (0..<lanes).map { lane in
            Task {
                for index in stride(from: lane, to: texts.count, by: lanes) {
                    guard let package = try? await client.importPackage(texts[index], name: "batch \(index)") else { return }
                    imported.paths.withLock { $0[index] = package }
                }
            }
        }
        let started = await waitUntil(timeout: .seconds(60)) { imported.paths.withLock { $0.count } >= 6 }
        daemon.kill()
        for importer in importers { await importer.value }
        let acknowledged = imported.paths.withLock { $0 }
        #expect(started && acknowledged.count < names.count, "the kill came after \(acknowledged.count) of \(names.count) imports")

        // The store opens clean without the daemon (SQLite's own checks of the file; a
        // PostgreSQL server keeps its pages itself).
        if daemon.databaseURL == nil {
            let store = try daemon.openStore()
            let integrity = try await store.database.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
            #expect(integrity == ["ok"])
            let danglingRows = try store.database.read { db in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") }
            #expect(danglingRows.isEmpty)
        }

        try await daemon.launch()
        var present: [Int: ObjectPath] = [:]
        for package in try client.packagePaths() {
            let name = try client.string("Name", of: Provider.packageInterface, at: package)
            let index = try #require(name.hasPrefix("batch ") ? Int(name.dropFirst("batch ".count)) : nil, "unexpected package \(name)")
            present[index] = package
            // Whole: the sequence is exactly the imported file's.
            let stored = try await client.sequenceXML(package)
            let difference = try XMLEquivalence.firstDifference(between: ExpectedXML.exportForm(of: Data(texts[index].utf8)), and: stored)
            #expect(difference == nil, "\(names[index]) after the kill: \(String(describing: difference))")
        }
        // Every import the daemon acknowledged survived; at most the ones in flight are added.
        for (index, package) in acknowledged {
            #expect(present[index] == package, "acknowledged import of \(names[index]) is missing after the kill")
        }
        #expect(present.count <= acknowledged.count + lanes)
    }
}

/// The imports the daemon acknowledged, by fixture index, filled in by the importing tasks.
private final class Acknowledged: Sendable {
    let paths = Mutex<[Int: ObjectPath]>([:])
}
