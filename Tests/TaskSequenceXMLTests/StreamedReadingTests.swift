import Foundation
import TaskSequenceModel
@testable import TaskSequenceXML
import Testing
import TestSupport

/// A bare `<sequence>` is mapped while libxml2 parses it, each finished step freed at once; the
/// same sequence as an element inside the 2007 wrapper is mapped from the finished tree. Both
/// must give the same model.
@Suite struct StreamedReadingTests {
    /// `sequence` (a whole document) as the element inside a 2007 wrapper's `<SequenceData>`.
    static func wrapped(_ sequence: String) throws -> String {
        let start = try #require(sequence.range(of: "<sequence"))
        return "<SmsTaskSequencePackage><Name>Wrapped</Name><SequenceData>" + sequence[start.lowerBound...] + "</SequenceData></SmsTaskSequencePackage>"
    }

    static func treeMapped(_ sequence: String) throws -> TaskSequence {
        try TaskSequenceReader().document(fromXML: wrapped(sequence)).sequence
    }

    /// Whitespace, comments and PIs between, before and after steps; groups holding only text,
    /// only a comment or nothing; foreign and prefixed elements; nested groups ending the document.
    static let awkward = """
        <?xml version="1.0"?>
        <!-- before -->
        <sequence version="3.10" xmlns:x="urn:x">
          <globalVarList><variable name="A" property="A">1</variable></globalVarList>
          <?tool data?>
          <group name="Outer" description="d">
            <!-- first in group -->
            <step type="SMS_TaskSequence_RebootAction" name="Restart" description="a &amp; b &lt;c&gt; &quot;q&quot; &#38;amp; &#x41;&#10;line	and	tabs" x:note="&#38;" xml:lang="en"><action>smsboot.exe /target:HD</action></step>
            text in a group
            <group name="Blank">   </group>
            <group name="Commented"><!-- only --></group>
            <group name="Empty"/>
            <x:foreign a="1" x:b="&amp;&amp;" c="&#38;#38;"><x:inner/></x:foreign>
            <unknownElement>kept</unknownElement>
            <step type="SMS_TaskSequence_SetVariableAction" name="Blanks"><defaultVarList>
              <variable name="A" property="A">  <![CDATA[x]]>  </variable><variable name="B" property="B">   </variable>
              <variable name="C" property="C"> <!-- c --> </variable></defaultVarList><action>   </action></step>
            <x:mixed>  <x:a/>  text  <!--c-->  <?p d?>  <![CDATA[ y ]]>  </x:mixed>
            <group name="Deep"><group name="Deeper"><step name="MDT" type="BDD_Gather"><action>cscript.exe</action></step>
              <!-- after the deepest step --></group>   </group>
            <condition><expression type="SMS_TaskSequence_VariableConditionExpression"><variable name="Variable">V</variable><variable name="Operator">exists</variable></expression></condition>
            trailing text
          </group>
          <subtasksequence name="Child"><step name="inside" type="BDD_Validate"/></subtasksequence>
          <x:step name="prefixed"/>
          <!-- last in sequence -->
        </sequence>
        <!-- after -->
        """

    @Test func anAwkwardlyLaidOutSequenceReadsAsFromTheFinishedTree() throws {
        let streamed = try TaskSequenceReader().sequence(fromXML: Self.awkward)
        #expect(streamed == (try Self.treeMapped(Self.awkward)))
        #expect(try TaskSequenceReader().document(from: Data(Self.awkward.utf8)).sequence == streamed)
        #expect(try TaskSequenceReader().document(fromFileText: Self.awkward).sequence == streamed)
        let outer = try #require(streamed.steps.first)
        #expect(outer.steps.map(\.name) == ["Restart", "Blank", "Commented", "Empty", "Blanks", "Deep"])
        #expect(outer.condition != nil)
        #expect(streamed.steps.map(\.name) == ["Outer", "Child"])
    }

    /// Attribute values read from libxml2's SAX callback (the streamed elements are built
    /// without attribute nodes) are the values XML gives them: references decoded, an `&` among
    /// them, literal tabs and newlines as spaces, namespace prefixes kept.
    @Test func attributeValuesAreWhatXMLSaysWhetherStreamedOrNot() throws {
        let streamed = try TaskSequenceReader().sequence(fromXML: Self.awkward)
        let restart = try #require(streamed.steps.first?.steps.first { $0.name == "Restart" })
        #expect(restart.description == "a & b <c> \"q\" &amp; A\nline and tabs")
        #expect(restart.attributes["x:note"] == "&" && restart.attributes["xml:lang"] == "en", "\(restart.attributes)")
        // Namespace declarations first, as libxml2's tree holds them.
        #expect(streamed.attributes.items.map(\.name) == ["xmlns:x", "version"], "\(streamed.attributes)")
        let text = try TaskSequenceWriter().sequenceXML(streamed)
        #expect(text.contains(#"x:b="&amp;&amp;" c="&amp;#38;""#), "\(text)")
        #expect(streamed == (try Self.treeMapped(Self.awkward)))
    }

    /// The attribute lists of the elements the stream has freed are given back: a long sequence
    /// needs slots for what its tree holds at once, not for every element it had.
    @Test func attributeSlotsOfFreedElementsAreReused() throws {
        let steps = (0..<3_000).map { #"<step type="SMS_TaskSequence_RunCommandLineAction" name="Step \#($0)" runIn="WinPEandFullOS"><action>cmd</action></step>"# }
        let text = #"<sequence version="3.10">"# + steps.joined() + "</sequence>"
        let stream = SequenceStream()
        let mapped = try Array(text.utf8).withUnsafeBytes { bytes in
            try SafeXMLParser.withDocument(bytes, limits: .default, stream: stream) { _ throws(XMLCodecError) in stream.streamedRootChildren.count }
        }
        #expect(mapped == 3_000)
        #expect(stream.attributes.slotCount <= 256, "\(stream.attributes.slotCount) slots for 6,001 elements")
    }

    /// Blank text before a child element, comment or PI never becomes a node in a `<sequence>`
    /// document (SafeXMLParser); blank text an element holds beside text or CDATA only is still
    /// its value.
    @Test func blankTextBesideTextOrCDATAIsKept() throws {
        let streamed = try TaskSequenceReader().sequence(fromXML: Self.awkward)
        let blanks = try #require(streamed.steps.first?.steps.first { $0.name == "Blanks" })
        let text = try TaskSequenceWriter().sequenceXML(TaskSequence(schemaVersion: "3.10", steps: [blanks]))
        #expect(text.contains("<variable name=\"A\" property=\"A\">  x  </variable>"), "\(text)")
        #expect(text.contains("<variable name=\"B\" property=\"B\">   </variable>"), "\(text)")
        #expect(text.contains("<action>   </action>"), "\(text)")
    }

    @Test func everyRealWorldBareSequenceReadsAsFromTheFinishedTree() throws {
        var compared = 0
        for name in Fixtures.realWorldNames {
            let data = try Fixtures.data(name)
            let document = try TaskSequenceReader().document(from: data)
            guard document.format == .sequence || document.format == .mdt else { continue }
            let text = String(decoding: data, as: UTF8.self)
            #expect(document.sequence == (try Self.treeMapped(text)), "\(name)")
            #expect(try TaskSequenceReader().document(fromFileText: text).sequence == document.sequence, "\(name)")
            compared += 1
        }
        #expect(compared >= 20)
    }

    @Test func aStreamedSequenceWrittenAgainIsTheSameXML() throws {
        for name in Fixtures.realWorldNames.prefix(40) {
            let data = try Fixtures.data(name)
            let sequence = try TaskSequenceReader().document(from: data).sequence
            let written = try TaskSequenceWriter().sequenceXML(sequence)
            #expect(try TaskSequenceReader().sequence(fromXML: written) == sequence, "\(name)")
            // The writer streams its output through libxml2 in chunks: characters of any width
            // arrive whole whatever the chunk boundaries.
            let wide = String(repeating: "é€😀", count: 5_000)
            var renamed = sequence
            renamed.attributes["description"] = wide
            let reread = try TaskSequenceReader().sequence(fromXML: TaskSequenceWriter().sequenceXML(renamed))
            #expect(reread.attributes["description"] == wide, "\(name)")
        }
    }
}
