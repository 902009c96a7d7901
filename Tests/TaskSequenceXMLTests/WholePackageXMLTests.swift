import Foundation
import Testing
import TaskSequenceModel
import TaskSequenceXML
import TestSupport

/// The codec's side of issue 12: object.xml written with every property, read back the same,
/// and the 2007 wrapper keeping CustomProgressMsg and LastRefreshTime.
@Suite struct WholePackageXMLTests {
    @Test func objectXMLWrittenFromAnObjectXMLReadsBackWholeWithItsLayout() throws {
        let original = try TaskSequenceReader().document(from: WholePackageFixture.objectXML())
        let xml = try TaskSequenceWriter(form: .export).objectXML(original.sequence, properties: original.package, server: "CM")
        let reread = try TaskSequenceReader().document(fromXML: xml)
        #expect(reread.package == original.package)
        #expect(reread.sequence == original.sequence)
        // The layout of the console's exports: system properties first, then WMI's order.
        let names = xml.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("  <PROPERTY"), let start = line.range(of: "NAME=\"") else { return nil }
            return String(line[start.upperBound...].prefix { $0 != "\"" })
        }
        #expect(names.prefix(10) == ["__PATH", "__NAMESPACE", "__SERVER", "__DERIVATION", "__PROPERTY_COUNT", "__RELPATH", "__DYNASTY", "__SUPERCLASS", "__CLASS", "__GENUS"])
        let corpus = String(decoding: try Fixtures.data(WholePackageFixture.baseName), as: UTF8.self)
        let corpusNames = corpus.split(whereSeparator: \.isNewline).compactMap { line -> String? in
            guard line.hasPrefix("  <PROPERTY"), let start = line.range(of: "NAME=\"") else { return nil }
            return String(line[start.upperBound...].prefix { $0 != "\"" })
        }
        #expect(names == corpusNames)
        // libxml2 escapes the quotes the console writes raw: the same text to any XML reader.
        #expect(xml.contains("<VALUE>\\\\CM\\root\\sms\\site_MEM:SMS_TaskSequencePackage.PackageID=&quot;MEM00169&quot;</VALUE>"))
    }

    @Test func theWrapperKeepsCustomProgressMsgAndLastRefreshTime() throws {
        var package = PackageProperties()
        package.name = "With progress"
        package.customProgressMessage = "Please wait"
        package.lastRefreshTime = 1_700_000_000
        let sequence = try TaskSequenceReader().sequence(fromXML: #"<sequence version="3.10"/>"#)
        let xml = try TaskSequenceWriter().packageXML(sequence, properties: package)
        let reread = try TaskSequenceReader().document(fromXML: xml).package
        #expect(reread.customProgressMessage == "Please wait" && reread.lastRefreshTime == 1_700_000_000)
        #expect(xml.contains("<CustomProgressMsg>Please wait</CustomProgressMsg>"))
    }

    @Test func aZipOfSeveralPackagesHasTheExportLayout() throws {
        let first = try TaskSequenceReader().document(from: WholePackageFixture.objectXML())
        var second = first
        second.package.packageID = "MEM00170"
        let zip = try ZipExportWriter().archive([(first.sequence, first.package), (second.sequence, second.package)])
        let documents = try TaskSequenceReader().documents(from: zip)
        #expect(documents.map(\.archiveMember) == ["SMS_TaskSequencePackage/MEM00169/object.xml", "SMS_TaskSequencePackage/MEM00170/object.xml"])
        #expect(documents.first?.package == first.package)
        #expect(throws: XMLCodecError.unwritable(path: "SMS_TaskSequencePackage/MEM00169/object.xml", reason: "two packages have PackageID MEM00169")) {
            try ZipExportWriter().archive([(first.sequence, first.package), (first.sequence, first.package)])
        }
    }
}
