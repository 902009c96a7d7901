import Testing
import TaskSequenceModel
@testable import ProviderStore

/// A step's variables document (`step.variables`) reads back exactly as written, through the
/// fast reader when it has the writer's shape and through `Codable` when it does not.
@Suite struct StepVariableDocumentTests {
    static let entries: [VariableListEntry] = [
        .variable(Variable(name: "CommandLine", property: "CommandLine", value: JSONColumnTests.awkward, hidden: true)),
        .variable(Variable(attributes: ["name": "OSDComputerName"], value: "")),
        .foreign(.comment(" kept as written ")),
        .variable(Variable(name: "SuccessCodes", property: "SuccessCodes", value: "0 3010")),
    ]

    @Test func entriesReadBackInOrder() throws {
        let document = try StepVariableRow.document(Self.entries)
        #expect(try StepVariableRow.rows(stepID: 7, document: document).map { try $0.entry() } == Self.entries)
        #expect(try StepVariableRow.rows(stepID: 7, document: document).map(\.position) == [0, 1, 2, 3])
        #expect(try StepVariableRow.document([]) == "[]")
    }

    /// A `<variable name=… property=…>` is written as `n`, `p` and `v` alone, its other
    /// attributes after them as `x`; one whose attributes start otherwise keeps them in `a`;
    /// and documents from before the short form (every `<variable>` in full) read the same.
    @Test func usualVariablesAreWrittenShortAndEarlierDocumentsStillRead() throws {
        let document = try StepVariableRow.document(Self.entries)
        #expect(document.hasPrefix(#"[{"n":"CommandLine","p":"CommandLine","v":"#))
        #expect(document.contains(#","x":[["hidden","true"]]}"#))
        #expect(document.contains(#"{"a":[["name","OSDComputerName"]],"n":"OSDComputerName","p":"OSDComputerName","v":""}"#))
        #expect(document.contains(#"{"n":"SuccessCodes","p":"SuccessCodes","v":"0 3010"}]"#))
        let earlier = #"[{"a":[["name","CommandLine"],["property","CommandLine"],["hidden","true"]],"n":"CommandLine","p":"CommandLine","v":"cmd"},"#
            + #"{"a":[["name","SuccessCodes"],["property","SuccessCodes"]],"n":"SuccessCodes","p":"SuccessCodes","v":"0 3010"}]"#
        let expected: [VariableListEntry] = [
            .variable(Variable(name: "CommandLine", property: "CommandLine", value: "cmd", hidden: true)),
            .variable(Variable(name: "SuccessCodes", property: "SuccessCodes", value: "0 3010")),
        ]
        #expect(FastJSONReader.read(earlier, { $0.variableDocument() }) != nil)
        #expect(try StepVariableRow.rows(stepID: 1, document: earlier).map { try $0.entry() } == expected)
        // Both forms through the decoder too (another key order keeps the fast reader out).
        let reordered = #"[{"v":"cmd","x":[["hidden","true"]],"p":"CommandLine","n":"CommandLine"},{"v":"0 3010","p":"SuccessCodes","n":"SuccessCodes"}]"#
        #expect(FastJSONReader.read(reordered, { $0.variableDocument() }) == nil)
        #expect(try StepVariableRow.rows(stepID: 1, document: reordered).map { try $0.entry() } == expected)
        // A short entry with anything but `x` after its value is not taken by the fast reader.
        #expect(FastJSONReader.read(#"[{"n":"a","p":"a","v":"","y":[]}]"#, { $0.variableDocument() }) == nil)
    }

    @Test func onlyVariablesTakeTheFastReaderAndOtherSpellingsTheDecoder() throws {
        let variables = Array(Self.entries.filter { if case .variable = $0 { true } else { false } })
        let document = try StepVariableRow.document(variables)
        #expect(FastJSONReader.read(document, { $0.variableDocument() }) != nil)
        // As PostgreSQL's json_agg spells a migrated document: spaces, a line break, other key order.
        let spelt = #"[{"v" : "0 3010", "p" : "SuccessCodes", "n" : "SuccessCodes", "a" : [["name", "SuccessCodes"]]}, "#
            + "\n " + #"{"f" : {"comment" : {"_0" : "x"}}}]"#
        #expect(FastJSONReader.read(spelt, { $0.variableDocument() }) == nil)
        #expect(try StepVariableRow.rows(stepID: 1, document: spelt).map { try $0.entry() }
            == [.variable(Variable(attributes: ["name": "SuccessCodes"], value: "0 3010")), .foreign(.comment("x"))])
    }
}
