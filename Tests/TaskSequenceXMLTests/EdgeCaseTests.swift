import Foundation
import Testing
import TaskSequenceModel
import TaskSequenceXML

/// What real files do that a naive codec gets wrong (corpus EDGE-CASES.md).
@Suite struct EdgeCaseTests {
    let reader = TaskSequenceReader()

    /// Reads `xml`, writes it in both layouts, and checks each is the same XML as the input and
    /// reads back to the same model.
    @discardableResult
    func roundTrip(_ xml: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> TaskSequence {
        let sequence = try reader.sequence(fromXML: xml)
        for layout in TaskSequenceWriter.Layout.allCases {
            let written = try TaskSequenceWriter(layout: layout).sequenceXML(sequence)
            let difference = try XMLEquivalence.firstDifference(between: xml, and: written)
            #expect(difference == nil, "\(layout): \(difference?.description ?? "")", sourceLocation: sourceLocation)
            #expect(try reader.sequence(fromXML: written) == sequence, "\(layout) reads back differently", sourceLocation: sourceLocation)
        }
        return sequence
    }

    @Test func nonASCIINamesSurvive() throws {
        let sequence = try roundTrip("""
            <sequence version="3.10"><group name="Türkçe dil paketi – İstanbul" description="Größe ändern"><step type="SMS_TaskSequence_RunCommandLineAction" name="日本語"><action>echo ĞÜŞİÖÇ</action></step></group></sequence>
            """)
        let group = try #require(sequence.steps.first)
        #expect(group.name == "Türkçe dil paketi – İstanbul")
        #expect(group.description == "Größe ändern")
        #expect(group.steps.first?.actionCommandLine == "echo ĞÜŞİÖÇ")
    }

    @Test func theDeclaredEncodingIsHonoured() throws {
        let latin1 = Data(#"<?xml version="1.0" encoding="ISO-8859-1"?><sequence version="3.00"><group name="Gr"#.utf8)
            + Data([0xF6, 0xDF]) + Data(#"e"/></sequence>"#.utf8)
        let document = try reader.document(from: latin1)
        #expect(document.sequence.steps.first?.name == "Größe")
        let written = try TaskSequenceWriter().sequenceXML(document.sequence)
        #expect(written.contains("name=\"Größe\""))
        #expect(try XMLEquivalence.firstDifference(between: latin1, and: Data(written.utf8)) == nil)
    }

    @Test func utf16WithAByteOrderMarkIsRead() throws {
        let text = #"<?xml version="1.0" encoding="utf-16"?><sequence version="3.00"><group name="Größe"/></sequence>"#
        let utf16 = try #require(text.data(using: .utf16))  // with a BOM
        #expect(try reader.document(from: utf16).sequence.steps.first?.name == "Größe")
    }

    @Test func crlfLineEndsAndCharacterReferences() throws {
        let xml = "<sequence version=\"3.10\">\r\n  <group name=\"A\" description=\"&#xD;&#xA;two lines&#xD;&#xA;\">\r\n"
            + "    <step type=\"SMS_TaskSequence_RunPowerShellScriptAction\" name=\"S\"><defaultVarList>"
            + "<variable name=\"SourceScript\" property=\"SourceScript\">line 1\r\nline 2&#xD;&#xA;line 3</variable>"
            + "</defaultVarList></step>\r\n  </group>\r\n</sequence>\r\n"
        let sequence = try roundTrip(xml)
        let group = try #require(sequence.steps.first)
        #expect(group.description == "\r\ntwo lines\r\n")
        // A raw CRLF in text is a line end (read as LF); a character reference is a real CR.
        #expect(group.steps.first?.setting("SourceScript") == "line 1\nline 2\r\nline 3")
        let written = try TaskSequenceWriter().sequenceXML(sequence)
        #expect(written.contains("description=\"&#13;&#10;two lines&#13;&#10;\""))
        #expect(written.contains("line 2&#13;\nline 3"))
    }

    @Test func notWithSeveralOperandsIsKept() throws {
        let sequence = try roundTrip("""
            <sequence version="3.10"><group name="G"><condition><operator type="not">\
            <expression type="SMS_TaskSequence_VariableConditionExpression"><variable name="Operator">equals</variable><variable name="Value">1</variable><variable name="Variable">A</variable></expression>\
            <expression type="SMS_TaskSequence_VariableConditionExpression"><variable name="Operator">equals</variable><variable name="Value">2</variable><variable name="Variable">B</variable></expression>\
            </operator></condition></group></sequence>
            """)
        let condition = try #require(sequence.steps.first?.condition)
        guard case .operator(let not) = try #require(condition.operands.first) else {
            Issue.record("expected an operator")
            return
        }
        #expect(not.operatorType == "not")
        #expect(not.operands.count == 2)
    }

    @Test func operatorValuesKeepTheirCase() throws {
        let xml = """
            <sequence version="3.10"><step type="SMS_TaskSequence_RunCommandLineAction" name="S"><condition>\
            <operator type="And"><expression type="SMS_TaskSequence_VariableConditionExpression"><variable name="Operator">Equals</variable><variable name="Value">x</variable><variable name="Variable">V</variable></expression>\
            <expression type="SMS_TaskSequence_VariableConditionExpression"><variable name="Operator">notequals</variable><variable name="Value">y</variable><variable name="Variable">W</variable></expression>\
            <expression type="SMS_TaskSequence_VariableConditionExpression"><variable name="Operator">greaterEqual</variable><variable name="Value">1</variable><variable name="Variable">Z</variable></expression></operator>\
            </condition></step></sequence>
            """
        let sequence = try roundTrip(xml)
        guard case .operator(let and) = sequence.steps.first?.condition?.operands.first else {
            Issue.record("expected an operator")
            return
        }
        #expect(and.operatorType == "And")
        let operators = and.operands.compactMap { operand -> String? in
            if case .expression(let expression) = operand { expression["Operator"] } else { nil }
        }
        #expect(operators == ["Equals", "notequals", "greaterEqual"])
        let written = try TaskSequenceWriter().sequenceXML(sequence)
        #expect(written.contains(">Equals<") && written.contains(">notequals<") && written.contains("type=\"And\""))
    }

    @Test func untypedMDTStepsAndEmptyActionsInGroups() throws {
        let xml = """
            <?xml version="1.0"?>
            <sequence version="3.00" name="Custom" description="MDT">
              <globalVarList>
                <variable name="OSGUID" property="OSGUID"></variable>
              </globalVarList>
              <group expand="true" name="State Restore" description="" disable="false" continueOnError="false">
                <action />
                <step name="Next Phase" disable="false" continueOnError="false" successCodeList="0 3010" description="" startIn="">
                  <action>cscript.exe "%SCRIPTROOT%\\ZTINextPhase.wsf"</action>
                </step>
              </group>
            </sequence>
            """
        let sequence = try roundTrip(xml)
        let document = try reader.document(fromXML: xml)
        #expect(document.format == .mdt)
        #expect(document.package.name == "Custom")
        #expect(document.package.description == "MDT")
        #expect(sequence.globalVariables?.variables.map(\.name) == ["OSGUID"])
        let group = try #require(sequence.steps.first)
        guard case .action(let emptyAction) = group.children.first else {
            Issue.record("the group's <action /> moved or vanished")
            return
        }
        #expect(emptyAction.text == "")
        let step = try #require(group.steps.first)
        #expect(step.type == nil)
        #expect(step.className == StepClass.untypedMDTStep)
        #expect(step.attributes.items.map(\.name) == ["name", "disable", "continueOnError", "successCodeList", "description", "startIn"])
        #expect(step.actionCommandLine == #"cscript.exe "%SCRIPTROOT%\ZTINextPhase.wsf""#)
    }

    @Test func subTaskSequenceIsItsOwnElement() throws {
        let sequence = try roundTrip("""
            <sequence version="3.10"><subtasksequence type="SMS_TaskSequence_SubTasksequence" name="Run Task Sequence" description="">\
            <action>tsenv.exe</action><defaultVarList><variable name="TsPackageID" property="TsPackageID">PS100002</variable></defaultVarList>\
            </subtasksequence></sequence>
            """)
        let step = try #require(sequence.steps.first)
        #expect(step.kind == .subTaskSequence)
        #expect(step.setting("TsPackageID") == "PS100002")
        #expect(try TaskSequenceWriter().sequenceXML(sequence).hasPrefix("<sequence version=\"3.10\"><subtasksequence type="))
    }

    @Test func anEmptyGroup() throws {
        let sequence = try roundTrip("<sequence version=\"3.10\">\n    <group name=\"New Group\" description=\"\" />\n  </sequence>")
        #expect(sequence.steps.first?.children.isEmpty == true)
        #expect(try TaskSequenceWriter().sequenceXML(sequence) == #"<sequence version="3.10"><group name="New Group" description=""/></sequence>"#)
    }

    @Test func commentsAndProcessingInstructionsStayInPlace() throws {
        let sequence = try roundTrip("""
            <sequence version="3.10">
              <!-- first -->
              <group name="A"><!-- inside A --><step type="T" name="s"/><?tool keep me?></group>
              <!-- last -->
            </sequence>
            """)
        guard case .foreign(.comment(" first ")) = sequence.children.first,
              case .foreign(.comment(" last ")) = sequence.children.last else {
            Issue.record("comments moved: \(sequence.children)")
            return
        }
        let group = try #require(sequence.steps.first)
        guard case .foreign(.comment(" inside A ")) = group.children.first,
              case .foreign(.processingInstruction(target: "tool", data: "keep me")) = group.children.last else {
            Issue.record("group children moved: \(group.children)")
            return
        }
    }

    @Test func unknownElementsAndAttributesStayWithTheirNode() throws {
        let sequence = try roundTrip("""
            <sequence version="3.10" futureFlag="1"><step type="T" name="s" retryCount="0" x:extra="e" xmlns:x="urn:x">\
            <futureElement a="b">text<inner/>tail</futureElement><action>run</action>\
            <defaultVarList><variable name="V" property="V">1</variable><variable name="Nested"><part>1</part></variable></defaultVarList>\
            </step><x:ext/></sequence>
            """)
        #expect(sequence.attributes["futureFlag"] == "1")
        let step = try #require(sequence.steps.first)
        #expect(step.attributes.items.map(\.name) == ["xmlns:x", "type", "name", "retryCount", "x:extra"])
        guard case .foreign(.element(let future)) = step.children.first else {
            Issue.record("the unknown element moved")
            return
        }
        #expect(future.name == "futureElement")
        #expect(future.children.count == 3)
        // A <variable> with child elements does not fit the model: it is kept as markup.
        let entries = try #require(step.variables?.entries)
        guard case .foreign(.element(let nested)) = entries.last else {
            Issue.record("the structured variable was not kept as markup")
            return
        }
        #expect(nested.name == "variable")
    }

    @Test func textOnlyContentKeepsItsWhitespace() throws {
        let sequence = try roundTrip("""
            <sequence version="3.00">
              <group name="G">
                <step name="s"><action> </action>
                  <defaultVarList>
                    <variable name="Blank" property="Blank"> </variable>
                    <variable name="Indented" property="Indented">
                      two
                    </variable>
                  </defaultVarList>
                </step>
                <defaultVarList>
                </defaultVarList>
              </group>
            </sequence>
            """)
        let step = try #require(sequence.steps.first?.steps.first)
        #expect(step.actionCommandLine == " ")
        #expect(step.setting("Blank") == " ")
        #expect(step.setting("Indented") == "\n          two\n        ")
    }

    @Test func mixedContentIsNeverIndented() throws {
        let xml = #"<sequence version="3.10"><group name="G">note: <step type="T" name="s"/> end</group></sequence>"#
        let sequence = try roundTrip(xml)
        let canonical = try TaskSequenceWriter(layout: .canonical).sequenceXML(sequence)
        #expect(canonical.contains(#"<group name="G">note: <step type="T" name="s"/> end</group>"#))
    }

    @Test func cdataIsReadAsText() throws {
        let sequence = try roundTrip(#"<sequence version="3.10"><step type="T" name="s"><action><![CDATA[if a < b & c]]></action></step></sequence>"#)
        #expect(sequence.steps.first?.actionCommandLine == "if a < b & c")
    }

    @Test func osConditionTreesMapToOperators() throws {
        let sequence = try roundTrip("""
            <sequence version="3.10"><step type="T" name="s"><condition><osConditionGroup type="or">\
            <osExpressionGroup type="and" name="All x64 Windows 10 and higher"><platformKey architecture="x64" minVersion="10.00.0000.0"/>\
            <expression type="SMS_TaskSequence_WMIConditionExpression" ignoreQueryFailure="true"><variable name="Namespace">root\\cimv2</variable>\
            <variable name="Query">SELECT * FROM Win32_OperatingSystem</variable></expression></osExpressionGroup>\
            </osConditionGroup></condition></step></sequence>
            """)
        guard case .operator(let group) = sequence.steps.first?.condition?.operands.first,
              case .operator(let expressionGroup) = group.operands.first else {
            Issue.record("the OS condition tree was not mapped")
            return
        }
        #expect(group.kind == .osConditionGroup)
        #expect(expressionGroup.kind == .osExpressionGroup)
        #expect(expressionGroup.attributes["name"] == "All x64 Windows 10 and higher")
        guard case .foreign(.element(let platformKey)) = expressionGroup.operands.first,
              case .expression(let wmi) = expressionGroup.operands.last else {
            Issue.record("platformKey or the expression moved")
            return
        }
        #expect(platformKey.name == "platformKey")
        #expect(wmi["Query"] == "SELECT * FROM Win32_OperatingSystem")
    }

    @Test func operatorsNestFourDeep() throws {
        let leaf = #"<expression type="SMS_TaskSequence_VariableConditionExpression"><variable name="Operator">exists</variable><variable name="Variable">V</variable></expression>"#
        let xml = #"<sequence version="3.10"><group name="G"><condition><operator type="and"><operator type="or"><operator type="not"><operator type="and">"#
            + leaf + leaf + "</operator></operator>" + leaf + "</operator></operator></condition></group></sequence>"
        let sequence = try roundTrip(xml)
        var depth = 0
        var operands = sequence.steps.first?.condition?.operands ?? []
        while case .operator(let next)? = operands.first {
            depth += 1
            operands = next.operands
        }
        #expect(depth == 4)
    }

    @Test func referenceListsAreRead() throws {
        let sequence = try roundTrip("""
            <sequence version="3.10"><referenceList><reference package="OPC00318" program="testprgm1"/>\
            <reference application="ScopeId_0D7D8B60/Application_fd6f29c6"/></referenceList></sequence>
            """)
        let references = try #require(sequence.referenceList?.references)
        #expect(references.map { $0["package"] } == ["OPC00318", nil])
        #expect(references.last?["application"] == "ScopeId_0D7D8B60/Application_fd6f29c6")
    }

    @Test func aBareSequenceOfConfigMgrIsNotMDT() throws {
        let document = try reader.document(fromXML: #"<sequence version="3.10"/>"#)
        #expect(document.format == .sequence)
        #expect(document.package == PackageProperties())
        #expect(document.sequence.children.isEmpty)
    }
}
