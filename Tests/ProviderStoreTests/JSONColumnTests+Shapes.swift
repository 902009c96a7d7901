import Testing
import TaskSequenceModel
@testable import ProviderStore

/// Every shape the hand-written JSON covers, on made-up values that reach each case: every kind
/// of markup and sequence node, every operand, every package value, empty lists, escapes,
/// extreme numbers. Each is compared byte for byte with the encoder's text and read back.
extension JSONColumnTests {
    static let markup: [Markup] = [
        .text(awkward), .cdata("<![CDATA[ x ]]> \(awkward)"), .comment(" a comment -- \(awkward) "),
        .processingInstruction(target: "xml-stylesheet", data: "type=\"text/xsl\" href=\"a/b.xsl\""),
        .processingInstruction(target: "", data: ""),
        .element(MarkupElement(name: "empty")),
        .element(MarkupElement(name: "mdt:extra", attributes: ["xmlns:mdt": "urn:mdt/1", "mdt:kind": awkward], children: [
            .text("\n  "), .element(MarkupElement(name: "inner", attributes: ["a": "1"], children: [.cdata("c"), .comment("k")])),
            .processingInstruction(target: "pi", data: awkward), .text(String(repeating: "long text without escapes ", count: 200)),
        ])),
    ]

    @Test func markupOfEveryKindIsWrittenAsTheEncoderWritesIt() throws {
        for markup in Self.markup {
            #expect(try JSONColumn.encode(markup) == JSONColumn.encodeWithEncoder(markup))
            #expect(try JSONColumn.decode(Markup.self, from: JSONColumn.encode(markup)) == markup)
        }
        let entries = Self.markup.map(VariableListEntry.foreign) + [.variable(Variable(attributes: [:], value: ""))]
        #expect(try JSONColumn.encode(entries) == JSONColumn.encodeWithEncoder(entries))
    }

    static var sequenceNodes: [SequenceNode] {
        let condition = Condition(attributes: ["x": awkward], operands: [
            .expression(ConditionExpression(className: ConditionClass.variable, properties: ["Variable": "A", "Operator": "equals", "Value": awkward])),
            .operator(ConditionOperator(kind: .osConditionGroup, attributes: ["type": "or"], operands: [
                .operator(ConditionOperator(kind: .osExpressionGroup, attributes: ["type": "and", "name": "All x64"], operands: [])),
                .foreign(Self.markup[6]),
            ])),
            .operator(ConditionOperator("not", [.expression(ConditionExpression(attributes: [:], entries: [.foreign(.comment("c"))]))])),
            .foreign(.comment("kept")),
        ])
        let references = ReferenceList(attributes: ["a": "b"], entries: [
            .reference(["package": "PS100001", "program": "*"]), .foreign(.text("\n")), .reference([:]),
        ])
        let step = Step(kind: .step, attributes: ["type": "SMS_TaskSequence_RunCommandLineAction", "name": awkward], children: [
            .action(ActionElement(attributes: [:], text: "cmd.exe /c \"echo \(awkward)\"")),
            .variables(VariableList(kind: .defaults, attributes: ["k": "v"], entries: [.variable(Variable(name: "n", property: "p", value: "v", hidden: true)),
                                                                                       .foreign(Self.markup[2])])),
            .condition(condition),
        ])
        return [
            .step(step), .step(Step(kind: .group, attributes: ["name": "G"], children: [.step(step), .foreign(.comment(""))])),
            .step(Step(kind: .subTaskSequence)),
            .action(ActionElement()), .variables(VariableList(kind: .globals, attributes: [:], entries: [])),
            .variables(VariableList(kind: .globals, variables: [Variable(name: "OSDComputerName", value: "PC-%SERIAL%")])),
            .condition(condition), .condition(Condition()), .references(references), .references(ReferenceList()),
        ] + Self.markup.map(SequenceNode.foreign)
    }

    @Test func layoutsKeepingWholeNodesOfEveryKindAreWrittenAsTheEncoderWritesThem() throws {
        let nodes = Self.sequenceNodes
        let layout = nodes.enumerated().map { LayoutEntry(anchor: $0.offset, node: .node($0.element)) }
            + [LayoutEntry(anchor: Int.max, node: .condition([:])), LayoutEntry(anchor: -1, node: .variables(Self.lists[2]))]
        #expect(try JSONColumn.encode(layout) == JSONColumn.encodeWithEncoder(layout))
        #expect(try JSONColumn.decodeLayout(JSONColumn.encode(layout)) == layout)
        for node in nodes {
            let single = [LayoutEntry(anchor: 0, node: .node(node))]
            #expect(try JSONColumn.encode(single) == JSONColumn.encodeWithEncoder(single))
        }
    }

    static var embeddedInstances: [EmbeddedInstance] {
        [
            OperatingSystemDetails(maxVersion: "10.00.99999.9999", minVersion: "10.00.0000.0", name: "Win NT", platform: "x64").instance,
            EmbeddedInstance(className: "SMS_ST_RecurInterval", properties: [
                .init(name: "DaySpan", type: "uint32", value: "1"), .init(name: "IsGMT", type: "boolean", value: nil),
                .init(name: "StartTime", type: "datetime", value: "20261206000000.000000+***"), .init(name: awkward, value: awkward),
            ]),
            EmbeddedInstance(className: "", properties: []),
        ]
    }

    /// A package with a value of every kind kept by name, so that `extended` holds many keys
    /// (mixed case: the encoder sorts them by their bytes, `ISVData` before `Icon`).
    static var packageWithEveryKind: PackageProperties {
        var properties = PackageProperties()
        properties.packageID = "PS1000FF"
        properties.name = awkward
        properties.description = String(repeating: "a long description / with slashes ", count: 40)
        properties.duration = UInt32.max
        properties.sourceDate = Int64.min
        properties.lastRefreshTime = -1
        properties.references = [PackageReference(package: "PS100001", program: "*"), PackageReference(package: "", application: "App \(awkward)")]
        for definition in ExtendedPackageProperties.definitions {
            let value: PackageValue = switch ExtendedPackageProperties.kind(of: definition) {
            case .text: .text("text of \(definition.name) \(awkward)")
            case .number: .number(4_000_000_000)
            case .boolean: .boolean(definition.defaultValue?.lowercased() != "true")
            case .dateTime: .dateTime(1_765_000_000)
            case .bytes: .bytes([0, 1, 127, 128, 255])
            case .texts: .texts(["", awkward, "b"])
            case .objects: .objects(embeddedInstances)
            }
            properties.setValue(value, of: definition.name)
        }
        return properties
    }

    @Test func packagePropertiesAreWrittenAsTheEncoderWritesThem() throws {
        let packages = [PackageProperties(), Self.packageWithEveryKind]
        #expect(Self.packageWithEveryKind.extended.count > 10)
        for properties in packages {
            #expect(try JSONColumn.encode(properties) == JSONColumn.encodeWithEncoder(properties))
            #expect(try JSONColumn.decode(PackageProperties.self, from: JSONColumn.encode(properties)) == properties)
            #expect(try JSONColumn.encode(properties.references) == JSONColumn.encodeWithEncoder(properties.references))
        }
        for case .objects(let objects) in Self.packageWithEveryKind.extended.values {
            #expect(try JSONColumn.encode(objects) == JSONColumn.encodeWithEncoder(objects))
        }
        #expect(try JSONColumn.encode(Self.embeddedInstances) == JSONColumn.encodeWithEncoder(Self.embeddedInstances))
        #expect(try JSONColumn.encode([EmbeddedInstance]()) == "[]")
        #expect(try JSONColumn.encode([PackageReference]()) == "[]")
    }

    @Test func stringListsAreWrittenAsTheEncoderWritesThem() throws {
        for strings in [[], [""], [Self.awkward, "C:\\Windows", String(repeating: "é😀x", count: 300)]] as [[String]] {
            #expect(try JSONColumn.encode(strings) == JSONColumn.encodeWithEncoder(strings))
        }
    }

    /// Strings are tested a byte at a time below eight bytes, as two overlapping words up to
    /// sixteen and word by word beyond: an escape at every place of every length up to 40.
    @Test func escapesAreFoundAtEveryPlaceOfEveryLength() throws {
        for length in 0...40 {
            var strings = [String(repeating: "a", count: length), String(repeating: "é", count: length / 2)]
            for position in 0..<length {
                for special in ["\"", "\n", "\u{1F}"] {
                    strings.append(String(repeating: "b", count: position) + special + String(repeating: "c", count: length - position - 1))
                    strings.append(String(repeating: "\\", count: position) + special)
                }
            }
            #expect(try JSONColumn.encode(strings) == JSONColumn.encodeWithEncoder(strings), "length \(length)")
        }
    }

    /// Every byte below 0x20 and around the escapes, alone and inside eight-byte words.
    @Test func everyControlCharacterIsEscapedAsTheEncoderEscapesIt() throws {
        let characters = (0..<0x80).map { String(UnicodeScalar(UInt8($0))) } + ["\u{80}", "\u{FFFF}", "\u{10FFFF}", "\u{2029}"]
        for character in characters {
            let strings = [character, "abcdefg" + character + "hijklmnop", String(repeating: character, count: 9)]
            #expect(try JSONColumn.encode(strings) == JSONColumn.encodeWithEncoder(strings), "\(character.unicodeScalars.map(\.value))")
        }
    }

    /// A variables document repeats `Variable.name` and `.property` (the first attribute of
    /// each name; the name when there is no property; empty when neither is there).
    @Test func variableDocumentsRepeatNameAndPropertyAsTheModelReadsThem() throws {
        let entries: [VariableListEntry] = [
            .variable(Variable(attributes: [:], value: Self.awkward)),
            .variable(Variable(attributes: ["property": "P"], value: "")),
            .variable(Variable(attributes: AttributeList([MarkupAttribute("name", Self.awkward), MarkupAttribute("name", "second"),
                                                          MarkupAttribute("property", "x\n"), MarkupAttribute("property", "y")]), value: "v")),
            .foreign(.comment("c")),
            .variable(Variable(name: "n", property: nil, value: String(repeating: "long \"quoted\" value\n", count: 100))),
            .variable(Variable(name: "", property: Self.awkward, value: "0 3010", hidden: true)),
        ]
        #expect(try StepVariableRow.document(entries) == JSONColumnCorpusTests.variableDocument(entries))
        #expect(try StepVariableRow.rows(stepID: 1, document: StepVariableRow.document(entries)).map { try $0.entry() } == entries)
    }
}
