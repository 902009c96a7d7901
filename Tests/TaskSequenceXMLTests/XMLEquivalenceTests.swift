import Testing
import TaskSequenceXML

@Suite struct XMLEquivalenceTests {
    private func difference(_ expected: String, _ actual: String) throws -> XMLDifference? {
        try XMLEquivalence.firstDifference(between: expected, and: actual)
    }

    static let base = """
        <sequence version="3.10">
          <group name="A"/>
          <group name="B">
            <step name="1"/><step name="2"/><step name="3" type="T"><action>run</action></step>
          </group>
        </sequence>
        """

    @Test func insignificantWhitespaceAndLayoutAreIgnored() throws {
        let compact = #"<?xml version="1.0"?><sequence version="3.10"><group name="A"></group><group name="B"><step name="1"/><step name="2"/><step name="3" type="T"><action>run</action></step></group></sequence>"#
        #expect(try difference(Self.base, compact) == nil)
    }

    @Test func anAttributeValueDifferenceNamesItsPath() throws {
        let changed = Self.base.replacingOccurrences(of: #"name="3""#, with: #"name="three""#)
        let found = try #require(try difference(Self.base, changed))
        #expect(found.path == "/sequence/group[2]/step[3]/@name")
        #expect(found.description == #"/sequence/group[2]/step[3]/@name: expected "3", found "three""#)
    }

    @Test func attributeOrderCounts() throws {
        let reordered = Self.base.replacingOccurrences(of: #"<step name="3" type="T">"#, with: #"<step type="T" name="3">"#)
        #expect(try difference(Self.base, reordered)?.path == "/sequence/group[2]/step[3]/@name")
    }

    @Test func missingAndExtraNodes() throws {
        let missing = Self.base.replacingOccurrences(of: #"<step name="2"/>"#, with: "")
        let found = try #require(try difference(Self.base, missing))
        #expect(found.path == "/sequence/group[2]/step[2]/@name")
        let extra = Self.base.replacingOccurrences(of: "</group>\n</sequence>", with: "</group><group name=\"C\"/></sequence>")
        #expect(try difference(Self.base, extra)?.expected == "no more children")
    }

    @Test func textIsComparedExactly() throws {
        let changed = Self.base.replacingOccurrences(of: "<action>run</action>", with: "<action>Run</action>")
        #expect(try difference(Self.base, changed)?.path == "/sequence/group[2]/step[3]/action/text()")
        // Whitespace that is the whole content of an element is significant…
        #expect(try difference("<a><b> </b></a>", "<a><b/></a>")?.path == "/a/b/text()")
        // …whitespace-only text beside other nodes is not, even in mixed content; other text is exact.
        #expect(try difference("<a>x<b/> </a>", "<a>x<b/></a>") == nil)
        #expect(try difference("<a>x <b/></a>", "<a>x<b/></a>")?.path == "/a/text()")
    }

    @Test func cdataCountsAsTheTextItHolds() throws {
        #expect(try difference("<a>x &lt; y</a>", "<a><![CDATA[x < y]]></a>") == nil)
    }

    @Test func commentsCount() throws {
        #expect(try difference("<a><!--one--><b/></a>", "<a><!--two--><b/></a>")?.path == "/a/comment()")
        #expect(try difference("<a><!--one--><b/></a>", "<a><b/></a>") != nil)
    }

    @Test func elementNamesCount() throws {
        #expect(try difference("<a><b/></a>", "<a><c/></a>")?.description == "/a/b: expected element <b>, found element <c>")
    }

    @Test func malformedInputThrows() {
        #expect(throws: XMLCodecError.self) { try difference("<a>", "<a/>") }
    }
}
