import Foundation
import Testing
import TaskSequenceModel
import TaskSequenceXML

@Suite struct WriterTests {
    static let sample = TaskSequence(attributes: ["version": "3.10"], children: [
        .references(ReferenceList(entries: [.reference(["package": "PS100010"])])),
        .step(.group(name: "Prepare", steps: [
            .action(
                className: "SMS_TaskSequence_RunCommandLineAction", name: "Say hello", commandLine: "cmd /c echo \"hi\" & exit",
                variables: [Variable(name: "CommandLine", property: "CommandLine", value: "cmd /c echo \"hi\" & exit", hidden: true)]
            ),
        ])),
    ])

    @Test func theFaithfulLayoutIsCompactLikeConfigMgr() throws {
        #expect(try TaskSequenceWriter().sequenceXML(Self.sample) == """
            <sequence version="3.10"><referenceList><reference package="PS100010"/></referenceList>\
            <group name="Prepare" description=""><step type="SMS_TaskSequence_RunCommandLineAction" name="Say hello" description="">\
            <action>cmd /c echo &quot;hi&quot; &amp; exit</action><defaultVarList>\
            <variable name="CommandLine" property="CommandLine" hidden="true">cmd /c echo &quot;hi&quot; &amp; exit</variable>\
            </defaultVarList></step></group></sequence>
            """)
    }

    @Test func theCanonicalLayoutIsIndentedWithLF() throws {
        #expect(try TaskSequenceWriter(layout: .canonical).sequenceXML(Self.sample) == """
            <?xml version="1.0" encoding="UTF-8"?>
            <sequence version="3.10">
              <referenceList>
                <reference package="PS100010"/>
              </referenceList>
              <group name="Prepare" description="">
                <step type="SMS_TaskSequence_RunCommandLineAction" name="Say hello" description="">
                  <action>cmd /c echo &quot;hi&quot; &amp; exit</action>
                  <defaultVarList>
                    <variable name="CommandLine" property="CommandLine" hidden="true">cmd /c echo &quot;hi&quot; &amp; exit</variable>
                  </defaultVarList>
                </step>
              </group>
            </sequence>

            """)
    }

    @Test func anEmptyVariableIsWrittenAsConfigMgrDoes() throws {
        let sequence = TaskSequence(attributes: ["version": "3.10"], children: [
            .step(.action(className: "T", name: "s", variables: [Variable(name: "OutputVariableName", property: "OutputVariableName", value: "")])),
        ])
        #expect(try TaskSequenceWriter().sequenceXML(sequence).contains(
            #"<variable name="OutputVariableName" property="OutputVariableName"></variable>"#
        ))
    }

    @Test func aCharacterXMLCannotCarryIsReportedWithItsPath() {
        var bad = Step.action(className: "T", name: "fine")
        bad.name = "bell\u{7}"
        let sequence = TaskSequence(attributes: ["version": "3.10"], children: [
            .step(.group(name: "A")), .step(.group(name: "B", steps: [.action(className: "T", name: "x"), bad])),
        ])
        #expect(throws: XMLCodecError.unwritable(path: "/sequence/group[2]/step[2]/@name", reason: "the value holds a character XML cannot carry")) {
            try TaskSequenceWriter().sequenceXML(sequence)
        }
    }

    @Test func invalidNamesAndCommentsAreRefused() {
        let badAttribute = TaskSequence(attributes: ["version": "3.10", "two words": "x"])
        #expect(throws: XMLCodecError.self) { try TaskSequenceWriter().sequenceXML(badAttribute) }
        let badElement = TaskSequence(attributes: ["version": "3.10"], children: [.foreign(.element(MarkupElement(name: "1st")))])
        #expect(throws: XMLCodecError.self) { try TaskSequenceWriter().sequenceXML(badElement) }
        let badComment = TaskSequence(attributes: ["version": "3.10"], children: [.foreign(.comment("a -- b"))])
        #expect(throws: XMLCodecError.self) { try TaskSequenceWriter().sequenceXML(badComment) }
    }

    @Test func cdataHoldingItsOwnEndIsSplit() throws {
        let sequence = TaskSequence(attributes: ["version": "3.10"], children: [.foreign(.element(MarkupElement(name: "note", children: [.cdata("a]]>b")])))])
        let xml = try TaskSequenceWriter().sequenceXML(sequence)
        #expect(xml.contains("<![CDATA[a]]]]><![CDATA[>b]]>"))
        let reread = try TaskSequenceReader().sequence(fromXML: xml)
        guard case .foreign(.element(let note)) = reread.children.first else {
            Issue.record("the note vanished")
            return
        }
        #expect(note.text == "a]]>b")
    }

    @Test func writingIsDeterministic() throws {
        let writer = TaskSequenceWriter(layout: .canonical)
        #expect(try writer.sequenceXML(Self.sample) == (try writer.sequenceXML(Self.sample)))
    }
}
