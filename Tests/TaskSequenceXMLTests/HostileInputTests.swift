import TestSupport
import Foundation
import Testing
import TaskSequenceXML

/// Hostile input is refused with a clear error, quickly (the time limit guards against hangs),
/// and without a crash.
@Suite(.timeLimit(.minutes(1))) struct HostileInputTests {
    let reader = TaskSequenceReader()

    private func error(reading data: Data, with reader: TaskSequenceReader = TaskSequenceReader()) -> XMLCodecError? {
        do {
            _ = try reader.documents(from: data)
            return nil
        } catch {
            return error
        }
    }

    private func error(reading xml: String) -> XMLCodecError? {
        error(reading: Data(xml.utf8))
    }

    @Test func billionLaughs() {
        var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE sequence [\n  <!ENTITY lol \"lol\">\n"
        xml += "  <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
        for level in 2...9 {
            xml += "  <!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">\n"
        }
        xml += "]>\n<sequence version=\"3.00\" name=\"&lol9;\"><group name=\"&lol9;\">&lol9;</group></sequence>"
        let error = error(reading: xml)
        #expect(error == .forbiddenDTD(line: 2, column: 20))
        #expect(error?.description.contains("DTDs and entity declarations are not allowed") == true)
    }

    @Test func externalEntityToALocalFile() {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE sequence [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <sequence version="3.10"><group name="&xxe;">&xxe;</group></sequence>
            """
        let error = error(reading: xml)
        guard case .forbiddenDTD(let line, _)? = error else {
            Issue.record("expected a refused DTD, got \(String(describing: error))")
            return
        }
        #expect(line == 2)
        #expect(error?.description.contains("root:") == false)
    }

    @Test func externalEntityToAURL() {
        let xml = """
            <!DOCTYPE sequence [ <!ENTITY remote SYSTEM "http://127.0.0.1:9/evil.xml"> ]>
            <sequence version="3.10">&remote;</sequence>
            """
        guard case .forbiddenDTD(line: 1, _)? = error(reading: xml) else {
            Issue.record("expected a refused DTD")
            return
        }
    }

    @Test func anExternalDTDIsNotLoaded() {
        let xml = #"<!DOCTYPE sequence SYSTEM "http://127.0.0.1:9/sequence.dtd"><sequence version="3.10"/>"#
        guard case .forbiddenDTD? = error(reading: xml) else {
            Issue.record("expected a refused DTD")
            return
        }
    }

    @Test func anUndeclaredEntityIsMalformed() {
        guard case .malformed(let line, let column, let message)? = error(reading: #"<sequence version="3.10">&xxe;</sequence>"#) else {
            Issue.record("expected malformed")
            return
        }
        #expect(line == 1 && column > 1)
        #expect(message.contains("xxe") && message.contains("only &amp;"))
    }

    @Test func tenThousandLevelsDeep() {
        let depth = 10_000
        let xml = "<sequence version=\"3.10\">" + String(repeating: "<group name=\"g\">", count: depth)
            + String(repeating: "</group>", count: depth) + "</sequence>"
        guard case .tooDeep(let limit, let line, let column)? = error(reading: xml) else {
            Issue.record("expected too deep")
            return
        }
        #expect(limit == 256)
        #expect(line == 1 && column > 256 * 16)
    }

    @Test func theDepthLimitIsConfigurable() {
        let xml = "<sequence version=\"3.10\">" + String(repeating: "<group>", count: 20) + String(repeating: "</group>", count: 20) + "</sequence>"
        let strict = TaskSequenceReader(limits: XMLLimits(maximumDepth: 16))
        guard case .tooDeep(limit: 16, _, _)? = error(reading: Data(xml.utf8), with: strict) else {
            Issue.record("expected too deep at 16")
            return
        }
        #expect(error(reading: xml) == nil)
    }

    @Test func theDepthLimitCountsTheRootAsOne() {
        let threeDeep = #"<sequence version="3.10"><group name="g"><step type="T" name="s"/></group></sequence>"#
        #expect(error(reading: Data(threeDeep.utf8), with: TaskSequenceReader(limits: XMLLimits(maximumDepth: 3))) == nil)
        #expect(error(reading: Data(threeDeep.utf8), with: TaskSequenceReader(limits: XMLLimits(maximumDepth: 2)))
            == .tooDeep(limit: 2, line: 1, column: 65))  // libxml2 reports where the start tag ends
    }

    @Test func libxml2sOwnDepthLimitReadsTheSame() {
        // Above 256 the configured limit cannot apply; libxml2 stops the parse itself.
        let xml = "<sequence version=\"3.10\">" + String(repeating: "<group>", count: 300) + String(repeating: "</group>", count: 300) + "</sequence>"
        let lenient = TaskSequenceReader(limits: XMLLimits(maximumDepth: 100_000))
        guard case .tooDeep(limit: 256, _, _)? = error(reading: Data(xml.utf8), with: lenient) else {
            Issue.record("expected too deep at 256")
            return
        }
    }

    @Test func anOversizeInputIsRefusedBeforeParsing() {
        let limit = 32 << 20
        var data = Data("<sequence version=\"3.10\">".utf8)
        data.append(Data(repeating: UInt8(ascii: " "), count: limit))
        data.append(Data("</sequence>".utf8))
        #expect(error(reading: data) == .tooLarge(limit: limit, size: data.count))
        let small = TaskSequenceReader(limits: XMLLimits(maximumBytes: 100))
        #expect(error(reading: Data(String(repeating: " ", count: 101).utf8) + Data("<sequence/>".utf8), with: small)
            == .tooLarge(limit: 100, size: 112))
    }

    @Test func emptyInput() {
        #expect(error(reading: Data()) == .empty)
        #expect(error(reading: " \r\n\t ") == .empty)
        #expect(XMLCodecError.empty.description.contains("expected a <sequence>"))
    }

    @Test func binaryGarbage() {
        var generator = SeededGenerator(seed: 0x5EED)
        for length in [1, 7, 512, 65_536] {
            let garbage = Data((0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) })
            #expect(error(reading: garbage) != nil, "\(length) random bytes were accepted")
        }
        let nulls = Data(repeating: 0, count: 64)
        guard case .malformed? = error(reading: nulls) else {
            Issue.record("NUL bytes were not reported as malformed")
            return
        }
    }

    @Test func aRootThatIsNotATaskSequence() {
        #expect(error(reading: "<html><body>hello</body></html>") == .notATaskSequence(rootElement: "html", line: 1))
        #expect(error(reading: "<!-- c -->\n<x:sequence xmlns:x=\"urn:x\"/>") == .notATaskSequence(rootElement: "x:sequence", line: 2))
        #expect(XMLCodecError.notATaskSequence(rootElement: "html", line: 1).description.hasPrefix("1:1: the root element is <html>; expected <sequence>"))
    }

    @Test func parsingFromManyThreadsAtOnceGivesTheSameResults() async throws {
        let names = Array(Fixtures.realWorldNames.prefix(24))
        let inputs = try names.map { try Fixtures.data($0) }
        let serial = try inputs.map { try reader.documents(from: $0) }
        let shared = reader
        let concurrent = try await withThrowingTaskGroup(of: (Int, [TaskSequenceDocument]).self) { group in
            for (index, data) in inputs.enumerated() {
                group.addTask { (index, try shared.documents(from: data)) }
            }
            var results = [[TaskSequenceDocument]](repeating: [], count: inputs.count)
            for try await (index, documents) in group { results[index] = documents }
            return results
        }
        #expect(concurrent == serial)
    }
}
