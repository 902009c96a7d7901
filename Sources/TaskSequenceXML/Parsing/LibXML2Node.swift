internal import CLibXML2
import TaskSequenceModel

/// A node of a parsed libxml2 tree. Only valid inside ``SafeXMLParser/withDocument``.
typealias XMLNodePointer = UnsafeMutablePointer<xmlNode>

/// The kinds of node the codec distinguishes.
enum XMLNodeKind {
    case element, text, cdata, comment, processingInstruction, other
}

extension UnsafeMutablePointer where Pointee == xmlNode {
    var kind: XMLNodeKind {
        switch pointee.type {
        case XML_ELEMENT_NODE: .element
        case XML_TEXT_NODE: .text
        case XML_CDATA_SECTION_NODE: .cdata
        case XML_COMMENT_NODE: .comment
        case XML_PI_NODE: .processingInstruction
        default: .other
        }
    }

    /// The children in document order.
    var childNodes: XMLSiblings { XMLSiblings(current: pointee.children) }

    /// The element children in document order (found as they are asked for: the containers'
    /// readers look through many elements for one).
    var childElements: some Sequence<XMLNodePointer> {
        childNodes.lazy.filter { $0.pointee.type == XML_ELEMENT_NODE }
    }

    /// The first element child, if any.
    var firstChildElement: XMLNodePointer? {
        childNodes.first { $0.pointee.type == XML_ELEMENT_NODE }
    }

    /// The local name (`step`), without any prefix.
    var localName: String {
        guard let name = pointee.name else { return "" }
        return String(cString: name)
    }

    /// Whether the local name (any prefix aside) is `name`, compared without making a String.
    func hasLocalName(_ name: StaticString) -> Bool {
        guard let own = pointee.name else { return false }
        return isSpelled(own, name)
    }

    /// Whether the element is written without a namespace prefix.
    var isUnprefixed: Bool { pointee.ns?.pointee.prefix == nil }

    /// The name as written (`prefix:local` or `local`).
    var qualifiedName: String {
        if let prefix = pointee.ns?.pointee.prefix { return String(cString: prefix) + ":" + localName }
        return localName
    }

    /// Text of a text, CDATA, comment or PI node.
    var content: String {
        guard let content = pointee.content else { return "" }
        return String(cString: content)
    }

    /// Whether a text node holds only XML whitespace.
    var isBlankText: Bool {
        guard var byte = pointee.content else { return true }
        while byte.pointee != 0 {
            if !isXMLWhitespace(byte.pointee) { return false }
            byte += 1
        }
        return true
    }

    /// Whether whitespace-only text among the children is insignificant: true when the element
    /// has at least one child that is not text (an element, comment or PI). Text-only content
    /// (`<variable name="X"> </variable>`) is always kept as written.
    var blankTextIsInsignificant: Bool {
        var child = pointee.children
        while let node = child {
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE: break
            default: return true
            }
            child = node.pointee.next
        }
        return false
    }

    /// Whether every child is text or CDATA (true for an empty element).
    var hasOnlyTextChildren: Bool {
        var child = pointee.children
        while let node = child {
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE: break
            default: return false
            }
            child = node.pointee.next
        }
        return true
    }

    /// The concatenated text and CDATA of the direct children.
    var textContent: String {
        guard let first = pointee.children else { return "" }
        if first.pointee.next == nil { return first.content }
        var result = ""
        for child in childNodes where child.kind == .text || child.kind == .cdata {
            result += child.content
        }
        return result
    }

    /// The element's namespace declarations (as `xmlns`/`xmlns:p` attributes) followed by its
    /// attributes, in document order.
    var attributeList: AttributeList {
        if let stored = storedAttributes { return stored }
        var items: [MarkupAttribute] = []
        // Exactly as many as there are: a large import holds hundreds of thousands of these
        // lists, and an array grown by appending keeps up to twice the room it needs.
        items.reserveCapacity(attributeCount)
        var namespace = pointee.nsDef
        while let declaration = namespace {
            let uri = declaration.pointee.href.map { String(cString: $0) } ?? ""
            if let prefix = declaration.pointee.prefix {
                items.append(MarkupAttribute("xmlns:" + String(cString: prefix), uri))
            } else {
                items.append(MarkupAttribute("xmlns", uri))
            }
            namespace = declaration.pointee.next
        }
        var attribute = pointee.properties
        while let current = attribute {
            var name = current.pointee.name.map(attributeName(_:)) ?? ""
            if let prefix = current.pointee.ns?.pointee.prefix { name = String(cString: prefix) + ":" + name }
            items.append(MarkupAttribute(name, current.attributeValue))
            attribute = current.pointee.next
        }
        return AttributeList(items)
    }

    /// Namespace declarations and attributes of the element.
    private var attributeCount: Int {
        var count = 0
        var namespace = pointee.nsDef
        while let declaration = namespace {
            count += 1
            namespace = declaration.pointee.next
        }
        var attribute = pointee.properties
        while let current = attribute {
            count += 1
            attribute = current.pointee.next
        }
        return count
    }

    /// How many children the element has that are not blank text: what the mapper makes
    /// something of, but for blank text where it is significant.
    var significantChildCount: Int {
        var count = 0
        var child = pointee.children
        while let node = child {
            if !(node.kind == .text && node.isBlankText) { count += 1 }
            child = node.pointee.next
        }
        return count
    }

    /// The value of the unprefixed attribute `name`, if present.
    func attribute(_ name: String) -> String? {
        if let stored = storedAttributes { return stored[name] }
        var attribute = pointee.properties
        while let current = attribute {
            if current.pointee.ns == nil, let attributeName = current.pointee.name,
               String(cString: attributeName) == name {
                return current.attributeValue
            }
            attribute = current.pointee.next
        }
        return nil
    }

    /// Line of the node in its document (libxml2 counts up to 65535).
    var line: Int { Int(xmlGetLineNo(self)) }
}

/// An attribute's name: the ones sequences write on nearly every element come from literals
/// instead of being decoded from their bytes each time (a fifth of mapping a tree).
func attributeName(_ bytes: UnsafePointer<xmlChar>) -> String {
    func spelled(_ name: StaticString) -> Bool { isSpelled(bytes, name) }
    let common: String? = switch bytes[0] {
    case UInt8(ascii: "n"): spelled("name") ? "name" : nil
    case UInt8(ascii: "p"): spelled("property") ? "property" : nil
    case UInt8(ascii: "t"): spelled("type") ? "type" : spelled("timeout") ? "timeout" : nil
    case UInt8(ascii: "d"): spelled("description") ? "description" : spelled("disable") ? "disable" : nil
    case UInt8(ascii: "s"): spelled("successCodeList") ? "successCodeList" : spelled("startIn") ? "startIn" : nil
    case UInt8(ascii: "c"): spelled("continueOnError") ? "continueOnError" : nil
    case UInt8(ascii: "r"): spelled("runIn") ? "runIn" : spelled("runFromNet") ? "runFromNet" : spelled("retryCount") ? "retryCount" : nil
    case UInt8(ascii: "h"): spelled("hidden") ? "hidden" : nil
    default: nil
    }
    return common ?? String(cString: bytes)
}

/// Whether the NUL-terminated `bytes` are `name`, compared without making a String.
func isSpelled(_ bytes: UnsafePointer<xmlChar>, _ name: StaticString) -> Bool {
    let expected = name.utf8Start
    for index in 0..<name.utf8CodeUnitCount where bytes[index] != expected[index] { return false }
    return bytes[name.utf8CodeUnitCount] == 0
}

/// A node and the siblings after it, in document order.
struct XMLSiblings: Sequence, IteratorProtocol {
    var current: XMLNodePointer?

    mutating func next() -> XMLNodePointer? {
        guard let node = current else { return nil }
        current = node.pointee.next
        return node
    }
}

extension UnsafeMutablePointer where Pointee == xmlAttr {
    /// The attribute's value: without a DTD its children are text nodes only.
    var attributeValue: String {
        guard let first = pointee.children else { return "" }
        if first.pointee.next == nil { return first.content }
        var value = ""
        var child: XMLNodePointer? = first
        while let node = child {
            value += node.content
            child = node.pointee.next
        }
        return value
    }
}
