import Testing
import TestSupport
import TaskSequenceModel
import TaskSequenceXML
@testable import ProviderStore

/// Every JSON text an import of a real-world file stores, written by hand, is the very text the
/// encoder writes for the same value: what the rows of an import would hold either way.
@Suite struct JSONColumnCorpusTests {
    @Test(arguments: Fixtures.realWorldNames)
    func everyColumnOfTheFileIsWrittenAsTheEncoderWritesIt(name: String) throws {
        let document = try TaskSequenceReader().document(from: Fixtures.data(name))
        var checked = 0
        func same<Value: Encodable>(_ handWritten: String, _ value: Value, _ what: String) throws {
            #expect(try handWritten == JSONColumn.encodeWithEncoder(value), "\(name): \(what)")
            checked += 1
        }
        try same(JSONColumn.encode(document.package), document.package, "package properties")
        try same(JSONColumn.encode(document.package.references), document.package.references, "references")
        for (key, value) in document.package.extended {
            switch value {
            case .texts(let texts): try same(JSONColumn.encode(texts), texts, key)
            case .objects(let objects): try same(JSONColumn.encode(objects), objects, key)
            default: break
            }
        }
        try same(JSONColumn.encode(document.sequence.attributes), document.sequence.attributes, "sequence attributes")

        /// A container's columns, then its steps' in turn.
        func visit(children: [SequenceNode], path: String) throws {
            let content = StepContent(children: children)
            try same(JSONColumn.encode(content.layout), content.layout, "\(path) layout")
            // The whole container kept as nodes: every node the file has, nested as written.
            let whole = children.map { LayoutEntry(anchor: 0, node: .node($0)) }
            try same(JSONColumn.encode(whole), whole, "\(path) as whole nodes")
            try same(JSONColumn.encode(content.variables), content.variables, "\(path) variables")
            #expect(try StepVariableRow.document(content.variables) == Self.variableDocument(content.variables), "\(name): \(path) variable document")
            for entry in content.variables {
                switch entry {
                case .variable(let variable): try same(JSONColumn.encode(variable.attributes), variable.attributes, "\(path) variable attributes")
                case .foreign(let markup): try same(JSONColumn.encode(markup), markup, "\(path) foreign variable entry")
                }
            }
            try visit(operands: content.condition, path: path + " condition")
            for (index, step) in content.childSteps.enumerated() {
                try same(JSONColumn.encode(step.attributes), step.attributes, "\(path)/\(index) attributes")
                try visit(children: step.children, path: "\(path)/\(index)")
            }
        }
        func visit(operands: [ConditionOperand], path: String) throws {
            for operand in operands {
                switch operand {
                case .expression(let expression):
                    try same(JSONColumn.encode(expression.attributes), expression.attributes, "\(path) expression attributes")
                    try same(JSONColumn.encode(expression.entries), expression.entries, "\(path) expression properties")
                case .operator(let op):
                    try same(JSONColumn.encode(op.attributes), op.attributes, "\(path) operator attributes")
                    try visit(operands: op.operands, path: path + " operator")
                case .foreign(let markup):
                    try same(JSONColumn.encode(markup), markup, "\(path) foreign operand")
                }
            }
        }
        try visit(children: document.sequence.children, path: "sequence")
        #expect(checked >= 6) // the package, its references, the sequence's attributes, layout, nodes and variables
    }

    @Test func theCorpusIsThere() {
        #expect(Fixtures.realWorldNames.count >= 64)
    }

    /// A variables document assembled from the encoder's text for each piece: what
    /// `StepVariableRow.document` wrote when foreign entries went through the encoder — a
    /// `<variable name=… property=…>` as `n`, `p`, `v` and the rest of its attributes as `x`,
    /// any other in full (`a`).
    static func variableDocument(_ entries: [VariableListEntry]) throws -> String {
        let pieces = try entries.map { entry -> String in
            switch entry {
            case .variable(let variable):
                let items = variable.attributes.items
                if items.count >= 2, items[0].name == "name", items[1].name == "property" {
                    var fields = try [("n", JSONColumn.encodeWithEncoder(items[0].value)), ("p", JSONColumn.encodeWithEncoder(items[1].value)),
                                      ("v", JSONColumn.encodeWithEncoder(variable.value))]
                    if items.count > 2 { fields.append(("x", try JSONColumn.encodeWithEncoder(AttributeList(Array(items[2...]))))) }
                    return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
                }
                let fields = try [("a", JSONColumn.encodeWithEncoder(variable.attributes)), ("n", JSONColumn.encodeWithEncoder(variable.name)),
                                  ("p", JSONColumn.encodeWithEncoder(variable.property)), ("v", JSONColumn.encodeWithEncoder(variable.value))]
                return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
            case .foreign(let markup):
                return "{\"f\":\(try JSONColumn.encodeWithEncoder(markup))}"
            }
        }
        return "[" + pieces.joined(separator: ",") + "]"
    }
}
