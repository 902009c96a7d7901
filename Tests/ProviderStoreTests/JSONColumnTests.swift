import Testing
import TaskSequenceModel
@testable import ProviderStore

/// The hand-written JSON is the very text the encoder writes, so stored text does not depend on
/// which path wrote it: here on edge cases, in `JSONColumnCorpusTests` on every real-world file.
@Suite struct JSONColumnTests {
    static let awkward = "a\"b\\c/d\u{08}\u{0C}\n\r\t\u{01}\u{1F}\u{7F} é \u{2028} 😀"

    static let lists: [AttributeList] = [
        [:],
        ["type": "SMS_TaskSequence_RunCommandLineAction", "name": "Run", "description": ""],
        AttributeList([MarkupAttribute("name", awkward), MarkupAttribute(awkward, "plain"), MarkupAttribute("x", "C:\\Windows\\System32")]),
    ]

    @Test(arguments: lists) func attributeListsAreWrittenAsTheEncoderWritesThem(_ list: AttributeList) throws {
        #expect(try JSONColumn.encode(list) == JSONColumn.encodeWithEncoder(list))
        #expect(try JSONColumn.decode(AttributeList.self, from: JSONColumn.encode(list)) == list)
    }

    /// Long values are checked eight bytes at a time: an escape at any offset of a word, and
    /// multi-byte characters next to it, come out as the encoder writes them.
    @Test func longValuesAreEscapedWhereverTheEscapeFalls() throws {
        for offset in 0..<24 {
            for special in ["\"", "\\", "\n", "\u{01}", "\u{1F}", "é", "😀", "\u{7F}", " ", "\"\u{1F}x\\", "\t\tab\r\n\u{0}"] {
                let value = String(repeating: "x", count: offset) + special + String(repeating: "é", count: offset % 5) + "tail of the value"
                let list: AttributeList = ["name": value]
                #expect(try JSONColumn.encode(list) == JSONColumn.encodeWithEncoder(list), "\(offset) \(special.unicodeScalars.map(\.value))")
            }
        }
    }

    @Test func markerLayoutsAreWrittenAsTheEncoderWritesThem() throws {
        let layouts: [[LayoutEntry]] = [
            [],
            [LayoutEntry(anchor: 0, node: .action([:])), LayoutEntry(anchor: 0, node: .variables(["kind": Self.awkward]))],
            [LayoutEntry(anchor: 3, node: .condition(Self.lists[2]))],
            // Anything else is kept whole.
            [LayoutEntry(anchor: 1, node: .action([:])), LayoutEntry(anchor: 2, node: .node(.foreign(.comment(Self.awkward))))],
        ]
        for layout in layouts {
            #expect(try JSONColumn.encode(layout) == JSONColumn.encodeWithEncoder(layout))
            #expect(try JSONColumn.decode([LayoutEntry].self, from: JSONColumn.encode(layout)) == layout)
        }
    }

    @Test(arguments: lists) func attributeListsAreReadBackWithoutTheDecoder(_ list: AttributeList) throws {
        let text = try JSONColumn.encode(list)
        #expect(FastJSONReader.read(text, { $0.attributeList() }) == list)
        #expect(try JSONColumn.decodeAttributes(text) == list)
        // Escapes the writers never use, surrogate pairs and white space read the same.
        let spelt = #" [ [ "n\u00e9\/", "\ud83d\ude00\u0041" ] ] "#
        #expect(FastJSONReader.read(spelt, { $0.attributeList() }) == AttributeList([MarkupAttribute("né/", "😀A")]))
    }

    @Test func layoutsAreReadBackWithoutTheDecoderOrByItWhenTheyKeepOtherMarkup() throws {
        let markers = [LayoutEntry(anchor: 0, node: .action([:])), LayoutEntry(anchor: 12, node: .variables(["kind": Self.awkward])),
                       LayoutEntry(anchor: 3, node: .condition(Self.lists[2]))]
        let text = try JSONColumn.encode(markers)
        #expect(FastJSONReader.read(text, { $0.markerLayout() }) == markers)
        #expect(try JSONColumn.decodeLayout(text) == markers)

        let kept = [LayoutEntry(anchor: 1, node: .action([:])), LayoutEntry(anchor: 2, node: .node(.foreign(.comment(Self.awkward))))]
        let keptText = try JSONColumn.encode(kept)
        #expect(FastJSONReader.read(keptText, { $0.markerLayout() }) == nil)
        #expect(try JSONColumn.decodeLayout(keptText) == kept)
    }

    @Test func textOfAnotherShapeIsLeftToTheDecoder() throws {
        for text in [#"[["a"]]"#, #"[["a","b","c"]]"#, #"[["a",1]]"#, #"[["a","b"]] x"#, #"[["a","\q"]]"#, #"[["a","\ud800"]]"#] {
            #expect(FastJSONReader.read(text, { $0.attributeList() }) == nil, "\(text)")
        }
        #expect(throws: StoreError.self) { try JSONColumn.decodeAttributes(#"[["a"]]"#) }
        // Keys in another order are still JSON the decoder reads.
        let reordered = #"[{"node":{"action":{"_0":[]}},"anchor":4}]"#
        #expect(FastJSONReader.read(reordered, { $0.markerLayout() }) == nil)
        #expect(try JSONColumn.decodeLayout(reordered) == [LayoutEntry(anchor: 4, node: .action([:]))])
    }

    @Test func expressionPropertiesAreWrittenAsTheEncoderWritesThem() throws {
        let lists: [[VariableListEntry]] = [
            [],
            [.variable(Variable(attributes: ["name": "Variable"], value: "OSDComputerName")), .variable(Variable(attributes: ["name": "Value"], value: Self.awkward))],
            [.variable(Variable(attributes: Self.lists[2], value: "")), .variable(Variable(name: "x", property: "y", value: "z", hidden: true))],
            // Foreign markup among them.
            [.variable(Variable(attributes: ["name": "Operator"], value: "equals")), .foreign(.comment(Self.awkward))],
        ]
        for list in lists {
            #expect(try JSONColumn.encode(list) == JSONColumn.encodeWithEncoder(list))
            #expect(try JSONColumn.decode([VariableListEntry].self, from: JSONColumn.encode(list)) == list)
        }
    }
}
