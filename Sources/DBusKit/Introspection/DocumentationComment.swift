/// Writes documentation as the XML comments `gdbus-codegen` reads in front of an interface or
/// member (`Name:`, then `@argument: text` lines, a blank line and the description), so
/// `gdbus-codegen --generate-rst` or `--generate-docbook` renders a reference from the
/// `interfaces/*.xml` files.
enum DocumentationComment {
    /// The comment before `<interface>`: its first sentence becomes the short description.
    static func interface(_ name: String, _ text: String, indent: String) -> String {
        let shortDescription = firstSentence(of: text)
        var body = ["\(name):", "@short_description: \(shortDescription)"]
        body.append("")
        body += lines(of: text)
        return comment(body, indent: indent)
    }

    /// The comment before a method, signal or property, documenting its arguments.
    static func member(_ name: String, _ text: String, arguments: [DBusArgument], indent: String) -> String {
        var body = ["\(name):"]
        for argument in arguments where !argument.name.isEmpty {
            body.append("@\(argument.name): \(argument.documentation.map(flattened) ?? "")")
        }
        body.append("")
        body += lines(of: text)
        return comment(body, indent: indent)
    }

    private static func comment(_ body: [String], indent: String) -> String {
        var xml = "\(indent)<!--\n"
        for line in body {
            xml += line.isEmpty ? "\n" : "\(indent)  \(safe(line))\n"
        }
        return xml + "\(indent)-->\n"
    }

    private static func lines(of text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
    }

    private static func flattened(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    static func firstSentence(of text: String) -> String {
        let flat = Array(flattened(text))
        for index in flat.indices.dropLast() where flat[index] == "." && flat[index + 1] == " " {
            return String(flat[...index])
        }
        return String(flat)
    }

    /// `--` may not appear inside an XML comment: every second hyphen of a pair becomes a
    /// non-breaking one.
    private static func safe(_ line: String) -> String {
        var text = ""
        var previousWasHyphen = false
        for character in line {
            if character == "-" && previousWasHyphen {
                text.append("\u{2011}")
                previousWasHyphen = false
            } else {
                text.append(character)
                previousWasHyphen = character == "-"
            }
        }
        return text
    }
}
