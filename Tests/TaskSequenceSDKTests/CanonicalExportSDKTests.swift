import Foundation
import TaskSequenceSDK
import Testing
import TestSupport

/// Canonical exports (issue 17, item 6): one element per line, and re-imported they give the
/// same sequence as the original file, for every corpus file.
@Suite struct CanonicalExportSDKTests {
    @Test func everyCorpusFileReimportsFromItsCanonicalExportAsTheSameSequence() throws {
        try withProvider { client, _ in
            var compared = 0
            for name in Fixtures.realWorldNames {
                let original = try client.importPackage(data: try Fixtures.data(name))
                let canonical = try original.export(format: .sequence, canonical: true)
                // One element per line: far more lines than the compact form's one.
                let compactLines = try original.export(format: .sequence).split(separator: "\n").count
                #expect(canonical.split(separator: "\n").count > compactLines + 2, "\(name) is not laid out one element per line")
                #expect(canonical.hasPrefix("<?xml"), "\(name)")
                let reimported = try client.importPackage(xml: canonical)
                #expect(try reimported.sequenceXML() == (try original.sequenceXML()), "\(name) re-imports differently")
                try reimported.delete()
                try original.delete()
                compared += 1
            }
            #expect(compared == Fixtures.realWorldNames.count)
            #expect(compared >= 94)
        }
    }

    @Test func thePackageFormatIsCanonicalTooAndObjectIsRefused() throws {
        try withProvider { client, _ in
            let original = try client.importPackage(data: try Fixtures.data(HistorySDKTests.corpusFile))
            let canonical = try original.export(format: .package, canonical: true)
            let reimported = try client.importPackage(xml: canonical)
            #expect(try reimported.sequenceXML() == (try original.sequenceXML()))
            #expect(try reimported.info().name == (try original.info().name))
            #expect(providerError { _ = try original.export(format: .object, canonical: true) }
                    == .invalidArguments("argument layout: canonical applies to the package and sequence formats, not object"))
        }
    }
}
