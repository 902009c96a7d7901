import TaskSequenceModel

/// One entry of a step's `<defaultVarList>`: an action property value, as it is kept in the
/// step's row.
///
/// A step's variables are one JSON document in `step.variables` (since
/// `v10-step-variables-document` / `postgresql-v6`; a `stepVariable` table before): an import
/// wrote about 75 variable rows per file against 20 step rows, each row with its own key entry,
/// statement work and pages at commit. Nothing refers to a variable by itself — reads, edits,
/// history images and queries all reach variables through their step — so they travel with it.
/// The document is an array, in list order, of `{"n":NAME,"p":PROPERTY,"v":VALUE}` for a
/// `<variable name=… property=…>` — its attributes are those two, in that order, then `x`'s when
/// it has more (`"x":[["hidden","true"]]`) — and `{"f":MARKUP}` for any other entry kept
/// verbatim; queries read `p`, `v` and `f` with the engine's JSON functions. A `<variable>` whose
/// attributes start otherwise keeps them all in `a`, before `n` (the property then repeats
/// the name when it has none), as every `<variable>` did until the short form (a step's row
/// 1.1 KB → 0.8 KB on the corpus); documents either way are read alike.
public struct StepVariableRow: Sendable, Equatable {
    public var stepID: Int64
    public var position: Int64
    public var name: String
    public var property: String
    public var value: String
    /// JSON `AttributeList`.
    public var attributes: String
    /// JSON `Markup` for an entry that is not a `<variable>`.
    public var foreign: String?

    init(stepID: Int64, position: Int64, entry: VariableListEntry) throws {
        self.stepID = stepID
        self.position = position
        switch entry {
        case .variable(let variable):
            name = variable.name
            property = variable.property
            value = variable.value
            attributes = try JSONColumn.encode(variable.attributes)
            foreign = nil
        case .foreign(let markup):
            name = ""
            property = ""
            value = ""
            attributes = "[]"
            foreign = try JSONColumn.encode(markup)
        }
    }

    public func entry() throws -> VariableListEntry {
        if let foreign {
            return .foreign(try JSONColumn.decode(Markup.self, from: foreign))
        }
        return .variable(Variable(attributes: try JSONColumn.decodeAttributes(attributes), value: value))
    }
}

extension StepVariableRow {
    /// The document `step.variables` holds for `entries`.
    static func document(_ entries: [VariableListEntry]) throws -> String {
        guard !entries.isEmpty else { return "[]" }
        // Room for everything up front, twice over (`n` and `p` repeat attribute values, and
        // escapes lengthen the text): growing the buffer part way copies what was written.
        var capacity = 2 + entries.count * 32
        for index in entries.indices {
            guard case .variable(let variable) = entries[index] else { continue }
            capacity += 2 * (JSONText.length(of: variable.attributes) + variable.value.utf8.count)
        }
        var json = JSONText(capacity: capacity)
        json.appendArray(entries) { json, entry in
            switch entry {
            case .variable(let variable):
                let items = variable.attributes.items
                if StoredVariable.hasShortForm(items) {
                    json.append("{\"n\":")
                    json.appendString(items[0].value)
                    json.append(",\"p\":")
                    json.appendString(items[1].value)
                    json.append(",\"v\":")
                    json.appendString(variable.value)
                    if items.count > 2 {
                        json.append(",\"x\":")
                        json.append(variable.attributes, from: 2)
                    }
                    json.append(byte: UInt8(ascii: "}"))
                    return
                }
                // `n` and `p` are `Variable.name` and `.property`: copies of the attribute
                // values just written, not escaped a second time.
                json.append("{\"a\":")
                let written = json.appendNoting(variable.attributes)
                json.append(",\"n\":")
                json.appendCopy(ofQuoted: written.name)
                json.append(",\"p\":")
                json.appendCopy(ofQuoted: written.property ?? written.name)
                json.append(",\"v\":")
                json.appendString(variable.value)
                json.append(byte: UInt8(ascii: "}"))
            case .foreign(let markup):
                json.append("{\"f\":")
                json.append(markup)
                json.append(byte: UInt8(ascii: "}"))
            }
        }
        return json.string
    }

    /// The entries of step `stepID`'s document `document`, in order.
    static func rows(stepID: Int64, document: String) throws -> [StepVariableRow] {
        if document == "[]" { return [] }
        let stored = try FastJSONReader.read(document, { $0.variableDocument() }) ?? JSONColumn.decode([StoredVariable].self, from: document)
        return try stored.enumerated().map { index, variable in
            if let foreign = variable.f {
                return StepVariableRow(stepID: stepID, position: Int64(index), name: "", property: "", value: "", attributes: "[]",
                                       foreign: try JSONColumn.encode(foreign))
            }
            return StepVariableRow(stepID: stepID, position: Int64(index), name: variable.n ?? "", property: variable.p ?? "", value: variable.v ?? "",
                                   attributes: try JSONColumn.encode(variable.attributes), foreign: nil)
        }
    }

    /// The variables of `steps`, by step ID then position.
    public static func rows(of steps: [StepRow]) throws -> [StepVariableRow] {
        var rows: [StepVariableRow] = []
        for step in steps.sorted(by: { ($0.id ?? 0) < ($1.id ?? 0) }) {
            rows += try step.variableRows()
        }
        return rows
    }

    private init(stepID: Int64, position: Int64, name: String, property: String, value: String, attributes: String, foreign: String?) {
        self.stepID = stepID
        self.position = position
        self.name = name
        self.property = property
        self.value = value
        self.attributes = attributes
        self.foreign = foreign
    }
}

extension StepRow {
    /// The step's variables in order, read from its row (no query).
    public func variableRows() throws -> [StepVariableRow] {
        guard let id else { return [] }
        return try StepVariableRow.rows(stepID: id, document: variables)
    }
}

/// One entry of the document as `Codable` reads it: the slow path, for text the fast reader
/// does not take (another key order, white space, foreign markup).
struct StoredVariable: Codable, Equatable {
    var a: AttributeList?
    var n: String?
    var p: String?
    var v: String?
    var x: AttributeList?
    var f: Markup?

    /// The attributes a short entry (`n`, `p`, `x`) stands for: these two first, then `x`'s.
    static let shortFormNames = ("name", "property")

    /// Whether a `<variable>` with `attributes` is written short: they start with `name` and
    /// `property`, which are then `n` and `p`, and the rest is `x`.
    static func hasShortForm(_ attributes: [MarkupAttribute]) -> Bool {
        attributes.count >= 2 && attributes[0].name == shortFormNames.0 && attributes[1].name == shortFormNames.1
    }

    /// The `<variable>`'s attributes: `a` when they are written in full, else those
    /// ``hasShortForm(_:)`` took apart, put back together.
    var attributes: AttributeList {
        if let a { return a }
        return AttributeList([MarkupAttribute(Self.shortFormNames.0, n ?? ""), MarkupAttribute(Self.shortFormNames.1, p ?? "")] + (x?.items ?? []))
    }
}

private extension JSONText {
    /// The quoted string written at `range`, or `""` when there is none.
    mutating func appendCopy(ofQuoted range: Range<Int>?) {
        if let range { appendCopy(of: range) } else { append("\"\"") }
    }
}
