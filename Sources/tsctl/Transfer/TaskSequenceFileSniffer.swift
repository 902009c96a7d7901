import Foundation

/// Tells task sequence files from other files by their content, not their name: a zip (its
/// local-file magic), or XML whose root element is one of the formats the reader takes.
enum TaskSequenceFileSniffer {
    /// The root elements of the formats `TaskSequenceReader` reads.
    static let rootElements: Set<String> = ["sequence", "SmsTaskSequencePackage", "INSTANCE"]
    /// How much of a file is read to find its root element (a long leading comment or license
    /// header fits).
    static let headLength = 64 * 1024

    /// What a file holds.
    enum Verdict: Equatable {
        case taskSequence
        /// Not a task sequence, and why (for the note on standard error).
        case other(String)
    }

    static func verdict(forFileAt path: String) -> Verdict {
        guard let handle = FileHandle(forReadingAtPath: path) else { return .other("cannot be opened") }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: headLength)) ?? Data()
        return verdict(for: head)
    }

    static func verdict(for head: Data) -> Verdict {
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .taskSequence }
        guard let text = decodedText(head) else { return .other("neither XML nor a zip") }
        guard let root = rootElementName(in: text) else { return .other("no XML root element") }
        let local = root.split(separator: ":").last.map(String.init) ?? root
        return rootElements.contains(local) ? .taskSequence : .other("its root element is <\(root)>")
    }

    /// The head as text: UTF-16 by its byte order mark, else UTF-8 (a cut multi-byte character
    /// at the end is dropped).
    private static func decodedText(_ head: Data) -> String? {
        if head.starts(with: [0xFF, 0xFE]) { return String(data: head.dropFirst(2).prefix(head.count & ~1), encoding: .utf16LittleEndian) }
        if head.starts(with: [0xFE, 0xFF]) { return String(data: head.dropFirst(2).prefix(head.count & ~1), encoding: .utf16BigEndian) }
        let text = String(decoding: head, as: UTF8.self)
        return text.contains("\u{0}") ? nil : text
    }

    /// The name of the first element, after the declaration, comments and processing
    /// instructions.
    static func rootElementName(in text: String) -> String? {
        var rest = Substring(text)
        if rest.first == "\u{FEFF}" { rest = rest.dropFirst() }
        while true {
            rest = rest.drop(while: { $0.isWhitespace })
            guard rest.first == "<" else { return nil }
            if rest.hasPrefix("<?") {
                guard let end = rest.range(of: "?>") else { return nil }
                rest = rest[end.upperBound...]
            } else if rest.hasPrefix("<!--") {
                guard let end = rest.range(of: "-->") else { return nil }
                rest = rest[end.upperBound...]
            } else if rest.hasPrefix("<!") {
                // A DOCTYPE: the reader refuses it, but the file is meant as XML; say what it is.
                guard let end = rest.firstIndex(of: ">") else { return nil }
                rest = rest[rest.index(after: end)...]
            } else {
                let name = rest.dropFirst().prefix(while: { !$0.isWhitespace && $0 != ">" && $0 != "/" })
                return name.isEmpty ? nil : String(name)
            }
        }
    }
}
