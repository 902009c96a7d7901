internal import CLibXML2
import TaskSequenceModel

/// A thin layer over libxml2's `xmlTextWriter` writing into memory.
///
/// libxml2 escapes text and attribute values (CR, LF and tab in attributes become character
/// references, so `description="&#xD;&#xA;"` survives). This type adds what the codec needs on
/// top: indentation decided per element (never inside mixed content, where whitespace would be
/// significant), checks that names and characters can be written at all, and the path of the
/// element being written for error messages.
final class XMLOutput {
    /// Receives libxml2's output in small chunks: the document exists once, as the result.
    private let sink = StringSink()
    private let writer: xmlTextWriterPtr
    private var open: [OpenElement] = []
    private var rootCounts: [String: Int] = [:]

    private struct OpenElement {
        var name: String
        var index: Int
        var indentsChildren: Bool
        var hasChildren = false
        var childCounts: [String: Int] = [:]
    }

    /// - Parameter declaration: whether the result starts with
    ///   `<?xml version="1.0" encoding="UTF-8"?>` and a line break.
    ///   - expectedBytes: about how long the result will be (0: unknown).
    init(declaration: Bool, expectedBytes: Int = 0) throws(XMLCodecError) {
        // The writer owns the output buffer and closes it (which releases the sink) when freed.
        let context = Unmanaged.passRetained(sink).toOpaque()
        guard let output = xmlOutputBufferCreateIO(StringSink.write, StringSink.close, context, nil) else {
            Unmanaged<StringSink>.fromOpaque(context).release()
            throw .unwritable(path: "/", reason: "libxml2 could not allocate an output buffer")
        }
        guard let writer = xmlNewTextWriter(output) else {
            xmlOutputBufferClose(output)
            throw .unwritable(path: "/", reason: "libxml2 could not allocate a writer")
        }
        self.writer = writer
        // Starting the document is what tells libxml2 the output is UTF-8; without it, it writes
        // every non-ASCII character of an attribute as a character reference.
        xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil)
        if !declaration {
            xmlTextWriterFlush(writer)
            sink.discardWritten()
        }
        sink.reserve(expectedBytes)
    }

    deinit {
        xmlFreeTextWriter(writer)
    }

    /// Opens an element. `indentsChildren` puts each child on its own indented line; pass it
    /// only for elements without text children.
    func startElement(_ name: String, attributes: AttributeList, indentsChildren: Bool) throws(XMLCodecError) {
        let index = beginChild(named: name)
        open.append(OpenElement(name: name, index: index, indentsChildren: indentsChildren))
        guard xmlValidateQName(name, 0) == 0 else { throw unwritable("\(quoted(name)) is not a valid element name") }
        xmlTextWriterStartElement(writer, name)
        for attribute in attributes {
            guard xmlValidateQName(attribute.name, 0) == 0 else {
                throw unwritable("\(quoted(attribute.name)) is not a valid attribute name", attribute: attribute.name)
            }
            guard attribute.value.isWritableXMLText else {
                throw unwritable("the value holds a character XML cannot carry", attribute: attribute.name)
            }
            xmlTextWriterWriteAttribute(writer, attribute.name, attribute.value)
        }
    }

    /// Closes the innermost element: `<x/>` when nothing was written inside it.
    /// `fullEnd` writes `<x></x>` instead.
    func endElement(fullEnd: Bool = false) {
        guard let element = open.popLast() else { return }
        if element.indentsChildren && element.hasChildren {
            newline(depth: open.count)
        }
        if fullEnd || element.hasChildren {
            xmlTextWriterFullEndElement(writer)
        } else {
            xmlTextWriterEndElement(writer)
        }
    }

    /// An element holding only `text`: `<name …>text</name>`; empty text as `<name …></name>`
    /// or, with `selfClosingWhenEmpty`, `<name …/>`.
    func textElement(_ name: String, attributes: AttributeList, text: String, selfClosingWhenEmpty: Bool = false) throws(XMLCodecError) {
        try startElement(name, attributes: attributes, indentsChildren: false)
        if !text.isEmpty { try self.text(text) }
        endElement(fullEnd: !selfClosingWhenEmpty)
    }

    func text(_ text: String) throws(XMLCodecError) {
        guard text.isWritableXMLText else { throw unwritable("the text holds a character XML cannot carry") }
        beginContent()
        xmlTextWriterWriteString(writer, text)
    }

    /// A CDATA section; `]]>` inside it is split across two sections.
    func cdata(_ text: String) throws(XMLCodecError) {
        guard text.isWritableXMLText else { throw unwritable("the CDATA section holds a character XML cannot carry") }
        beginContent()
        let parts = text.splitKeepingCDATAEnd()
        for part in parts { xmlTextWriterWriteCDATA(writer, part) }
    }

    func comment(_ text: String) throws(XMLCodecError) {
        guard text.isWritableXMLText, !text.contains("--"), !text.hasSuffix("-") else {
            throw unwritable("a comment cannot contain \"--\", end with \"-\" or hold characters XML cannot carry")
        }
        beginChild(named: nil)
        xmlTextWriterWriteComment(writer, text)
    }

    func processingInstruction(target: String, data: String) throws(XMLCodecError) {
        guard xmlValidateNCName(target, 0) == 0, target.lowercased() != "xml", data.isWritableXMLText, !data.contains("?>") else {
            throw unwritable("processing instruction \(quoted(target)) cannot be written")
        }
        beginChild(named: nil)
        xmlTextWriterWritePI(writer, target, data)
    }

    /// A line break ending the document (canonical layout).
    func finalNewline() {
        xmlTextWriterWriteRaw(writer, "\n")
    }

    /// Everything written, as a string.
    func finish() -> String {
        while !open.isEmpty { endElement() }
        xmlTextWriterFlush(writer)
        return sink.takeText()
    }

    // MARK: - Layout and paths

    /// Records a new child of the innermost element, indenting before it when that element
    /// indents its children; returns the child's 1-based index among same-named siblings.
    @discardableResult
    private func beginChild(named name: String?) -> Int {
        guard var parent = open.popLast() else {
            guard let name else { return 0 }
            rootCounts[name, default: 0] += 1
            return rootCounts[name, default: 1]
        }
        parent.hasChildren = true
        var index = 0
        if let name {
            parent.childCounts[name, default: 0] += 1
            index = parent.childCounts[name, default: 1]
        }
        let indents = parent.indentsChildren
        open.append(parent)
        if indents { newline(depth: open.count) }
        return index
    }

    /// Text goes straight after what precedes it.
    private func beginContent() {
        guard var parent = open.popLast() else { return }
        parent.hasChildren = true
        open.append(parent)
    }

    private func newline(depth: Int) {
        xmlTextWriterWriteRaw(writer, "\n" + String(repeating: "  ", count: depth))
    }

    /// `/sequence/group[2]/step[3]`, with an index wherever it is above 1.
    private var path: String {
        open.map { $0.index > 1 ? "\($0.name)[\($0.index)]" : $0.name }.reduce("") { $0 + "/" + $1 }
    }

    private func unwritable(_ reason: String, attribute: String? = nil) -> XMLCodecError {
        .unwritable(path: path + (attribute.map { "/@" + $0 } ?? ""), reason: reason)
    }

    private func quoted(_ name: String) -> String { "\"\(name)\"" }
}

extension String {
    /// Whether every character is allowed in XML 1.0 (no NUL or other C0 controls besides tab,
    /// LF and CR, no U+FFFE or U+FFFF).
    var isWritableXMLText: Bool {
        utf8.withContiguousStorageIfAvailable(Self.isWritableXMLText) ?? Array(utf8).withUnsafeBufferPointer(Self.isWritableXMLText)
    }

    /// Whether `bytes` hold no control character but tab, line feed and carriage return, and
    /// no U+FFFE or U+FFFF (`EF BF BE`, `EF BF BF`). Eight bytes of printable ASCII at a time
    /// are passed over whole: a script of tens of kilobytes was checked a byte at a time
    /// through the string's iterator, an eighth of a sequence's writing.
    private static func isWritableXMLText(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let raw = UnsafeRawBufferPointer(bytes)
        var index = 0
        var previous: (UInt8, UInt8) = (0, 0)
        while index < raw.count {
            let next = ByteScan.skippingPrintableASCII(in: raw, from: index, to: raw.count)
            // Printable ASCII cannot end the EF BF prefix either.
            if next != index { previous = (0, 0) }
            index = next
            guard index < raw.count else { break }
            let byte = raw[index]
            if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D { return false }
            if previous == (0xEF, 0xBF) && (byte == 0xBE || byte == 0xBF) { return false }
            previous = (previous.1, byte)
            index += 1
        }
        return true
    }

    /// The text cut where `]]>` occurs, so that each part fits in a CDATA section.
    func splitKeepingCDATAEnd() -> [String] {
        guard contains("]]>") else { return [self] }
        var parts: [String] = []
        var rest = Substring(self)
        while let range = rest.firstRange(of: "]]>") {
            parts.append(String(rest[..<rest.index(range.lowerBound, offsetBy: 2)]))
            rest = rest[rest.index(range.lowerBound, offsetBy: 2)...]
        }
        parts.append(String(rest))
        return parts
    }
}
