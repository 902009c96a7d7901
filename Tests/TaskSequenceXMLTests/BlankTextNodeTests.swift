import CLibXML2
import Testing
@testable import TaskSequenceXML

/// Blank text the document's reader would drop is never made a libxml2 node while it is parsed
/// (SafeXMLParser): the tree an object.xml leaves holds no indentation between its elements, but
/// every text of a VALUE, whose text is read whole.
@Suite struct BlankTextNodeTests {
    static let instance = """
        <INSTANCE CLASSNAME="SMS_TaskSequencePackage">
          <PROPERTY NAME="Name" TYPE="string">
            <VALUE>  <x/>  kept  </VALUE>
          </PROPERTY>
          <!-- a comment -->
        </INSTANCE>
        """

    /// Each text node under `element`, as "parent:text", in document order.
    private static func texts(under element: XMLNodePointer) -> [String] {
        element.childNodes.flatMap { child -> [String] in
            switch child.kind {
            case .text: ["\(element.localName):\(child.content)"]
            case .element: texts(under: child)
            default: []
            }
        }
    }

    private static func textsAfterParsing(_ text: String, stream: SequenceStream?) throws -> [String] {
        try Array(text.utf8).withUnsafeBytes { bytes in
            try SafeXMLParser.withDocument(bytes, limits: .default, stream: stream) { document throws(XMLCodecError) in
                texts(under: try rootElement(of: document))
            }
        }
    }

    @Test func indentationBetweenElementsIsNotMadeANode() throws {
        #expect(try Self.textsAfterParsing(Self.instance, stream: SequenceStream()) == ["VALUE:  ", "VALUE:  kept  "])
        // Without a reader's stream libxml2 keeps every text, as the equivalence checks want.
        #expect(try Self.textsAfterParsing(Self.instance, stream: nil) == [
            "INSTANCE:\n  ", "PROPERTY:\n    ", "VALUE:  ", "VALUE:  kept  ", "PROPERTY:\n  ", "INSTANCE:\n  ", "INSTANCE:\n",
        ])
    }
}
