/// The secret variables inside Set Dynamic Variables' rule XML.
///
/// The `Rules` property holds XML as text, e.g.
/// `<Rules><Rule><Variables><Variable Name="MDMPassword" IsSecret="true">…</Variable></Variables></Rule></Rules>`;
/// exports carry the `IsSecret="true"` variables with empty text. This scanner finds those
/// values without a full XML parser (the model does no I/O and needs no libxml2): it looks for
/// `<Variable …>` start tags, reads their attributes and takes the text up to `</Variable>`.
enum RuleVariableSecrets {
    /// A secret variable's value inside the rule text.
    struct Occurrence {
        var name: String
        var valueRange: Range<String.Index>
    }

    /// Every `IsSecret="true"` variable in `rules`, in document order.
    static func occurrences(in rules: String) -> [Occurrence] {
        var result: [Occurrence] = []
        var position = rules.startIndex
        while let tagStart = rules.firstRange(ofASCII: "<Variable", from: position) {
            position = tagStart.upperBound
            // `<Variables>` shares the prefix; a variable tag continues with whitespace.
            guard let next = rules[position...].first, next.isWhitespace else { continue }
            guard let tag = scanAttributes(rules, from: position) else { break }
            position = tag.end
            guard !tag.selfClosing,
                  tag.attributes["issecret"]?.lowercased() == "true",
                  let close = rules.firstRange(ofASCII: "</Variable>", from: tag.end) else { continue }
            result.append(Occurrence(name: tag.attributes["name"] ?? "", valueRange: tag.end..<close.lowerBound))
            position = close.upperBound
        }
        return result
    }

    /// Every `<Variable Name=…>` of the rules, secret or not, with its text: what lint reads to
    /// know which variables the step sets and which passwords it sets in clear.
    static func allVariables(in rules: String) -> [(name: String, isSecret: Bool, value: String)] {
        var result: [(name: String, isSecret: Bool, value: String)] = []
        var position = rules.startIndex
        while let tagStart = rules.firstRange(ofASCII: "<Variable", from: position) {
            position = tagStart.upperBound
            guard let next = rules[position...].first, next.isWhitespace else { continue }
            guard let tag = scanAttributes(rules, from: position) else { break }
            position = tag.end
            let isSecret = tag.attributes["issecret"]?.lowercased() == "true"
            var value = ""
            if !tag.selfClosing, let close = rules.firstRange(ofASCII: "</Variable>", from: tag.end) {
                value = String(rules[tag.end..<close.lowerBound])
                position = close.upperBound
            }
            result.append((tag.attributes["name"] ?? "", isSecret, value))
        }
        return result
    }

    /// The names of every variable the rules set, secret or not, in document order (a plan
    /// cannot know which rule matches, so each may or may not be set).
    static func variableNames(in rules: String) -> [String] {
        allVariables(in: rules).map(\.name).filter { !$0.isEmpty }
    }

    /// `rules` with the text of every secret variable removed.
    static func blanking(_ rules: String) -> String {
        var result = rules
        for occurrence in occurrences(in: rules).reversed() {
            result.replaceSubrange(occurrence.valueRange, with: "")
        }
        return result
    }

    /// `incoming` with each empty secret value filled from the secret of the same name (and the
    /// same occurrence of that name) in `stored`.
    static func restoring(_ incoming: String, from stored: String) -> String {
        var storedValues: [String: [String]] = [:]
        for occurrence in occurrences(in: stored) {
            storedValues[occurrence.name.lowercased(), default: []].append(String(stored[occurrence.valueRange]))
        }
        var seen: [String: Int] = [:]
        var replacements: [(Range<String.Index>, String)] = []
        for occurrence in occurrences(in: incoming) {
            let key = occurrence.name.lowercased()
            let ordinal = seen[key, default: 0]
            seen[key] = ordinal + 1
            guard incoming[occurrence.valueRange].isEmpty,
                  let values = storedValues[key], values.indices.contains(ordinal) else { continue }
            replacements.append((occurrence.valueRange, values[ordinal]))
        }
        var result = incoming
        for (range, value) in replacements.reversed() {
            result.replaceSubrange(range, with: value)
        }
        return result
    }

    /// Reads `name="value"` pairs from `position` to the end of the start tag. Returns the
    /// attributes (names lowercased), the index just past `>`, and whether the tag is `/>`.
    private static func scanAttributes(
        _ text: String,
        from start: String.Index
    ) -> (attributes: [String: String], end: String.Index, selfClosing: Bool)? {
        var attributes: [String: String] = [:]
        var position = start
        func skipWhitespace() {
            while position < text.endIndex, text[position].isWhitespace { position = text.index(after: position) }
        }
        while true {
            skipWhitespace()
            guard position < text.endIndex else { return nil }
            if text[position] == ">" {
                return (attributes, text.index(after: position), false)
            }
            if text[position] == "/" {
                let next = text.index(after: position)
                guard next < text.endIndex, text[next] == ">" else { return nil }
                return (attributes, text.index(after: next), true)
            }
            let nameStart = position
            while position < text.endIndex, !text[position].isWhitespace, text[position] != "=", text[position] != ">" {
                position = text.index(after: position)
            }
            let name = text[nameStart..<position].lowercased()
            skipWhitespace()
            guard position < text.endIndex, text[position] == "=" else { continue }
            position = text.index(after: position)
            skipWhitespace()
            guard position < text.endIndex, text[position] == "\"" || text[position] == "'" else { return nil }
            let quote = text[position]
            let valueStart = text.index(after: position)
            guard let valueEnd = text[valueStart...].firstIndex(of: quote) else { return nil }
            attributes[name] = String(text[valueStart..<valueEnd])
            position = text.index(after: valueEnd)
        }
    }
}
