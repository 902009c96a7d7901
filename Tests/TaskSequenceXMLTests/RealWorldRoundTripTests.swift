import TestSupport
import Foundation
import Testing
import TaskSequenceModel
import TaskSequenceXML

/// Every real-world file reads and writes back as the same XML.
@Suite struct RealWorldRoundTripTests {
    let reader = TaskSequenceReader()

    @Test func theCorpusIsThere() {
        #expect(Fixtures.realWorldNames.count >= 64)
        #expect(Fixtures.objectXMLNames.count >= 17)
        #expect(Fixtures.malformedNames.count >= 1)
    }

    /// The XML the sequence of `name` was written in: the file itself, or for an object.xml the
    /// sequence text the corpus extracted from it.
    private func originalSequence(_ name: String) throws -> Data {
        name.hasSuffix("object.xml") ? try Fixtures.derivedSequence(for: name) : try Fixtures.data(name)
    }

    @Test(arguments: Fixtures.realWorldNames)
    func faithfulLayoutWritesTheSameXML(name: String) throws {
        let document = try reader.document(from: Fixtures.data(name))
        let written = try TaskSequenceWriter().sequenceXML(document.sequence)
        let difference = try XMLEquivalence.firstDifference(between: originalSequence(name), and: Data(written.utf8))
        #expect(difference == nil, "\(name): \(difference?.description ?? "")")
    }

    @Test(arguments: Fixtures.realWorldNames)
    func canonicalLayoutWritesTheSameXML(name: String) throws {
        let document = try reader.document(from: Fixtures.data(name))
        let written = try TaskSequenceWriter(layout: .canonical).sequenceXML(document.sequence)
        let difference = try XMLEquivalence.firstDifference(between: originalSequence(name), and: Data(written.utf8))
        #expect(difference == nil, "\(name): \(difference?.description ?? "")")
    }

    @Test(arguments: Fixtures.realWorldNames)
    func aSecondRoundTripIsByteIdentical(name: String) throws {
        let document = try reader.document(from: Fixtures.data(name))
        for layout in TaskSequenceWriter.Layout.allCases {
            let writer = TaskSequenceWriter(layout: layout)
            let first = try writer.sequenceXML(document.sequence)
            let reread = try reader.sequence(fromXML: first)
            #expect(reread == document.sequence, "\(name), \(layout): the model changed on re-reading")
            #expect(try writer.sequenceXML(reread) == first, "\(name), \(layout): the writer is not stable")
        }
    }

    @Test(arguments: Fixtures.objectXMLNames)
    func objectXMLHoldsTheDerivedSequence(name: String) throws {
        let document = try reader.document(from: Fixtures.data(name))
        #expect(document.format == .objectXML)
        #expect(!document.package.packageID.isEmpty)
        #expect(name.contains("__\(document.package.packageID)__"))
        #expect(!document.package.name.isEmpty)
        let derived = try reader.document(from: Fixtures.derivedSequence(for: name))
        #expect(document.sequence == derived.sequence)
    }

    @Test(arguments: Fixtures.malformedNames)
    func malformedFilesFailWithLineAndColumn(name: String) throws {
        let data = try Fixtures.data(name, in: Fixtures.malformed)
        do {
            _ = try reader.document(from: data)
            Issue.record("\(name) was accepted")
        } catch {
            guard case .malformed(let line, let column, let message) = error else {
                Issue.record("\(name): unexpected \(error)")
                return
            }
            #expect(line >= 1 && column >= 1)
            #expect(!message.isEmpty)
            #expect(error.description.hasPrefix("\(line):\(column): "))
        }
    }
}
