import TaskSequenceModel

/// Hand-read JSON for the values every stored step, variable and operand carries: the shapes
/// the fast writers (`JSONColumn+Fast.swift`) produce.
///
/// Building a sequence from its rows (`GetSequence` after a change, exports) spent about 60% of
/// its instructions in Foundation's `JSONDecoder` on these small lists. Text of any other shape —
/// a layout keeping other markup, keys in another order, anything unexpected — goes to the
/// decoder as before, so both read exactly what was written.
extension JSONColumn {
    /// An attribute list, `[["name","value"],…]`.
    static func decodeAttributes(_ text: String) throws -> AttributeList {
        if let list = FastJSONReader.read(text, { $0.attributeList() }) { return list }
        return try decode(AttributeList.self, from: text)
    }

    /// A layout of markers, `[{"anchor":0,"node":{"action":{"_0":[…]}}},…]`.
    static func decodeLayout(_ text: String) throws -> [LayoutEntry] {
        if let layout = FastJSONReader.read(text, { $0.markerLayout() }) { return layout }
        return try decode([LayoutEntry].self, from: text)
    }
}

/// A reader over the UTF-8 of one JSON text, for the few shapes above; every method returns
/// `nil` as soon as the text is not of the shape it reads.
struct FastJSONReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// What `body` reads from `text`, when it reads the whole text.
    static func read<Value>(_ text: String, _ body: (inout FastJSONReader) -> Value?) -> Value? {
        var text = text
        return text.withUTF8 { buffer in
            var reader = FastJSONReader(bytes: buffer)
            guard let value = body(&reader), reader.atEnd() else { return nil }
            return value
        }
    }

    mutating func attributeList() -> AttributeList? {
        guard take(UInt8(ascii: "[")) else { return nil }
        var items: [MarkupAttribute] = []
        if take(UInt8(ascii: "]")) { return AttributeList(items) }
        repeat {
            guard take(UInt8(ascii: "[")), let name = string(), take(UInt8(ascii: ",")), let value = string(),
                  take(UInt8(ascii: "]")) else { return nil }
            items.append(MarkupAttribute(name, value))
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "]")) ? AttributeList(items) : nil
    }

    mutating func markerLayout() -> [LayoutEntry]? {
        guard take(UInt8(ascii: "[")) else { return nil }
        var entries: [LayoutEntry] = []
        if take(UInt8(ascii: "]")) { return entries }
        repeat {
            guard take(UInt8(ascii: "{")), string() == "anchor", take(UInt8(ascii: ":")), let anchor = integer(),
                  take(UInt8(ascii: ",")), string() == "node", take(UInt8(ascii: ":")), take(UInt8(ascii: "{")),
                  let kind = string(), take(UInt8(ascii: ":")), take(UInt8(ascii: "{")), string() == "_0", take(UInt8(ascii: ":")),
                  let list = attributeList(), take(UInt8(ascii: "}")), take(UInt8(ascii: "}")), take(UInt8(ascii: "}")) else { return nil }
            let node: LayoutNode
            switch kind {
            case "action": node = .action(list)
            case "variables": node = .variables(list)
            case "condition": node = .condition(list)
            default: return nil
            }
            entries.append(LayoutEntry(anchor: anchor, node: node))
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "]")) ? entries : nil
    }

    /// A step's variables document of `<variable>`s only, `[{"n":"…","p":"…","v":"…"},…]` with
    /// `"x":[…]` after `v` when there are more attributes, or `{"a":[…],"n":…,"p":…,"v":…}`, as
    /// ``StepVariableRow/document(_:)`` writes them (and the v10 migration, the long form, in that
    /// key order).
    mutating func variableDocument() -> [StoredVariable]? {
        guard take(UInt8(ascii: "[")) else { return nil }
        var entries: [StoredVariable] = []
        if take(UInt8(ascii: "]")) { return entries }
        repeat {
            guard take(UInt8(ascii: "{")), let first = string(), take(UInt8(ascii: ":")) else { return nil }
            var attributes: AttributeList?
            if first == "a" {
                guard let list = attributeList(), take(UInt8(ascii: ",")), key("n") else { return nil }
                attributes = list
            } else if first != "n" {
                return nil
            }
            guard let name = string(), take(UInt8(ascii: ",")), key("p"), let property = string(), take(UInt8(ascii: ",")),
                  key("v"), let value = string() else { return nil }
            var extra: AttributeList?
            if attributes == nil, take(UInt8(ascii: ",")) {
                guard key("x"), let list = attributeList() else { return nil }
                extra = list
            }
            guard take(UInt8(ascii: "}")) else { return nil }
            entries.append(StoredVariable(a: attributes, n: name, p: property, v: value, x: extra))
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "]")) ? entries : nil
    }

    // MARK: Tokens

    /// Consumes `"name":`.
    private mutating func key(_ name: String) -> Bool {
        string() == name && take(UInt8(ascii: ":"))
    }

    mutating func atEnd() -> Bool {
        skipSpace()
        return index == bytes.count
    }

    private mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    /// Consumes `byte` (after white space) when it comes next.
    private mutating func take(_ byte: UInt8) -> Bool {
        skipSpace()
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// A non-negative integer that fits an `Int`.
    private mutating func integer() -> Int? {
        skipSpace()
        var value = 0, digits = 0
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int(bytes[index] - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
            digits += 1
            index += 1
        }
        return digits > 0 ? value : nil
    }

    private mutating func string() -> String? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = index
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                defer { index += 1 }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            case UInt8(ascii: "\\"):
                return escapedString(from: start)
            case 0..<0x20:
                return nil
            default:
                index += 1
            }
        }
        return nil
    }

    /// The rest of a string holding escapes, from its first byte at `start`.
    private mutating func escapedString(from start: Int) -> String? {
        var utf8 = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { return nil }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"):
                    guard let scalar = escapedScalar() else { return nil }
                    utf8.append(contentsOf: String(Character(scalar)).utf8)
                default: return nil
                }
            case 0..<0x20:
                return nil
            default:
                utf8.append(byte)
            }
        }
        return nil
    }

    /// The scalar of a `\u` escape (its `u` consumed), joining a surrogate pair.
    private mutating func escapedScalar() -> Unicode.Scalar? {
        guard let high = hex4() else { return nil }
        if (0xD800..<0xDC00).contains(high) {
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else { return nil }
            index += 2
            guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
            return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
        }
        return Unicode.Scalar(high)
    }

    private mutating func hex4() -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }
}
