/// One attribute of an element, as written.
public struct MarkupAttribute: Sendable, Hashable, Codable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// The attributes of an element in document order.
///
/// Task sequence files differ in which attributes they write and in what order (`name` before
/// `type` or after it; MDT always writes `disable`, ConfigMgr leaves it out when false). Keeping
/// the list as written is what lets an imported file export to the same XML.
public struct AttributeList: Sendable, Hashable, Codable, Sequence, ExpressibleByDictionaryLiteral {
    public private(set) var items: [MarkupAttribute]

    public init(_ items: [MarkupAttribute] = []) {
        self.items = items
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.items = elements.map { MarkupAttribute($0.0, $0.1) }
    }

    public func makeIterator() -> IndexingIterator<[MarkupAttribute]> { items.makeIterator() }

    public var isEmpty: Bool { items.isEmpty }
    public var count: Int { items.count }

    /// The value of the attribute `name` (exact, case-sensitive, as XML is).
    public subscript(name: String) -> String? {
        get { items.first { $0.name == name }?.value }
        set {
            if let index = items.firstIndex(where: { $0.name == name }) {
                if let newValue {
                    items[index].value = newValue
                } else {
                    items.remove(at: index)
                }
            } else if let newValue {
                items.append(MarkupAttribute(name, newValue))
            }
        }
    }

    /// Sets a boolean attribute the way the file already does it: an attribute that is present
    /// keeps its place and gets `"true"`/`"false"`; an absent one is added only for `true`
    /// (ConfigMgr's habit of leaving out false flags).
    public mutating func setFlag(_ name: String, _ value: Bool) {
        if self[name] != nil {
            self[name] = value ? "true" : "false"
        } else if value {
            self[name] = "true"
        }
    }

    /// Reads a boolean attribute; anything but a case-insensitive `true` is false.
    public func flag(_ name: String) -> Bool {
        self[name]?.lowercased() == "true"
    }

    // Encoded as a plain array of `[name, value]` pairs: compact, and order is kept.
    public init(from decoder: any Decoder) throws {
        let pairs = try decoder.singleValueContainer().decode([[String]].self)
        items = try pairs.map { pair in
            guard pair.count == 2 else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "attribute is not a [name, value] pair"))
            }
            return MarkupAttribute(pair[0], pair[1])
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(items.map { [$0.name, $0.value] })
    }
}

/// XML the model does not interpret, kept verbatim with the node it belongs to so that nothing
/// is lost on a round trip (MDT extras, future ConfigMgr elements, comments).
public indirect enum Markup: Sendable, Hashable, Codable {
    case element(MarkupElement)
    case text(String)
    case cdata(String)
    case comment(String)
    case processingInstruction(target: String, data: String)
}

/// An element the model keeps without interpreting it.
public struct MarkupElement: Sendable, Hashable, Codable {
    public var name: String
    public var attributes: AttributeList
    public var children: [Markup]

    public init(name: String, attributes: AttributeList = [:], children: [Markup] = []) {
        self.name = name
        self.attributes = attributes
        self.children = children
    }

    /// The concatenated text and CDATA of the direct children.
    public var text: String {
        children.reduce(into: "") { result, child in
            switch child {
            case .text(let string), .cdata(let string): result += string
            default: break
            }
        }
    }
}
