import Foundation
internal import CLibXML2
import TaskSequenceModel

/// Where two XML documents first differ.
public struct XMLDifference: Sendable, Hashable, CustomStringConvertible {
    /// XPath-like location: `/sequence/group[2]/step[3]/@name`, `/sequence/step/action/text()`.
    public var path: String
    /// What the first document has there.
    public var expected: String
    /// What the second document has there.
    public var actual: String

    public var description: String { "\(path): expected \(expected), found \(actual)" }
}

/// Compares two XML documents as the codec's fidelity promise defines "the same XML".
///
/// The root elements are compared: element names, attributes (names, values and order,
/// namespace declarations included), text, comments and processing instructions, in order.
/// CDATA counts as the text it holds. Whitespace-only text is insignificant where it sits between
/// other nodes (an element with any element, comment or PI child); text-only content such as
/// `<variable name="X"> </variable>` is compared exactly. The XML declaration, a DOCTYPE-free
/// prolog's comments and the byte layout are not compared.
///
/// ```swift
/// if let difference = try XMLEquivalence.firstDifference(between: original, and: written) {
///     print(difference)   // /sequence/group[2]/step[3]/@name: expected "Format", found "format"
/// }
/// ```
public enum XMLEquivalence {
    /// The first difference between two documents, or `nil` when they are the same XML.
    /// - Throws: ``XMLCodecError`` when either is not a well-formed document (parsed as safely
    ///   as the codec parses, within `limits`).
    public static func firstDifference(between expected: Data, and actual: Data, limits: XMLLimits = .default) throws(XMLCodecError) -> XMLDifference? {
        try withBytes(of: expected) { expectedBytes throws(XMLCodecError) in
            try withBytes(of: actual) { actualBytes throws(XMLCodecError) in
                try firstDifference(expectedBytes, actualBytes, limits: limits, embeddedText: false)
            }
        }
    }

    /// The first difference between two documents given as text (their declared encodings are
    /// ignored: the text is already Unicode).
    public static func firstDifference(between expected: String, and actual: String, limits: XMLLimits = .default) throws(XMLCodecError) -> XMLDifference? {
        try withUTF8Bytes(of: expected) { expectedBytes throws(XMLCodecError) in
            try withUTF8Bytes(of: actual) { actualBytes throws(XMLCodecError) in
                try firstDifference(expectedBytes, actualBytes, limits: limits, embeddedText: true)
            }
        }
    }

    private static func firstDifference(
        _ expected: UnsafeRawBufferPointer, _ actual: UnsafeRawBufferPointer, limits: XMLLimits, embeddedText: Bool
    ) throws(XMLCodecError) -> XMLDifference? {
        try SafeXMLParser.withDocument(expected, limits: limits, embeddedText: embeddedText, keepCDATA: false) { expectedDocument throws(XMLCodecError) in
            try SafeXMLParser.withDocument(actual, limits: limits, embeddedText: embeddedText, keepCDATA: false) { actualDocument throws(XMLCodecError) in
                let expectedRoot = try rootElement(of: expectedDocument)
                let actualRoot = try rootElement(of: actualDocument)
                return compareElements(expectedRoot, actualRoot, path: "/" + expectedRoot.qualifiedName)
            }
        }
    }

    private static func compareElements(_ expected: XMLNodePointer, _ actual: XMLNodePointer, path: String) -> XMLDifference? {
        if expected.qualifiedName != actual.qualifiedName {
            return XMLDifference(path: path, expected: "element <\(expected.qualifiedName)>", actual: "element <\(actual.qualifiedName)>")
        }
        if let difference = compareAttributes(expected.attributeList.items, actual.attributeList.items, path: path) {
            return difference
        }
        let expectedChildren = significantChildren(of: expected)
        let actualChildren = significantChildren(of: actual)
        var names: [String: Int] = [:]
        for child in expectedChildren { names[label(of: child), default: 0] += 1 }
        var seen: [String: Int] = [:]
        for position in 0..<max(expectedChildren.count, actualChildren.count) {
            guard position < expectedChildren.count else {
                return XMLDifference(path: path, expected: "no more children", actual: describe(actualChildren[position]))
            }
            let expectedChild = expectedChildren[position]
            let name = label(of: expectedChild)
            seen[name, default: 0] += 1
            let childPath = path + "/" + name + ((names[name] ?? 0) > 1 ? "[\(seen[name] ?? 1)]" : "")
            guard position < actualChildren.count else {
                return XMLDifference(path: childPath, expected: describe(expectedChild), actual: "nothing")
            }
            let actualChild = actualChildren[position]
            guard expectedChild.kind == actualChild.kind else {
                return XMLDifference(path: childPath, expected: describe(expectedChild), actual: describe(actualChild))
            }
            switch expectedChild.kind {
            case .element:
                if let difference = compareElements(expectedChild, actualChild, path: childPath) { return difference }
            case .processingInstruction:
                if expectedChild.localName != actualChild.localName || expectedChild.content != actualChild.content {
                    return XMLDifference(path: childPath, expected: describe(expectedChild), actual: describe(actualChild))
                }
            default:
                let expectedText = expectedChild.content, actualText = actualChild.content
                if expectedText != actualText {
                    return XMLDifference(path: childPath, expected: quoted(expectedText, against: actualText), actual: quoted(actualText, against: expectedText))
                }
            }
        }
        return nil
    }

    private static func compareAttributes(_ expected: [MarkupAttribute], _ actual: [MarkupAttribute], path: String) -> XMLDifference? {
        for position in 0..<max(expected.count, actual.count) {
            guard position < expected.count else {
                return XMLDifference(path: path + "/@" + actual[position].name, expected: "no attribute", actual: "\(actual[position].name)=\"\(actual[position].value)\"")
            }
            let attribute = expected[position]
            guard position < actual.count else {
                return XMLDifference(path: path + "/@" + attribute.name, expected: "\(attribute.name)=\"\(attribute.value)\"", actual: "no attribute")
            }
            let other = actual[position]
            if attribute.name != other.name {
                return XMLDifference(
                    path: path + "/@" + attribute.name,
                    expected: "attribute \(position + 1) named \(attribute.name)", actual: "\(other.name)"
                )
            }
            if attribute.value != other.value {
                return XMLDifference(path: path + "/@" + attribute.name, expected: quoted(attribute.value, against: other.value), actual: quoted(other.value, against: attribute.value))
            }
        }
        return nil
    }

    /// Children that count: whitespace-only text between other nodes is dropped.
    private static func significantChildren(of element: XMLNodePointer) -> [XMLNodePointer] {
        let blankIsInsignificant = element.blankTextIsInsignificant
        return element.childNodes.filter { child in
            switch child.kind {
            case .element, .comment, .processingInstruction, .cdata: true
            case .text: !(blankIsInsignificant && child.isBlankText)
            case .other: false
            }
        }
    }

    private static func label(of node: XMLNodePointer) -> String {
        switch node.kind {
        case .element: node.qualifiedName
        case .text, .cdata: "text()"
        case .comment: "comment()"
        case .processingInstruction: "processing-instruction()"
        case .other: "node()"
        }
    }

    private static func describe(_ node: XMLNodePointer) -> String {
        switch node.kind {
        case .element: "element <\(node.qualifiedName)>"
        case .text, .cdata: "text " + quoted(node.content, against: "")
        case .comment: "comment " + quoted(node.content, against: "")
        case .processingInstruction: "processing instruction <?\(node.localName) \(node.content)?>"
        case .other: "a node of another kind"
        }
    }

    /// `text` quoted, shortened around where it starts to differ from `other`.
    private static func quoted(_ text: String, against other: String) -> String {
        let characters = Array(text), otherCharacters = Array(other)
        var start = 0
        while start < characters.count, start < otherCharacters.count, characters[start] == otherCharacters[start] { start += 1 }
        let from = max(0, start - 30)
        let to = min(characters.count, from + 80)
        let escaped = String(characters[from..<to]).unicodeScalars.map { scalar -> String in
            switch scalar {
            case "\r": "\\r"
            case "\n": "\\n"
            case "\t": "\\t"
            case "\"": "\\\""
            default: String(scalar)
            }
        }.joined()
        return (from > 0 ? "…" : "") + "\"" + escaped + "\"" + (to < characters.count ? "…" : "")
    }
}
