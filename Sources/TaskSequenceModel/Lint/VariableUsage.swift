/// Which task sequence variables a sequence sets, as far as can be read from it.
///
/// A variable counts as set when a Set Task Sequence Variable step names it, a Set Dynamic
/// Variables rule sets it, a step writes its output to it (OutputVariableName), a step or the
/// `<globalVarList>` carries it as a variable, or a command line or script assigns it through
/// the TS environment (`tsenv.Value("X") = …`, `$tsenv.Value('X') = …`, `tsenv.exe "X=…"`).
struct VariableUsage {
    /// Names set, by lowercased name, in the spelling first seen.
    private(set) var setNames: [String: String] = [:]

    init(_ sequence: TaskSequence, catalog: ActionCatalog) {
        for variable in sequence.globalVariables?.variables ?? [] { add(variable.name) }
        sequence.forEachStep { _, step in
            guard step.kind != .group else { return }
            collect(from: step, catalog: catalog)
        }
    }

    /// Names whose numbered variants a step sets: Download Package Content's DestinationVariable
    /// `DRIVERS` sets `DRIVERS01`, `DRIVERS02` …, lowercased.
    private(set) var numberedBases: Set<String> = []

    func sets(_ name: String) -> Bool {
        let key = name.lowercased()
        if setNames[key] != nil { return true }
        let base = String(key.reversed().drop { $0.isNumber }.reversed())
        return base.count < key.count && numberedBases.contains(base)
    }

    private mutating func add(_ name: String) {
        let trimmed = name.trimmingSpaces
        guard !trimmed.isEmpty, !trimmed.contains("%") else { return }
        let key = trimmed.lowercased()
        if setNames[key] == nil { setNames[key] = String(trimmed) }
    }

    private mutating func collect(from step: Step, catalog: ActionCatalog) {
        let className = step.catalogClassName
        for variable in step.variables?.variables ?? [] {
            add(variable.name)
            let property = catalog.resolve(variable, inClass: className)?.property
            if property?.holdsVariableName == true || variable.property.equalsIgnoringCase("OutputVariableName") {
                add(variable.value)
                if variable.property.equalsIgnoringCase("DestinationVariable") { numberedBases.insert(variable.value.lowercased()) }
            }
            if variable.property.equalsIgnoringCase("Rules") {
                for rule in RuleVariableSecrets.allVariables(in: variable.value) { add(rule.name) }
            }
        }
        for text in ScriptText.texts(of: step, catalog: catalog) {
            for name in Self.assignedNames(in: text.text) { add(name) }
        }
    }

    /// Names a script or command line hands to the TS environment: the string literal inside
    /// `.Value("X")` / `.Value('X')`, and `tsenv.exe "X=…"`. Read as bytes, since names are
    /// ASCII and scripts can be long.
    static func assignedNames(in text: String) -> [String] {
        let original = Array(text.utf8)
        let bytes = original.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        var names: [String] = []
        for marker in [Array(".value(".utf8), Array("tsenv.exe ".utf8)] {
            var index = 0
            while index + marker.count <= bytes.count {
                guard bytes[index] == marker[0], Array(bytes[index..<(index + marker.count)]) == marker else {
                    index += 1
                    continue
                }
                index += marker.count
                var cursor = index
                while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
                guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\"") || bytes[cursor] == UInt8(ascii: "'") else { continue }
                let start = cursor + 1
                var end = start
                while end < bytes.count, isNameByte(bytes[end]) { end += 1 }
                if end > start { names.append(String(decoding: original[start..<end], as: UTF8.self)) }
                index = end
            }
        }
        return names
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }
}
