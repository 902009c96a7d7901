internal import CLibXML2

/// libxml2 must be initialised once, from one thread, before parsers run on several.
private let libxml2Initialised: Void = xmlInitParser()

/// What the SAX hooks record while libxml2 parses; reached through the context's `_private`.
private struct ParseGuard {
    var maximumDepth: Int32
    var doctypePosition: (line: Int32, column: Int32)?
    var tooDeepPosition: (line: Int32, column: Int32)?
    /// libxml2 goes on after a fatal error to find more; the first one is what to report.
    var firstError: ParserError?
    /// Maps a `<sequence>` while it is parsed, freeing what it has mapped.
    var stream: SequenceStream?
    /// The document's bytes and the CDATA sections libxml2 is fed hollow, the next one first.
    var input: UnsafeRawBufferPointer
    var hollowed: [HollowedCDATA] = []
    var nextHollowed = 0
    /// A CDATA section arrived where a hollowed one was expected, or a hollowed one never came.
    var hollowingFailed = false
}

/// A libxml2 error, copied out of libxml2's memory.
private struct ParserError {
    var code: Int32
    var line: Int
    var column: Int
    var message: String
    /// For a tag mismatch, the name of the element left open.
    var openedName: String?

    init(_ error: xmlError) {
        code = Int32(error.code)
        line = Int(error.line)
        column = Int(error.int2)
        message = (error.message.map { String(cString: $0) } ?? "").trimmingXMLWhitespace()
        openedName = error.str1.map { String(cString: $0) }
    }
}

/// Parses bytes into a libxml2 tree with everything dangerous switched off.
///
/// No network, no DTD (any `<!DOCTYPE>` stops the parse, so no entity can be declared, loaded or
/// expanded), a size limit checked first and a depth limit checked as each element starts. Every
/// call has its own parser context and reads errors from it, never from libxml2's global state.
enum SafeXMLParser {
    /// Parses `bytes` and hands the document to `body`; the tree lives only for that call.
    ///
    /// - Parameters:
    ///   - embeddedText: the bytes are UTF-8 text taken from another document (the sequence in an
    ///     `object.xml`), so an encoding named in their declaration no longer applies.
    ///   - keepCDATA: `false` merges CDATA sections into text, which is what comparisons want.
    ///   - stream: maps a root `<sequence>` while it is parsed; the document `body` gets then
    ///     holds only what the stream has not taken (see ``SequenceStream``).
    static func withDocument<Result>(
        _ bytes: UnsafeRawBufferPointer,
        limits: XMLLimits,
        embeddedText: Bool = false,
        keepCDATA: Bool = true,
        stream: SequenceStream? = nil,
        _ body: (UnsafeMutablePointer<xmlDoc>) throws(XMLCodecError) -> Result
    ) throws(XMLCodecError) -> Result {
        try withDocument(bytes, limits: limits, embeddedText: embeddedText, keepCDATA: keepCDATA, stream: stream,
                         hollowingCDATA: stream != nil && keepCDATA, body)
    }

    /// ``withDocument(_:limits:embeddedText:keepCDATA:stream:_:)``, feeding libxml2 long CDATA
    /// sections hollow (``HollowedCDATA``) when `hollowingCDATA`. A parse that fails, or whose
    /// sections did not arrive where they were expected, is parsed again without, so what it
    /// reports is libxml2's own.
    private static func withDocument<Result>(
        _ bytes: UnsafeRawBufferPointer,
        limits: XMLLimits,
        embeddedText: Bool,
        keepCDATA: Bool,
        stream: SequenceStream?,
        hollowingCDATA: Bool,
        _ body: (UnsafeMutablePointer<xmlDoc>) throws(XMLCodecError) -> Result
    ) throws(XMLCodecError) -> Result {
        guard bytes.baseAddress != nil, bytes.contains(where: { !isXMLWhitespace($0) }) else {
            throw .empty
        }
        guard bytes.count <= limits.maximumBytes, bytes.count <= Int(Int32.max) else {
            throw .tooLarge(limit: limits.maximumBytes, size: bytes.count)
        }
        _ = libxml2Initialised
        guard let context = xmlNewParserCtxt() else {
            throw .malformed(line: 0, column: 0, message: "libxml2 could not allocate a parser")
        }
        defer { xmlFreeParserCtxt(context) }

        let state = UnsafeMutablePointer<ParseGuard>.allocate(capacity: 1)
        let hollowed = hollowingCDATA ? HollowedCDATA.sections(in: bytes, embeddedText: embeddedText) : []
        state.initialize(to: ParseGuard(maximumDepth: Int32(limits.effectiveDepth), stream: stream, input: bytes, hollowed: hollowed))
        defer { state.deinitialize(count: 1); state.deallocate() }
        context.pointee._private = UnsafeMutableRawPointer(state)
        installGuards(on: context)
        if stream != nil { installStream(on: context) }
        if !hollowed.isEmpty { installHollowedCDATA(on: context) }

        var options = XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_COMPACT.rawValue
        if embeddedText { options |= XML_PARSE_IGNORE_ENC.rawValue }
        if !keepCDATA { options |= XML_PARSE_NOCDATA.rawValue }
        // Fed through a read callback rather than xmlCtxtReadMemory, which copies the whole
        // input into a buffer of its own first (another 30 MiB for a 30 MiB import).
        let source = UnsafeMutablePointer<MemorySource>.allocate(capacity: 1)
        source.initialize(to: MemorySource(bytes: bytes, hollowed: hollowed))
        defer { source.deinitialize(count: 1); source.deallocate() }
        let document = xmlCtxtReadIO(
            context, MemorySource.read, nil, UnsafeMutableRawPointer(source),
            nil, embeddedText ? "UTF-8" : nil, Int32(bitPattern: options)
        )

        if !hollowed.isEmpty, state.pointee.hollowingFailed || state.pointee.nextHollowed != hollowed.count
            || document == nil || context.pointee.wellFormed == 0 || state.pointee.doctypePosition != nil || state.pointee.tooDeepPosition != nil {
            if let document { xmlFreeDoc(document) }
            stream?.restart()
            return try withDocument(bytes, limits: limits, embeddedText: embeddedText, keepCDATA: keepCDATA, stream: stream,
                                    hollowingCDATA: false, body)
        }

        if let position = state.pointee.doctypePosition {
            if let document { xmlFreeDoc(document) }
            throw .forbiddenDTD(line: Int(position.line), column: Int(position.column))
        }
        if let position = state.pointee.tooDeepPosition {
            if let document { xmlFreeDoc(document) }
            throw .tooDeep(limit: limits.effectiveDepth, line: Int(position.line), column: Int(position.column))
        }
        guard let document, context.pointee.wellFormed != 0 else {
            if let document { xmlFreeDoc(document) }
            throw error(from: state.pointee.firstError ?? ParserError(context.pointee.lastError), input: bytes)
        }
        defer { xmlFreeDoc(document) }
        return try body(document)
    }

    /// Replaces SAX callbacks of this context's own handler: errors are collected here, a
    /// DOCTYPE stops the parse, and depth is counted before libxml2 builds each element.
    private static func installGuards(on context: UnsafeMutablePointer<xmlParserCtxt>) {
        guard let sax = context.pointee.sax else { return }
        sax.pointee.externalSubset = nil
        // A structured handler on this context receives its errors (nothing is printed, and
        // libxml2's global error state is not involved).
        sax.pointee.serror = { userData, error in
            guard let parser = userData?.assumingMemoryBound(to: xmlParserCtxt.self), let error,
                  error.pointee.level == XML_ERR_FATAL,
                  let state = parser.pointee._private?.assumingMemoryBound(to: ParseGuard.self),
                  state.pointee.firstError == nil else { return }
            state.pointee.firstError = ParserError(error.pointee)
        }
        sax.pointee.internalSubset = { userData, _, _, _ in
            guard let parser = userData?.assumingMemoryBound(to: xmlParserCtxt.self) else { return }
            if let state = parser.pointee._private?.assumingMemoryBound(to: ParseGuard.self) {
                state.pointee.doctypePosition = currentPosition(of: parser)
            }
            xmlStopParser(parser)
        }
        sax.pointee.startElementNs = { userData, localName, prefix, uri, namespaceCount, namespaces,
                                       attributeCount, defaultedCount, attributes in
            guard let parser = userData?.assumingMemoryBound(to: xmlParserCtxt.self) else { return }
            // During this callback the element is not yet on the name stack: its depth is nameNr + 1.
            if let state = parser.pointee._private?.assumingMemoryBound(to: ParseGuard.self),
               parser.pointee.nameNr + 1 > state.pointee.maximumDepth {
                state.pointee.tooDeepPosition = currentPosition(of: parser)
                xmlStopParser(parser)
                return
            }
            let stream = parser.pointee._private?.assumingMemoryBound(to: ParseGuard.self).pointee.stream
            if let stream, parser.pointee.nameNr == 0, let localName { stream.rootStarts(localName: localName, prefix: prefix) }
            // The stream's mapper reads the attributes from here (SAXAttributes), so libxml2
            // builds the element without attribute nodes.
            let list = stream?.readsAttributes == true
                ? SAXAttributes.list(namespaceCount: namespaceCount, namespaces: namespaces, attributeCount: attributeCount, attributes: attributes)
                : nil
            let parent = parser.pointee.node
            if list == nil {
                xmlSAX2StartElementNs(userData, localName, prefix, uri, namespaceCount, namespaces, attributeCount, defaultedCount, attributes)
            } else {
                xmlSAX2StartElementNs(userData, localName, prefix, uri, namespaceCount, namespaces, 0, 0, nil)
            }
            guard let stream, let element = parser.pointee.node, element != parent else { return }
            if let list { element.pointee._private = stream.attributes.store(list) }
            stream.started(element)
        }
    }

    /// Hands every element that ends to the context's ``SequenceStream`` once libxml2 has closed
    /// it. libxml2 keeps no pointer to a closed element (xmlTextReader frees them the same way).
    ///
    /// Blank text beside an element, a comment or a PI is not made a node where the document's
    /// reader would drop it (``SequenceStream/dropsBlankText(in:)``): a node made and
    /// freed for each indentation was a tenth of libxml2's work. libxml2's own
    /// `XML_PARSE_NOBLANKS` guesses differently (it drops blank text before a CDATA section,
    /// which a text-only element keeps).
    private static func installStream(on context: UnsafeMutablePointer<xmlParserCtxt>) {
        guard let sax = context.pointee.sax else { return }
        sax.pointee.characters = { userData, characters, length in SafeXMLParser.textArrived(userData, characters, length) }
        // Blank text libxml2 takes for ignorable goes the same way (its guess is not used).
        sax.pointee.ignorableWhitespace = { userData, characters, length in SafeXMLParser.textArrived(userData, characters, length) }
        sax.pointee.endElementNs = { userData, localName, prefix, uri in
            guard let parser = userData?.assumingMemoryBound(to: xmlParserCtxt.self) else { return }
            let element = parser.pointee.node
            xmlSAX2EndElementNs(userData, localName, prefix, uri)
            if let element, let state = parser.pointee._private?.assumingMemoryBound(to: ParseGuard.self),
               let stream = state.pointee.stream {
                stream.ended(element)
            }
        }
    }

    /// Gives libxml2's tree the content of each hollowed CDATA section (``HollowedCDATA``) as
    /// the section ends; other sections as libxml2 read them.
    private static func installHollowedCDATA(on context: UnsafeMutablePointer<xmlParserCtxt>) {
        guard let sax = context.pointee.sax else { return }
        sax.pointee.cdataBlock = { userData, value, length in SafeXMLParser.cdataArrived(userData, value, length) }
    }

    fileprivate static func cdataArrived(_ userData: UnsafeMutableRawPointer?, _ value: UnsafePointer<xmlChar>?, _ length: Int32) {
        guard let parser = userData?.assumingMemoryBound(to: xmlParserCtxt.self),
              let state = parser.pointee._private?.assumingMemoryBound(to: ParseGuard.self),
              state.pointee.nextHollowed < state.pointee.hollowed.count else {
            xmlSAX2CDataBlock(userData, value, length)
            return
        }
        let section = state.pointee.hollowed[state.pointee.nextHollowed]
        // libxml2 calls back just past `]]>` (or before its `>`): a section of its own starts
        // at least twelve bytes after that.
        let position = Int(xmlByteConsumed(parser))
        guard position >= section.endInFedBytes - 3 else {
            xmlSAX2CDataBlock(userData, value, length)
            return
        }
        state.pointee.nextHollowed += 1
        let fedAsExpected = position <= section.endInFedBytes && Int(length) == section.lineBreaks
            && (0..<Int(length)).allSatisfy { value?[$0] == 0x0A }
        guard fedAsExpected else {
            state.pointee.hollowingFailed = true
            xmlStopParser(parser)
            return
        }
        state.pointee.stream?.hollowedCDATASections += 1
        section.withContent(in: state.pointee.input) { content in
            xmlSAX2CDataBlock(userData, content.baseAddress?.assumingMemoryBound(to: xmlChar.self), Int32(content.count))
        }
    }

    /// libxml2's handling of text, except for blank text before a child (``installStream(on:)``).
    fileprivate static func textArrived(_ userData: UnsafeMutableRawPointer?, _ characters: UnsafePointer<xmlChar>?, _ length: Int32) {
        if let parser = userData?.assumingMemoryBound(to: xmlParserCtxt.self), let characters,
           let state = parser.pointee._private?.assumingMemoryBound(to: ParseGuard.self),
           let parent = parser.pointee.node, state.pointee.stream?.dropsBlankText(in: parent) == true,
           isInsignificantBlank(characters, Int(length), in: parent, parser: parser) {
            return
        }
        xmlSAX2Characters(userData, characters, length)
    }

    /// Whether `characters` is blank text that would start a node of its own, in an element that
    /// has or is about to get a child that is not text: an element, a comment or a PI just
    /// before it or among the children already there. Anything else is kept: text that continues
    /// a text node, blanks in an element of text and CDATA only, and text whose next bytes
    /// libxml2 has not read in yet.
    private static func isInsignificantBlank(_ characters: UnsafePointer<xmlChar>, _ length: Int,
                                             in parent: XMLNodePointer, parser: UnsafeMutablePointer<xmlParserCtxt>) -> Bool {
        guard let input = parser.pointee.input, let next = input.pointee.cur, let end = input.pointee.end,
              end - next >= 3, next[0] == UInt8(ascii: "<") else { return false }
        if let last = parent.pointee.last, last.pointee.type == XML_TEXT_NODE { return false }
        for index in 0..<length where !isXMLWhitespace(characters[index]) { return false }
        switch next[1] {
        case UInt8(ascii: "?"): return true
        case UInt8(ascii: "!") where next[2] == UInt8(ascii: "-"): return true
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "_"), UInt8(ascii: ":"), 0x80...0xFF:
            return true
        default:
            // An end tag or a CDATA section: blank only beside a child that is not text.
            var child = parent.pointee.children
            while let node = child {
                if node.pointee.type != XML_TEXT_NODE && node.pointee.type != XML_CDATA_SECTION_NODE { return true }
                child = node.pointee.next
            }
            return false
        }
    }

    /// Turns libxml2's (first) error into a codec error with its position and a message that says
    /// what was expected.
    private static func error(from error: ParserError, input: UnsafeRawBufferPointer) -> XMLCodecError {
        let line = error.line, column = error.column
        var message = error.message.isEmpty ? "not well-formed XML" : error.message
        switch error.code {
        case Int32(XML_ERR_INTERNAL_ERROR.rawValue) where message.contains("Excessive depth"):
            return .tooDeep(limit: XMLLimits.libxml2MaximumDepth, line: line, column: column)
        case Int32(XML_ERR_UNDECLARED_ENTITY.rawValue), Int32(XML_WAR_UNDECLARED_ENTITY.rawValue):
            message += "; only &amp; &lt; &gt; &quot; &apos; and character references are allowed"
        case Int32(XML_ERR_TAG_NAME_MISMATCH.rawValue):
            if let opened = error.openedName { message += "; expected </\(opened)>" }
        case Int32(XML_ERR_DOCUMENT_EMPTY.rawValue):
            message += startsWithEscapedMarkup(input)
                ? "; the file starts with escaped markup (&lt;…), so it is text, not XML: it was entity-escaped once too often"
                : "; expected a <sequence> or container document"
        default:
            break
        }
        return .malformed(line: line, column: column, message: message)
    }

    /// Whether the input begins (after whitespace) with `&lt;` or `&amp;`: markup escaped as text.
    private static func startsWithEscapedMarkup(_ input: UnsafeRawBufferPointer) -> Bool {
        guard let start = input.firstIndex(where: { !isXMLWhitespace($0) }) else { return false }
        let rest = input[start...]
        return rest.starts(with: Array("&lt;".utf8)) || rest.starts(with: Array("&amp;".utf8))
    }
}

/// Bytes libxml2 reads in chunks, without copying them all first; of a hollowed CDATA section
/// only its line breaks.
private struct MemorySource {
    var bytes: UnsafeRawBufferPointer
    var position = 0
    var hollowed: [HollowedCDATA]
    var nextHollowed = 0
    /// Line breaks of the section skipped last, still to be fed.
    var pendingLineBreaks = 0

    init(bytes: UnsafeRawBufferPointer, hollowed: [HollowedCDATA]) {
        self.bytes = bytes
        self.hollowed = hollowed
    }

    /// libxml2's read callback: copies up to `length` bytes into `buffer`; 0 at the end.
    static let read: xmlInputReadCallback = { context, buffer, length in
        guard let source = context?.assumingMemoryBound(to: MemorySource.self), let buffer, length > 0,
              let base = source.pointee.bytes.baseAddress else { return -1 }
        let output = UnsafeMutableRawPointer(buffer)
        var written = 0
        while written < Int(length) {
            if source.pointee.pendingLineBreaks > 0 {
                let count = min(source.pointee.pendingLineBreaks, Int(length) - written)
                (output + written).initializeMemory(as: UInt8.self, repeating: 0x0A, count: count)
                written += count
                source.pointee.pendingLineBreaks -= count
                continue
            }
            var stop = source.pointee.bytes.count
            if source.pointee.nextHollowed < source.pointee.hollowed.count {
                let section = source.pointee.hollowed[source.pointee.nextHollowed]
                if source.pointee.position == section.content.lowerBound {
                    source.pointee.pendingLineBreaks = section.lineBreaks
                    source.pointee.position = section.content.upperBound
                    source.pointee.nextHollowed += 1
                    continue
                }
                stop = section.content.lowerBound
            }
            let count = min(Int(length) - written, stop - source.pointee.position)
            guard count > 0 else { break }
            (output + written).copyMemory(from: base + source.pointee.position, byteCount: count)
            written += count
            source.pointee.position += count
        }
        return Int32(written)
    }
}

/// Where the parser is now (a free function: C callbacks cannot capture context).
private func currentPosition(of parser: UnsafeMutablePointer<xmlParserCtxt>) -> (line: Int32, column: Int32) {
    guard let input = parser.pointee.input else { return (0, 0) }
    return (input.pointee.line, input.pointee.col)
}

@inline(__always)
func isXMLWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
}

extension String {
    /// The string without leading and trailing XML whitespace (space, tab, CR, LF).
    func trimmingXMLWhitespace() -> String {
        let bytes = Array(utf8)
        guard let first = bytes.firstIndex(where: { !isXMLWhitespace($0) }),
              let last = bytes.lastIndex(where: { !isXMLWhitespace($0) }) else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
