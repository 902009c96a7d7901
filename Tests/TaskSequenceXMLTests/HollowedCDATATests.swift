import CLibXML2
import Foundation
import TaskSequenceModel
import Testing
import TestSupport
@testable import TaskSequenceXML

/// Long CDATA sections are fed to libxml2 as their line breaks only, their content handed to the
/// tree when they end (HollowedCDATA): the document read is the same, what is not hollowed is
/// what libxml2 would refuse, and a parse that fails reports what libxml2 reports.
@Suite struct HollowedCDATATests {
    /// The content of the first CDATA node under the root, and how many sections the parse hollowed.
    private static func firstCDATA(_ text: String) throws -> (content: String?, hollowed: Int) {
        let stream = SequenceStream()
        let content = try Array(text.utf8).withUnsafeBytes { bytes in
            try SafeXMLParser.withDocument(bytes, limits: .default, stream: stream) { document throws(XMLCodecError) in
                func find(_ node: XMLNodePointer) -> String? {
                    for child in node.childNodes {
                        if child.kind == .cdata { return child.content }
                        if child.kind == .element, let found = find(child) { return found }
                    }
                    return nil
                }
                return find(try rootElement(of: document))
            }
        }
        return (content, stream.hollowedCDATASections)
    }

    /// The error a parse of `text` reports.
    private static func parseError(_ text: String, stream: SequenceStream?) -> XMLCodecError? {
        do {
            try Array(text.utf8).withUnsafeBytes { bytes in
                try SafeXMLParser.withDocument(bytes, limits: .default, stream: stream) { _ throws(XMLCodecError) in }
            }
            return nil
        } catch {
            return error as? XMLCodecError
        }
    }

    static let long = String(repeating: "Write-Host \"a < b && c > d\" ]] > é 漢 𝄞\n", count: 20)

    @Test func aLongSectionReachesTheTreeAsWritten() throws {
        let text = "<INSTANCE><PROPERTY NAME=\"Sequence\"><VALUE><![CDATA[\(Self.long)]]></VALUE></PROPERTY></INSTANCE>"
        let read = try Self.firstCDATA(text)
        #expect(read.content == Self.long)
        #expect(read.hollowed == 1)
    }

    @Test func lineEndsAreReadAsLibxml2ReadsThem() throws {
        let body = String(repeating: "line\r\nother\rlast\n", count: 30)
        let read = try Self.firstCDATA("<a><![CDATA[\(body)]]></a>")
        #expect(read.content == body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n"))
        #expect(read.hollowed == 1)
    }

    @Test func lineNumbersAfterASectionAreKept() throws {
        let text = "<r>\n<action><![CDATA[\(Self.long)]]></action>\n<step name=\"after\" type=\"X\"/>\n</r>"
        let stream = SequenceStream()
        let line = try Array(text.utf8).withUnsafeBytes { bytes in
            try SafeXMLParser.withDocument(bytes, limits: .default, stream: stream) { document throws(XMLCodecError) in
                try rootElement(of: document).childElements.first { $0.hasLocalName("step") }?.line
            }
        }
        #expect(stream.hollowedCDATASections == 1)
        #expect(line == 3 + 20)
    }

    @Test func whatLibxml2WouldRefuseIsLeftToIt() throws {
        let bytes = { (text: String) in Array(text.utf8) }
        func sections(_ text: [UInt8], embedded: Bool = false) -> Int {
            text.withUnsafeBytes { HollowedCDATA.sections(in: $0, embeddedText: embedded).count }
        }
        let content = String(repeating: "x", count: 300)
        #expect(sections(bytes("<a><![CDATA[\(content)]]></a>")) == 1)
        #expect(sections(bytes("<a><![CDATA[short]]></a>" + content)) == 0)
        // A control character, a lone surrogate's bytes, an overlong form, U+FFFE: refused by XML.
        for bad: [UInt8] in [[0x01], [0xED, 0xA0, 0x80], [0xC0, 0x80], [0xEF, 0xBF, 0xBE], [0xFF]] {
            #expect(sections(bytes("<a><![CDATA[\(content)") + bad + bytes("]]></a>")) == 0, "\(bad)")
        }
        // Not closed; inside a comment or a PI; after a DOCTYPE.
        #expect(sections(bytes("<a><![CDATA[\(content)</a>")) == 0)
        #expect(sections(bytes("<a><!-- <![CDATA[\(content)]]> --></a>")) == 0)
        #expect(sections(bytes("<a><?pi <![CDATA[\(content)]]> ?></a>")) == 0)
        #expect(sections(bytes("<!DOCTYPE a><a><![CDATA[\(content)]]></a>")) == 0)
        // Another encoding: the bytes are not UTF-8 text; unless the text was taken from a document.
        let latin1 = bytes("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a><![CDATA[\(content)]]></a>")
        #expect(sections(latin1) == 0)
        #expect(sections(latin1, embedded: true) == 1)
        #expect(sections(bytes("<?xml version='1.0' encoding='utf-8'?><a><![CDATA[\(content)]]></a>")) == 1)
        #expect(sections([0xFF, 0xFE] + bytes("<a><![CDATA[\(content)]]></a>")) == 0)
    }

    @Test func aFailedParseReportsWhatLibxml2Reports() throws {
        // After a hollowed section on the same line, and inside a section libxml2 refuses.
        for text in ["<a><b><![CDATA[\(String(repeating: "y", count: 400))]]></c></a>",
                     "<a><![CDATA[\(String(repeating: "y", count: 400))]]>\u{1}</a>",
                     "<a><![CDATA[\(String(repeating: "y", count: 400))\u{1}]]></a>",
                     "<a><![CDATA[\(String(repeating: "y", count: 400))]]><!DOCTYPE x></a>"] {
            let streamed = Self.parseError(text, stream: SequenceStream())
            #expect(streamed != nil && streamed == Self.parseError(text, stream: nil), "\(text.prefix(20)) \(String(describing: streamed))")
        }
    }

    /// Every real-world object.xml (its sequence a CDATA section) reads as the same document with
    /// the section written as escaped text, which libxml2 reads itself.
    @Test func everyRealWorldObjectXMLReadsAsWithItsSequenceEscaped() throws {
        var compared = 0
        for name in Fixtures.realWorldNames where name.hasSuffix("object.xml") {
            let text = String(decoding: try Fixtures.data(name), as: UTF8.self)
            guard let open = text.range(of: "<![CDATA["), let close = text.range(of: "]]>", range: open.upperBound..<text.endIndex) else { continue }
            let content = String(text[open.upperBound..<close.lowerBound])
            let escaped = content.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            let asText = String(text[..<open.lowerBound]) + escaped + String(text[close.upperBound...])
            let document = try TaskSequenceReader().document(from: Data(text.utf8))
            #expect(document == (try TaskSequenceReader().document(from: Data(asText.utf8))), "\(name)")
            // And the section really went past libxml2.
            if content.utf8.count >= HollowedCDATA.defaultMinimumLength {
                let stream = SequenceStream()
                try Array(text.utf8).withUnsafeBytes { bytes in
                    try SafeXMLParser.withDocument(bytes, limits: .default, stream: stream) { _ throws(XMLCodecError) in }
                }
                #expect(stream.hollowedCDATASections >= 1, "\(name)")
            }
            compared += 1
        }
        #expect(compared >= 10)
    }
}

/// `isWritableXMLText` answers as the byte-at-a-time check it replaced, across the eight-byte
/// steps of its fast path.
struct WritableXMLTextTests {
    private static func byteByByte(_ text: String) -> Bool {
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in text.utf8 {
            if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D { return false }
            if previous == (0xEF, 0xBF) && (byte == 0xBE || byte == 0xBF) { return false }
            previous = (previous.1, byte)
        }
        return true
    }

    @Test func answersAsTheByteByByteCheck() {
        let pieces = ["a", "abcdefgh", "\t", "\n", "\r", "\u{1}", "\u{1F}", "é", "\u{FFFE}", "\u{FFFF}", "\u{FFFD}", "€", " ", "~", "\u{7F}"]
        var generator = SeededGenerator(seed: 0xB17E)
        for _ in 0..<5_000 {
            let text = (0..<Int(generator.next() % 40)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            #expect(text.isWritableXMLText == Self.byteByByte(text), "\(Array(text.utf8))")
        }
    }
}
