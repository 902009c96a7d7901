import TaskSequenceModel

/// Attribute lists, verbatim markup and variables, in the shape their `Codable` conformances
/// give them: an enum case is `{"case":{"_0":VALUE}}`, a struct's keys are sorted.
extension JSONText {
    /// `[["name","value"],…]`, as `AttributeList` encodes itself.
    mutating func append(_ list: AttributeList) {
        append(byte: UInt8(ascii: "["))
        // By index: the array's elements are read in place, their strings neither copied nor retained.
        let items = list.items
        for index in items.indices {
            append(index == 0 ? "[" : ",[")
            appendString(items[index].name)
            append(byte: UInt8(ascii: ","))
            appendString(items[index].value)
            append(byte: UInt8(ascii: "]"))
        }
        append(byte: UInt8(ascii: "]"))
    }

    /// A variable's attributes, as `append(_:)` writes them, and where the quoted values of its
    /// `name` and `property` were written (the first of each, as `Variable` reads them).
    mutating func appendNoting(_ list: AttributeList) -> (name: Range<Int>?, property: Range<Int>?) {
        var name: Range<Int>?, property: Range<Int>?
        append(byte: UInt8(ascii: "["))
        let items = list.items
        for index in items.indices {
            append(index == 0 ? "[" : ",[")
            appendString(items[index].name)
            append(byte: UInt8(ascii: ","))
            let start = byteCount
            appendString(items[index].value)
            if name == nil, items[index].name == "name" { name = start..<byteCount }
            if property == nil, items[index].name == "property" { property = start..<byteCount }
            append(byte: UInt8(ascii: "]"))
        }
        append(byte: UInt8(ascii: "]"))
        return (name, property)
    }

    /// The length of `list`'s text when nothing in it needs an escape: room to reserve.
    static func length(of list: AttributeList) -> Int {
        let items = list.items
        var length = 2 + items.count * 6
        for index in items.indices { length += items[index].name.utf8.count + items[index].value.utf8.count }
        return length
    }

    mutating func append(_ markup: Markup) {
        switch markup {
        case .element(let element):
            append("{\"element\":{\"_0\":{\"attributes\":")
            append(element.attributes)
            append(",\"children\":")
            append(element.children)
            append(",\"name\":")
            appendString(element.name)
            append("}}}")
        case .text(let text):
            append("{\"text\":{\"_0\":")
            appendString(text)
            append("}}")
        case .cdata(let text):
            append("{\"cdata\":{\"_0\":")
            appendString(text)
            append("}}")
        case .comment(let text):
            append("{\"comment\":{\"_0\":")
            appendString(text)
            append("}}")
        case .processingInstruction(let target, let data):
            append("{\"processingInstruction\":{\"data\":")
            appendString(data)
            append(",\"target\":")
            appendString(target)
            append("}}")
        }
    }

    mutating func append(_ children: [Markup]) {
        appendArray(children) { json, child in
            json.append(child)
        }
    }

    /// `{"attributes":…,"value":…}`.
    mutating func append(_ variable: Variable) {
        append("{\"attributes\":")
        append(variable.attributes)
        append(",\"value\":")
        appendString(variable.value)
        append(byte: UInt8(ascii: "}"))
    }

    mutating func append(_ entry: VariableListEntry) {
        switch entry {
        case .variable(let variable):
            append("{\"variable\":{\"_0\":")
            append(variable)
        case .foreign(let markup):
            append("{\"foreign\":{\"_0\":")
            append(markup)
        }
        append("}}")
    }

    mutating func append(_ entries: [VariableListEntry]) {
        appendArray(entries) { json, entry in
            json.append(entry)
        }
    }

    /// `[ "…", … ]` of strings.
    mutating func append(_ strings: [String]) {
        appendArray(strings) { json, string in
            json.appendString(string)
        }
    }
}
