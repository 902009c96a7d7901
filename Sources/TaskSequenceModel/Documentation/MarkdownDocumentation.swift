/// Renders a ``SequenceDocumentation`` as Markdown: a property table, then the steps as nested
/// lists, each with its class, flags, condition, settings and references.
public enum MarkdownDocumentation {
    public static func render(_ documentation: SequenceDocumentation) -> String {
        var out = "# \(escape(documentation.title))\n\n"
        out += "_\(escape(documentation.revision))_\n\n"
        let properties = documentation.properties.filter { !$0.value.isEmpty }
        if !properties.isEmpty {
            out += "| Property | Value |\n|---|---|\n"
            for property in properties { out += "| \(cell(property.label)) | \(cell(property.value)) |\n" }
            out += "\n"
        }
        if !documentation.references.isEmpty {
            out += "**References:** " + documentation.references.map(escape).joined(separator: ", ") + "\n\n"
        }
        out += "## Steps\n\n"
        if documentation.steps.isEmpty { out += "_The sequence has no steps._\n" }
        for step in documentation.steps { render(step, depth: 0, into: &out) }
        return out
    }

    private static func render(_ step: DocumentedStep, depth: Int, into out: inout String) {
        let indent = String(repeating: "  ", count: depth)
        var head = "\(indent)- **\(escape(step.name))** — \(escape(step.classWords))"
        if let id = step.stepID { head += " · step \(id)" }
        if !step.isEnabled { head += " · **disabled**" }
        if step.continueOnError { head += " · continue on error" }
        out += head + "\n"
        let detail = indent + "  "
        if !step.description.isEmpty { out += "\(detail)- Description: \(escape(step.description))\n" }
        if let condition = step.condition { out += "\(detail)- Condition: \(code(condition))\n" }
        for setting in step.settings { out += "\(detail)- \(escape(setting.name)): \(code(setting.value))\n" }
        if !step.references.isEmpty { out += "\(detail)- References: " + step.references.map(escape).joined(separator: ", ") + "\n" }
        if step.isGroup, step.children.isEmpty { out += "\(detail)- _(empty group)_\n" }
        for child in step.children { render(child, depth: depth + 1, into: &out) }
    }

    /// Text with Markdown's special characters escaped and HTML kept inert.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "#", "|", "~": result += "\\\(character)"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            case "\r\n", "\n", "\r": result += " "
            default: result.append(character)
            }
        }
        return result
    }

    /// A code span long enough not to be closed by backticks inside; on one line; HTML inert.
    static func code(_ text: String) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        var longest = 0, run = 0
        for character in flat {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let padded = flat.hasPrefix("`") || flat.hasSuffix("`") ? " \(flat) " : flat
        return fence + (padded.isEmpty ? " " : padded) + fence
    }

    private static func cell(_ text: String) -> String { escape(text) }
}
