import DBusKit
import Foundation
import TaskSequenceXML
import Testing
import TestSupport

/// Every real-world file goes into a running daemon over D-Bus and comes back as the same XML.
@Suite(.sharedDaemon) struct CorpusOverBusTests {
    @Test func everyRealWorldFileImportedThroughDBusComesBackAsTheSameXML() async throws {
        let client = ProviderClient(try SharedDaemon.current().client)
        #expect(Fixtures.realWorldNames.count >= 90)
        #expect(!Fixtures.objectXMLNames.isEmpty)
        var imported: Set<ObjectPath> = []
        for name in Fixtures.realWorldNames {
            let data = try Fixtures.data(name)
            let package = try await client.importPackage(String(decoding: data, as: UTF8.self))
            imported.insert(package)
            let stored = try await client.sequenceXML(package)
            // What a client may see: the file's sequence with secrets blanked.
            let difference = try XMLEquivalence.firstDifference(between: ExpectedXML.exportForm(of: data), and: stored)
            #expect(difference == nil, "\(name): \(String(describing: difference))")
            let document = try TaskSequenceReader().document(from: data)
            if !document.package.name.isEmpty {
                #expect(try client.string("Name", of: Provider.packageInterface, at: package) == document.package.name, "\(name)")
            }
        }
        #expect(imported.count == Fixtures.realWorldNames.count, "each import makes a package of its own")
        #expect(imported.isSubset(of: Set(try client.packagePaths())))
    }

    /// The BitLocker task sequence as ConfigMgr exported it (the zips are built from it).
    static let bitLocker = "DeploymentResearch__DRFiles__Scripts__TaskSequences__TS-BitLocker.zip__SMS_TaskSequencePackage__PS100294__object.xml"
    static let biosUpdate = "DeploymentResearch__DRFiles__Scripts__TaskSequences__BIOS-Update-TS.zip__SMS_TaskSequencePackage__PS10026F__object.xml"

    @Test func aZipPassedAsAFileDescriptorImportsItsTaskSequence() throws {
        let client = ProviderClient(try SharedDaemon.current().client)
        let package = try client.importFile(descriptorOf: Fixtures.containers.appendingPathComponent("export-single.zip").path)
        let original = try Fixtures.data(Self.bitLocker)
        #expect(try XMLEquivalence.firstDifference(between: ExpectedXML.exportForm(of: original), and: client.sequenceXML(package)) == nil)
        let name = try TaskSequenceReader().document(from: original).package.name
        #expect(!name.isEmpty)
        #expect(try client.string("Name", of: Provider.packageInterface, at: package) == name)
    }

    @Test func aZipHoldingSeveralNeedsThePackageIDOption() throws {
        let client = ProviderClient(try SharedDaemon.current().client)
        let zip = Fixtures.containers.appendingPathComponent("export-several.zip").path
        do {
            _ = try client.importFile(descriptorOf: zip)
            Issue.record("a zip holding two task sequences imported without choosing one")
        } catch let error as DBusError {
            #expect(error.name == "org.freedesktop.DBus.Error.InvalidArgs", "\(error)")
            #expect(error.message.contains("PS100294") && error.message.contains("PS10026F"), "\(error)")
        }

        let package = try client.importFile(descriptorOf: zip, options: ["PackageID": .string("PS10026F"), "Name": .string("BIOS from zip")])
        #expect(try XMLEquivalence.firstDifference(between: ExpectedXML.exportForm(of: Fixtures.data(Self.biosUpdate)), and: client.sequenceXML(package)) == nil)
        #expect(try client.string("Name", of: Provider.packageInterface, at: package) == "BIOS from zip")
    }

    /// The deflate stream without an end that hung the calling thread (ZIPFoundation's inflate
    /// looped forever): refused, and the daemon goes on serving.
    @Test func aZipWhoseDeflateStreamNeverEndsIsRefusedAndTheDaemonGoesOn() throws {
        let client = ProviderClient(try SharedDaemon.current().client)
        let damaged = Fixtures.root.appendingPathComponent("fuzz-regressions/zip/deflate-stream-without-an-end.zip").path
        let member = "SMS_TaskSequencePackage/PS100294/object.xml"
        do {
            _ = try client.importFile(descriptorOf: damaged)
            Issue.record("a zip whose deflate stream never ends imported")
        } catch let error as DBusError {
            #expect(error.name == "org.freedesktop.DBus.Error.InvalidArgs", "\(error)")
            #expect(error.message == "argument data: in \(member): entry \(member): the compressed data ends before its deflate stream does; the archive is damaged", "\(error)")
        }
        let package = try client.importFile(descriptorOf: Fixtures.containers.appendingPathComponent("export-single.zip").path)
        #expect(try XMLEquivalence.firstDifference(between: ExpectedXML.exportForm(of: Fixtures.data(Self.bitLocker)), and: client.sequenceXML(package)) == nil)
    }
}
