internal import CLibXML2
import TaskSequenceModel

/// The attribute lists of elements libxml2 built without attribute nodes: while a
/// ``SequenceStream`` maps a `<sequence>` document, ``SafeXMLParser`` reads each element's attributes from
/// the SAX callback's arrays and hands libxml2 none, so it makes no `xmlAttr` and text node per
/// attribute only for the mapper to read them once and free them (a fifth of libxml2's work on a
/// task sequence). The element's `_private` points at its list here; `attributeList` and
/// `attribute(_:)` read it from there.
///
/// Slots are allocated in chunks and live until the arena goes, which is after the document:
/// an element's pointer never outlives its list. The stream gives back the slots of the
/// elements it frees (``release(below:)``), so a large document needs only as many as its
/// tree holds at once. Used on the parsing thread only.
final class SAXAttributes {
    private static let chunkSize = 256
    private var chunks: [UnsafeMutablePointer<AttributeList>] = []
    private var usedInLastChunk = SAXAttributes.chunkSize
    /// Slots given back, each holding an empty list (every slot of a chunk holds a list).
    private var freeSlots: [UnsafeMutablePointer<AttributeList>] = []

    /// How many slots the arena has allocated: about as many as the most elements alive at once.
    var slotCount: Int { chunks.count * Self.chunkSize }

    /// Keeps `list` and returns where it is, for an element's `_private`.
    func store(_ list: AttributeList) -> UnsafeMutableRawPointer {
        if let slot = freeSlots.popLast() {
            slot.pointee = list
            return UnsafeMutableRawPointer(slot)
        }
        if usedInLastChunk == Self.chunkSize {
            chunks.append(.allocate(capacity: Self.chunkSize))
            usedInLastChunk = 0
        }
        let slot = chunks[chunks.count - 1] + usedInLastChunk
        slot.initialize(to: list)
        usedInLastChunk += 1
        return UnsafeMutableRawPointer(slot)
    }

    /// Gives back the slots of `node` and the elements under it, which are about to be freed.
    func release(below node: XMLNodePointer) {
        guard node.pointee.type == XML_ELEMENT_NODE else { return }
        if let slot = node.pointee._private?.assumingMemoryBound(to: AttributeList.self) {
            node.pointee._private = nil
            slot.pointee = AttributeList()
            freeSlots.append(slot)
        }
        var child = node.pointee.children
        while let current = child {
            release(below: current)
            child = current.pointee.next
        }
    }

    deinit {
        for (index, chunk) in chunks.enumerated() {
            chunk.deinitialize(count: index == chunks.count - 1 ? usedInLastChunk : Self.chunkSize)
            chunk.deallocate()
        }
    }

    /// The namespace declarations (as `xmlns`/`xmlns:p` attributes) and attributes libxml2's
    /// `startElementNs` callback passes, in document order, as `attributeList` reads them from
    /// a built element.
    ///
    /// - Parameters:
    ///   - namespaces: `namespaceCount` pairs of prefix (`nil` for the default namespace) and URI.
    ///   - attributes: `attributeCount` groups of local name, prefix, URI, value start and end.
    ///     Without entity replacement libxml2 passes an `&` in a value (written `&amp;` or
    ///     `&#38;`) as `&#38;`, which libxml2's own tree building decodes; no other reference
    ///     can remain, as a document with a DTD is refused before its first element.
    static func list(
        namespaceCount: Int32, namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
        attributeCount: Int32, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) -> AttributeList {
        let namespaceCount = Int(max(namespaceCount, 0)), attributeCount = Int(max(attributeCount, 0))
        guard namespaceCount + attributeCount > 0 else { return AttributeList() }
        var items: [MarkupAttribute] = []
        items.reserveCapacity(namespaceCount + attributeCount)
        if let namespaces {
            for index in 0..<namespaceCount {
                let uri = namespaces[2 * index + 1].map { String(cString: $0) } ?? ""
                if let prefix = namespaces[2 * index] {
                    items.append(MarkupAttribute("xmlns:" + String(cString: prefix), uri))
                } else {
                    items.append(MarkupAttribute("xmlns", uri))
                }
            }
        }
        if let attributes {
            for index in 0..<attributeCount {
                let fields = attributes + 5 * index
                guard let localName = fields[0] else { continue }
                var name = attributeName(localName)
                if let prefix = fields[1] { name = String(cString: prefix) + ":" + name }
                items.append(MarkupAttribute(name, value(from: fields[3], to: fields[4])))
            }
        }
        return AttributeList(items)
    }

    private static let ampersandReference = Array("&#38;".utf8)

    /// The value between `start` and `end`, with libxml2's `&#38;` read as `&`.
    private static func value(from start: UnsafePointer<xmlChar>?, to end: UnsafePointer<xmlChar>?) -> String {
        guard let start, let end, end > start else { return "" }
        let bytes = UnsafeBufferPointer(start: start, count: end - start)
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        let reference = ampersandReference
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "&"), bytes[index...].starts(with: reference) {
                decoded.append(UInt8(ascii: "&"))
                index += reference.count
            } else {
                decoded.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: decoded, as: UTF8.self)
    }
}

extension UnsafeMutablePointer where Pointee == xmlNode {
    /// The list ``SAXAttributes`` keeps for this element, when libxml2 built it without
    /// attribute nodes.
    var storedAttributes: AttributeList? {
        guard pointee.type == XML_ELEMENT_NODE, let slot = pointee._private else { return nil }
        return slot.assumingMemoryBound(to: AttributeList.self).pointee
    }
}
