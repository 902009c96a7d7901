import DBusKit
import Foundation
import Synchronization
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Many providers, one database (issue 15 item 4): two daemons on two buses over one PostgreSQL
/// database hand out unique IDs, refuse stale edits made elsewhere, never serve a value another
/// provider changed, and tell their own subscribers — only those who may read — of changes made
/// through the other. Always on a real PostgreSQL server, whatever TSPROVIDER_TEST_ENGINE says.
@Suite(.serialized) struct MultiProviderTests {
    static let storageError = "org.tsprovider.Provider1.Error.StorageFailed"

    /// The IDs one run of ``createEverything(_:through:label:)`` got.
    struct CreatedIDs {
        var packages: [String] = []
        var collections: [String] = []
        var computers: [UInt32] = []
        var advertisements: [String] = []
    }

    /// Creates `count` packages, collections, computers and advertisements through `daemon`.
    static func createEverything(_ count: Int, through daemon: ProviderDaemon, label: String, macByte: Int) async throws -> CreatedIDs {
        let client = ProviderClient(daemon.client)
        var ids = CreatedIDs()
        for index in 0..<count {
            let package = try await client.importPackage(SmallSequence.restart, name: "Multi \(label) \(index)")
            let packageID = try #require(package.lastComponent.map(String.init))
            ids.packages.append(packageID)
            let (collectionID, _) = try await client.proxy(try ObjectPath(Provider.rootPath + "/SMS_Collection"))
                .call("\(Provider.rootInterface).CollectionClass", "Create", [.string("Multi \(label) \(index)"), .string(""), .string("")])
                .decode(String.self, ObjectPath.self)
            ids.collections.append(collectionID)
            let mac = String(format: "02:00:00:00:%02X:%02X", macByte, index)
            let (resourceID, _) = try await client.proxy(try ObjectPath(Provider.rootPath + "/SMS_R_System"))
                .call("\(Provider.rootInterface).ComputerClass", "Import", [
                    .stringVariantDictionary(["Name": .string("MULTI-\(label)-\(index)"), "MACAddress": .string(mac)]),
                ])
                .decode(UInt32.self, ObjectPath.self)
            ids.computers.append(resourceID)
            let advertisement = try await client.proxy(try ObjectPath(Provider.rootPath + "/SMS_Advertisement"))
                .call(Provider.classInterface, "CreateInstance", [
                    .stringVariantDictionary(["AdvertisementName": .string("Multi \(label) \(index)"), "PackageID": .string(packageID), "CollectionID": .string(collectionID)]),
                ])
                .decode(ObjectPath.self)
            ids.advertisements.append(try #require(advertisement.lastComponent.map(String.init)))
        }
        return ids
    }

    @Test func idsCreatedThroughBothProvidersAtOnceAreUnique() async throws {
        let site = try await ProviderSite.start()
        defer { site.shutdown() }
        let perProvider = 12
        async let throughA = Self.createEverything(perProvider, through: site.a, label: "A", macByte: 0xA)
        async let throughB = Self.createEverything(perProvider, through: site.b, label: "B", macByte: 0xB)
        let (a, b) = try await (throughA, throughB)
        #expect(Set(a.packages + b.packages).count == 2 * perProvider, "\(a.packages) \(b.packages)")
        #expect(Set(a.collections + b.collections).count == 2 * perProvider, "\(a.collections) \(b.collections)")
        #expect(Set(a.computers + b.computers).count == 2 * perProvider, "\(a.computers) \(b.computers)")
        #expect(Set(a.advertisements + b.advertisements).count == 2 * perProvider, "\(a.advertisements) \(b.advertisements)")
        // Each provider lists what the other created: one store.
        let listedThroughA = Set(try ProviderClient(site.a.client).packagePaths().compactMap(\.lastComponent).map(String.init))
        #expect(listedThroughA == Set(a.packages + b.packages))
    }

    @Test func aStaleEditThroughOneProviderAfterASaveThroughTheOtherIsConflict() async throws {
        let site = try await ProviderSite.start()
        defer { site.shutdown() }
        let clientA = ProviderClient(site.a.client)
        let clientB = ProviderClient(site.b.client)
        let package = try await clientA.importPackage(SmallSequence.restart, name: "Conflict across providers")
        let (xml, readVersion) = try await clientB.proxy(package)
            .call(Provider.packageInterface, "GetSequenceWithVersion").decode(String.self, UInt32.self)
        #expect(readVersion == 1)

        #expect(try await clientA.setSequence(package, xml, expecting: readVersion) == 2)

        let staleSequence = await ProviderClient.errorName { _ = try await clientB.setSequence(package, xml, expecting: readVersion) }
        #expect(staleSequence == Provider.conflictError)
        let staleProperties = await ProviderClient.errorName {
            _ = try await clientB.setPackageProperties(package, ["Description": .string("stale")], expecting: readVersion)
        }
        #expect(staleProperties == Provider.conflictError)
        let staleEdit = await ProviderClient.errorName {
            _ = try await clientB.proxy(package).call(Provider.packageInterface, "Edit", [
                .uint32(readVersion),
                .array(.dictionary(key: .string, value: .variant), [.stringVariantDictionary([
                    "Op": .string("SetPackageProperties"), "Properties": .stringVariantDictionary(["Description": .string("stale edit")]),
                ])]),
            ])
        }
        #expect(staleEdit == Provider.conflictError)
        // Nothing of the refused calls was written.
        #expect(try clientB.sourceVersion(package) == 2)
        #expect(try clientA.string("Description", of: Provider.packageInterface, at: package) == "")
        // Read again through B, the edit goes through.
        #expect(try await clientB.setPackageProperties(package, ["Description": .string("fresh")], expecting: 2) == 3)
    }

    @Test func aGetThroughOneProviderRightAfterASetThroughTheOtherReturnsTheNewValue() async throws {
        let site = try await ProviderSite.start()
        defer { site.shutdown() }
        let clientA = ProviderClient(site.a.client)
        let clientB = ProviderClient(site.b.client)
        let package = try await clientA.importPackage(SmallSequence.restart, name: "Cache across providers")
        for round in 1...25 {
            // B reads first (what a cache would keep), A changes it, B reads again at once.
            _ = try clientB.string("Description", of: Provider.packageInterface, at: package)
            _ = try clientB.string("Name", of: Provider.packageInterface, at: package)
            if round.isMultiple(of: 2) {
                try clientA.set("Description", of: Provider.packageInterface, at: package, to: .string("round \(round)"))
            } else {
                _ = try await clientA.setPackageProperties(package, ["Description": .string("round \(round)"), "Name": .string("Cache \(round)")])
            }
            #expect(try clientB.string("Description", of: Provider.packageInterface, at: package) == "round \(round)")
            #expect(try clientB.sourceVersion(package) == UInt32(round + 1))
        }
        #expect(try clientB.string("Name", of: Provider.packageInterface, at: package) == "Cache 25")
    }

    @Test func anEditThroughOneProviderIsHeardThroughTheOtherOnlyByThoseWhoMayRead() async throws {
        try UnixAccounts.ensureAll()
        let site = try await ProviderSite.start()
        defer { site.shutdown() }
        let clientA = ProviderClient(site.a.client)
        let package = try await clientA.importPackage(SmallSequence.restart, name: "Heard across providers")
        let fence = try await clientA.importPackage(SmallSequence.restart, name: "Changed after it")
        let packageID = try #require(package.lastComponent.map(String.init))
        try clientA.grantInstanceRights(TestPrincipals.reader.name, objectKey: ObjectKey.taskSequencePackage, instance: packageID, rights: .read)

        // On B's bus: root (DBusKit), and real users through python-dbus, as themselves.
        let rootOnB = try SignalCollector(site.b)
        try rootOnB.subscribe()
        let directory = try TemporaryDirectory()
        chmod(directory.path, 0o755)
        let reader = try SignalSubscriber(TestPrincipals.reader, daemon: site.b, directory: directory.path)
        let stranger = try SignalSubscriber(TestPrincipals.none, daemon: site.b, directory: directory.path)
        try await reader.waitUntilReady()
        try await stranger.waitUntilReady()

        try clientA.set("Description", of: Provider.packageInterface, at: package, to: .string("changed through A"))

        let changed = await rootOnB.first { $0.is("PropertiesChanged", about: package) }
        #expect(changed?.arguments.first == .string(Provider.packageInterface), "\(site.logs)")
        #expect(changed?.changedProperties["Description"] == .string("changed through A"))
        #expect(changed?.changedProperties["SourceVersion"] == .uint32(2))
        let modified = await rootOnB.first { $0.is("InstanceModified", about: package) }
        #expect(modified?.arguments.last == .stringVariantDictionary([
            "Properties": .array(.string, [.string("Description"), .string("SourceVersion"), .string("SourceDate")]),
            "SourceVersion": .uint32(2), "User": .string("root"),
        ]))
        // B hands other providers' changes to its subscribers one change at a time, on a thread
        // of its own: once root heard of a later change, every subscriber was sent what it may of
        // the first one, before the subscribers' closing Ping — order proves the silence.
        try clientA.set("Description", of: Provider.packageInterface, at: fence, to: .string("the fence"))
        #expect(await rootOnB.first { $0.is("PropertiesChanged", about: fence) } != nil, "\(site.logs)")
        try SignalSubscriber.releaseAll(in: directory.path)
        let heardByReader = try await reader.finish()
        let heardByStranger = try await stranger.finish()
        #expect(heardByReader.contains { $0.member == "PropertiesChanged" && $0.mentions(package.rawValue) }, "\(heardByReader)")
        #expect(heardByReader.contains { $0.member == "InstanceModified" && $0.mentions(package.rawValue) }, "\(heardByReader)")
        #expect(!heardByStranger.contains { $0.mentions(package.rawValue) }, "\(heardByStranger)")
        // A change through B is not echoed back to B's subscribers twice.
        try ProviderClient(site.b.client).set("Description", of: Provider.packageInterface, at: package, to: .string("changed through B"))
        _ = await rootOnB.first { $0.is("PropertiesChanged", about: package) && $0.changedProperties["Description"] == .string("changed through B") }
        try clientA.set("Description", of: Provider.packageInterface, at: package, to: .string("and through A again"))
        _ = await rootOnB.first { $0.is("PropertiesChanged", about: package) && $0.changedProperties["Description"] == .string("and through A again") }
        let throughB = rootOnB.signals.filter { $0.is("PropertiesChanged", about: package) && $0.changedProperties["Description"] == .string("changed through B") }
        #expect(throughB.count == 1)
    }

    /// Many edits of the same and of different packages through both providers at once, each
    /// made on the version it read: every one is applied or Conflict, and the versions count
    /// exactly the applied ones.
    @Test func concurrentWritersThroughBothProvidersLoseNoUpdate() async throws {
        let site = try await ProviderSite.start()
        defer { site.shutdown() }
        let clientA = ProviderClient(site.a.client)
        let packages = [
            try await clientA.importPackage(SmallSequence.restart, name: "Contended 1"),
            try await clientA.importPackage(SmallSequence.restart, name: "Contended 2"),
        ]
        let editsPerWriter = 15
        let outcomes = try await withThrowingTaskGroup(of: [(ObjectPath, String?)].self) { group in
            for (writer, daemon) in [site.a, site.b, site.a, site.b].enumerated() {
                group.addTask {
                    let client = ProviderClient(daemon.client)
                    var outcomes: [(ObjectPath, String?)] = []
                    for edit in 0..<editsPerWriter {
                        // Writers 0 and 1 share the first package; 2 and 3 alternate between both.
                        let package = writer < 2 ? packages[0] : packages[edit % 2]
                        let version = try client.sourceVersion(package)
                        let error = await ProviderClient.errorName {
                            _ = try await client.setPackageProperties(package, ["Description": .string("writer \(writer) edit \(edit)")], expecting: version)
                        }
                        outcomes.append((package, error))
                    }
                    return outcomes
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(outcomes.count == 4 * editsPerWriter)
        let unexpected = outcomes.compactMap(\.1).filter { $0 != Provider.conflictError }
        #expect(unexpected.isEmpty, "\(unexpected)")
        for package in packages {
            let applied = outcomes.filter { $0.0 == package && $0.1 == nil }.count
            #expect(applied > 0)
            // Imported at 1, one step per applied edit — through either provider.
            #expect(try ProviderClient(site.b.client).sourceVersion(package) == UInt32(1 + applied))
            #expect(try clientA.sourceVersion(package) == UInt32(1 + applied))
        }
    }

    /// The database stops while both providers take calls: calls fail with StorageFailed and
    /// write nothing half, both stay on their buses, and once it is back they serve — and signal
    /// each other's changes — without being restarted.
    @Test func aPostgreSQLRestartUnderLoadIsSurvivedByBothProviders() async throws {
        let server = try PostgresServer.start()
        defer { server.stop() }
        let site = try await ProviderSite.start(on: server)
        defer { site.shutdown() }
        let clients = [ProviderClient(site.a.client), ProviderClient(site.b.client)]
        let package = try await clients[0].importPackage(SmallSequence.restart, name: "Restart under load")

        let load = LoadState()
        let loadTasks = (0..<4).map { writer in
            Task {
                let client = clients[writer % 2]
                var edit = 0
                while !load.isStopped {
                    edit += 1
                    let error = await ProviderClient.errorName {
                        if edit.isMultiple(of: 3) {
                            _ = try client.string("Description", of: Provider.packageInterface, at: package)
                        } else {
                            _ = try await client.setPackageProperties(package, ["Description": .string("writer \(writer) edit \(edit)")])
                        }
                    }
                    load.record(error)
                    if error != nil { try? await Task.sleep(for: .milliseconds(20)) }
                }
            }
        }
        _ = await waitUntil(timeout: .seconds(30)) { load.successes >= 20 }

        try server.stopServer()
        // While it is away, each provider fails its calls with the storage error.
        for client in clients {
            let write = await ProviderClient.errorName { _ = try await client.setPackageProperties(package, ["Description": .string("during the outage")]) }
            #expect(write == Self.storageError, "\(site.logs)")
            let read = await ProviderClient.errorName { _ = try client.string("Description", of: Provider.packageInterface, at: package) }
            #expect(read == Self.storageError, "\(site.logs)")
        }
        try server.startServer()

        // Both serve again by themselves, still the same processes.
        for client in clients {
            let serving = await waitUntil(timeout: .seconds(60)) {
                (try? client.string("Description", of: Provider.packageInterface, at: package)) != nil
            }
            #expect(serving, "\(site.logs)")
        }
        let successesAfterRestart = load.successes
        _ = await waitUntil(timeout: .seconds(30)) { load.successes >= successesAfterRestart + 20 }
        load.stop()
        for task in loadTasks { await task.value }
        #expect(site.a.process?.isRunning == true && site.b.process?.isRunning == true)
        let unexpected = load.errors.filter { $0 != Self.storageError }
        #expect(unexpected.isEmpty, "\(Set(unexpected))")

        // Nothing half-written: the versions the package reached are its revisions, one after
        // another up to its SourceVersion, and its sequence reads back whole through either provider.
        let version = try clients[1].sourceVersion(package)
        let history = try await clients[1].proxy(package).call(Provider.packageInterface, "GetHistory")
        var revisions: [UInt32] = []
        if case .array(_, let entries) = history.first {
            revisions = entries.compactMap { $0.stringKeyedEntries?["SourceVersion"].flatMap { try? $0.decode(UInt32.self) } }
        }
        let consecutive = revisions.last.map { last in revisions == Array((last + 1 - UInt32(revisions.count))...last) } ?? false
        #expect(revisions.last == version && consecutive, "version \(version), revisions \(revisions)")
        let xmlThroughA = try await clients[0].sequenceXML(package)
        let xmlThroughB = try await clients[1].sequenceXML(package)
        #expect(xmlThroughA == xmlThroughB)
        #expect(try clients[1].sequence(package).steps.count == 1)

        // Signals flow again: B hears a change made through A (A's listener and B's have
        // reconnected; a change sent before B listened again is not replayed, so A changes until B hears).
        let collector = try SignalCollector(site.b)
        try collector.subscribe()
        var round = 0
        let heard = try await waitUntil(timeout: .seconds(60)) {
            round += 1
            try clients[0].set("Description", of: Provider.packageInterface, at: package, to: .string("after the restart \(round)"))
            return collector.signals.contains { $0.is("PropertiesChanged", about: package) }
        }
        #expect(heard, "\(site.logs)")
    }
}

/// What the load of ``MultiProviderTests/aPostgreSQLRestartUnderLoadIsSurvivedByBothProviders()``
/// saw, shared by its tasks.
private final class LoadState: Sendable {
    private struct Counts {
        var stopped = false
        var successes = 0
        var errors: [String] = []
    }

    private let counts = Mutex(Counts())

    var isStopped: Bool { counts.withLock { $0.stopped } }
    var successes: Int { counts.withLock { $0.successes } }
    var errors: [String] { counts.withLock { $0.errors } }

    func stop() { counts.withLock { $0.stopped = true } }

    func record(_ error: String?) {
        counts.withLock { counts in
            if let error { counts.errors.append(error) } else { counts.successes += 1 }
        }
    }
}
