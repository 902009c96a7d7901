import TaskSequenceModel

/// Attribute lists, verbatim markup and variables, in the shape their `Codable` conformances
/// give them: an enum case is `{"case":{"_0":VALUE}}`, a struct's keys are sorted.
extension JSONText {
    /// `[["name","value"],…]`, as `AttributeList` encodes itself.
    mutating func append(_ list: AttributeList) {
        _ = appendAttributes(list, noting: false)
    }

    /// The attributes of `list` from index `start` on, as `append(_:)` writes a list.
    mutating func append(_ list: AttributeList, from start: Int) {
        _ = appendAttributes(list, from: start, noting: false)
    }

    /// A variable's attributes, as `append(_:)` writes them, and where the quoted values of its
    /// `name` and `property` were written (the first of each, as `Variable` reads them).
    mutating func appendNoting(_ list: AttributeList) -> (name: Range<Int>?, property: Range<Int>?) {
        appendAttributes(list, noting: true)
    }

    @inline(__always)
    private mutating func appendAttributes(_ list: AttributeList, from start: Int = 0, noting: Bool) -> (name: Range<Int>?, property: Range<Int>?) {
        var name: Range<Int>?, property: Range<Int>?
        append(byte: UInt8(ascii: "["))
        // By index: the array's elements are read in place, their strings neither copied nor retained.
        let items = list.items
        for index in start..<max(start, items.count) {
            append(index == start ? "[" : ",[")
            appendString(items[index].name)
            append(byte: UInt8(ascii: ","))
            let start = byteCount
            appendString(items[index].value)
            if noting {
                if name == nil, items[index].name == "name" { name = start..<byteCount }
                if property == nil, items[index].name == "property" { property = start..<byteCount }
            }
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
            appendCase("element") { json in
                json.append("{\"attributes\":")
                json.append(element.attributes)
                json.append(",\"children\":")
                json.append(element.children)
                json.append(",\"name\":")
                json.appendString(element.name)
                json.append(byte: UInt8(ascii: "}"))
            }
        case .text(let text): appendCase("text") { $0.appendString(text) }
        case .cdata(let text): appendCase("cdata") { $0.appendString(text) }
        case .comment(let text): appendCase("comment") { $0.appendString(text) }
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
        case .variable(let variable): appendCase("variable") { $0.append(variable) }
        case .foreign(let markup): appendCase("foreign") { $0.append(markup) }
        }
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
