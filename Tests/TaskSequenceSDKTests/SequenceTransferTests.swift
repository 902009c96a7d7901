import Foundation
import TaskSequenceSDK
import TaskSequenceXML
import Testing
import TestSupport

/// Sequences: import in every form (text, bytes, files, zips, pipes), get and set with the
/// stale check, export in both formats, to text and to files.
@Suite struct SequenceTransferTests {
    @Test func importTextThenReadAndExportTheSameSequence() throws {
        try withProvider { client, _ in
            let text = try SDKFixtures.text(SDKFixtures.chassisName)
            let package = try client.importPackage(xml: text, options: ImportOptions(name: "Chassis"))
            #expect(try package.info().name == "Chassis")
            let xml = try package.sequenceXML()
            #expect(xml.hasPrefix("<sequence"))
            #expect(try XMLEquivalence.firstDifference(between: text, and: xml) == nil)

            let exported = try package.export(format: .sequence)
            #expect(try XMLEquivalence.firstDifference(between: text, and: exported) == nil)
            let wrapped = try package.export(format: .package)
            #expect(wrapped.contains("<SmsTaskSequencePackage"))
            #expect(wrapped.contains("<Name>Chassis</Name>"))
            let reread = try #require(try TaskSequenceReader().documents(from: Data(wrapped.utf8)).first)
            #expect(reread.package.name == "Chassis")
            #expect(reread.sequence.counts.groups == 3)
        }
    }

    @Test func importFilesAndBytesOfEveryKind() throws {
        try withProvider { client, _ in
            let fromFile = try client.importPackage(contentsOf: SDKFixtures.url(SDKFixtures.mdtName))
            let fromZipFile = try client.importPackage(contentsOf: SDKFixtures.singleZip)
            let fromZipData = try client.importPackage(data: try Data(contentsOf: SDKFixtures.singleZip), options: ImportOptions(name: "Zipped bytes"))
            let fromBytes = try client.importPackage(data: try Fixtures.data(SDKFixtures.chassisName))
            let ids = [fromFile, fromZipFile, fromZipData, fromBytes].map(\.id)
            #expect(Set(ids).count == 4)
            #expect(try client.packageIDs() == ids.sorted())
            #expect(try fromZipData.info().name == "Zipped bytes")
            #expect(try fromZipFile.sequenceXML() == fromZipData.sequenceXML())
            let counts = try SDKFixtures.counts(SDKFixtures.mdtName)
            let tree = try fromFile.sequence.stepTree().flatMap { $0.flattened() }
            #expect(tree.filter { !$0.info.isGroup }.count == counts.steps)
            #expect(tree.filter { $0.info.isGroup }.count == counts.groups)

            // A file descriptor of the caller's own.
            let handle = try FileHandle(forReadingFrom: SDKFixtures.url(SDKFixtures.chassisName))
            defer { try? handle.close() }
            let fromDescriptor = try client.importPackage(fileDescriptor: handle.fileDescriptor, options: ImportOptions(name: "From fd"))
            #expect(try fromDescriptor.sequence.steps().count == 3)
        }
    }

    @Test func aZipHoldingSeveralPackagesNeedsTheOneToImport() throws {
        try withProvider { client, _ in
            let error = providerError { _ = try client.importPackage(contentsOf: SDKFixtures.severalZip) }
            guard case .invalidArguments(let message)? = error else {
                Issue.record("expected invalidArguments, got \(String(describing: error))")
                return
            }
            #expect(message.contains("PS100294") && message.contains("PS10026F"))
            let one = try client.importPackage(contentsOf: SDKFixtures.severalZip, options: ImportOptions(sourcePackageID: "PS100294"))
            let other = try client.importPackage(data: try Data(contentsOf: SDKFixtures.severalZip), options: ImportOptions(sourcePackageID: "PS10026F"))
            #expect(try one.sequenceXML() != other.sequenceXML())
        }
    }

    @Test func largePayloadsTravelThroughAPipe() throws {
        try withProvider { client, _ in
            // Padding in a comment makes the text larger than what travels inline.
            let text = try SDKFixtures.text(SDKFixtures.chassisName)
            let padding = "<!--" + String(repeating: "x", count: 5 << 20) + "-->"
            let large = text.replacingOccurrences(of: "<sequence version=\"3.10\">", with: "<sequence version=\"3.10\">" + padding)
            let package = try client.importPackage(data: Data(large.utf8), options: ImportOptions(name: "Large"))
            #expect(try package.sequence.steps().count == 3)
        }
    }

    @Test func setSequenceDetectsStaleEditsAndReportsBothVersions() throws {
        try withProvider { client, _ in
            let package = try client.importPackage(xml: try SDKFixtures.text(SDKFixtures.chassisName))
            let version = try package.info().sourceVersion
            let original = try package.sequenceXML()
            let replacement = #"<sequence version="3.10"><group name="Only"/></sequence>"#
            let next = try package.setSequenceXML(replacement, expectingSourceVersion: version)
            #expect(next > version)
            #expect(try package.info().sourceVersion == next)
            #expect(try package.sequence.steps().count == 1)

            let error = providerError { try package.setSequenceXML(original, expectingSourceVersion: version) }
            #expect(error == .conflict(expected: version, actual: next))
            #expect(error?.dbusName == "org.tsprovider.Provider1.Error.Conflict")
            #expect(error?.message.contains("expected SourceVersion \(version), it is \(next)") == true)

            // nil replaces whatever is there.
            let forced = try package.setSequenceXML(original, expectingSourceVersion: nil)
            #expect(forced > next)
            #expect(try package.sequence.steps().count == 3)
        }
    }

    @Test func badXMLIsReportedWithLineAndColumn() throws {
        try withProvider { client, _ in
            let package = try client.createPackage(named: "Target")
            let error = providerError { try package.setSequenceXML("<sequence version=\"3.10\">\n  <group name=\"a\">\n</sequence>", expectingSourceVersion: nil) }
            guard case .invalidXML(let line, let column, let message)? = error else {
                Issue.record("expected invalidXML, got \(String(describing: error))")
                return
            }
            #expect(line == 3)
            #expect(column > 0)
            #expect(!message.isEmpty)
            let imported = providerError { _ = try client.importPackage(xml: "<sequence") }
            #expect(imported.map { if case .invalidXML(let line, _, _) = $0 { line == 1 } else { false } } == true, "\(String(describing: imported))")
        }
    }

    @Test func exportToAFileAndFailToWriteWhereNothingCanBeWritten() throws {
        try withProvider { client, _ in
            let package = try client.importPackage(contentsOf: SDKFixtures.url(SDKFixtures.chassisName))
            let directory = try TemporaryDirectory()
            let url = URL(fileURLWithPath: directory.path + "/out.xml")
            try package.export(format: .sequence, to: url)
            #expect(try String(contentsOf: url, encoding: .utf8) == package.export(format: .sequence))
            let error = providerError { try package.export(to: URL(fileURLWithPath: directory.path + "/missing/dir/out.xml")) }
            guard case .file(let path, _)? = error else {
                Issue.record("expected a file error, got \(String(describing: error))")
                return
            }
            #expect(path.hasSuffix("missing/dir/out.xml"))
            #expect(error?.dbusName == nil)

            let unreadable = providerError { _ = try client.importPackage(contentsOf: URL(fileURLWithPath: directory.path + "/nope.xml")) }
            #expect(unreadable.map { if case .file = $0 { true } else { false } } == true)
            let folder = providerError { _ = try client.importPackage(contentsOf: URL(fileURLWithPath: directory.path)) }
            #expect(folder?.message.contains("directory") == true)
        }
    }
}
