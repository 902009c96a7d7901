/// Writes introspection XML deterministically: the same declaration always gives the same
/// bytes, in declaration order, so live `Introspect` replies and `interfaces/*.xml` files can be
/// compared as text.
public enum IntrospectionXML {
    /// The standard DOCTYPE header.
    public static let header = """
        <!DOCTYPE node PUBLIC "-//freedesktop//DTD D-BUS Object Introspection 1.0//EN"
         "http://www.freedesktop.org/standards/dbus/1.0/introspect.dtd">

        """

    /// A whole `<node>` document listing `interfaces` and child `nodes`.
    ///
    /// - Parameter documented: whether to write each part's documentation as the XML comments
    ///   `gdbus-codegen --generate-rst|--generate-docbook` reads (for `interfaces/*.xml`; live
    ///   `Introspect` replies leave them out to stay small).
    public static func document(interfaces: [DBusInterfaceInfo], children: [String] = [], documented: Bool = false) -> String {
        document(elements: interfaces.map { interfaceElement($0, indent: "  ", documented: documented) }, children: children)
    }

    static func document(elements: [String], children: [String]) -> String {
        var xml = header
        xml += "<node>\n"
        for element in elements { xml += element }
        for child in children { xml += "  <node name=\"\(escape(child))\"/>\n" }
        xml += "</node>\n"
        return xml
    }

    /// The `<interface>` element of one interface, each line prefixed by `indent`.
    public static func interfaceElement(_ info: DBusInterfaceInfo, indent: String, documented: Bool = false) -> String {
        let inner = indent + "  "
        var xml = ""
        if documented, let text = info.documentation {
            xml += DocumentationComment.interface(info.name, text, indent: indent)
        }
        xml += "\(indent)<interface name=\"\(escape(info.name))\">\n"
        for annotation in info.annotations { xml += annotationElement(annotation, indent: inner) }
        for method in info.methods {
            let arguments = method.inputs.map { ($0, "in") } + method.outputs.map { ($0, "out") }
            if documented, let text = method.documentation {
                xml += DocumentationComment.member(method.name, text, arguments: arguments.map(\.0), indent: inner)
            }
            if arguments.isEmpty && method.annotations.isEmpty {
                xml += "\(inner)<method name=\"\(escape(method.name))\"/>\n"
                continue
            }
            xml += "\(inner)<method name=\"\(escape(method.name))\">\n"
            for annotation in method.annotations { xml += annotationElement(annotation, indent: inner + "  ") }
            for (argument, direction) in arguments {
                xml += argumentElement(argument, direction: direction, indent: inner + "  ")
            }
            xml += "\(inner)</method>\n"
        }
        for signal in info.signals {
            if documented, let text = signal.documentation {
                xml += DocumentationComment.member(signal.name, text, arguments: signal.arguments, indent: inner)
            }
            if signal.arguments.isEmpty && signal.annotations.isEmpty {
                xml += "\(inner)<signal name=\"\(escape(signal.name))\"/>\n"
                continue
            }
            xml += "\(inner)<signal name=\"\(escape(signal.name))\">\n"
            for annotation in signal.annotations { xml += annotationElement(annotation, indent: inner + "  ") }
            for argument in signal.arguments { xml += argumentElement(argument, direction: nil, indent: inner + "  ") }
            xml += "\(inner)</signal>\n"
        }
        for property in info.properties {
            var annotations = property.annotations
            if property.emitsChangedSignal != .true {
                annotations.insert(
                    DBusAnnotation("org.freedesktop.DBus.Property.EmitsChangedSignal", property.emitsChangedSignal.rawValue),
                    at: 0)
            }
            if documented, let text = property.documentation {
                xml += DocumentationComment.member(property.name, text, arguments: [], indent: inner)
            }
            let opening = "\(inner)<property name=\"\(escape(property.name))\" type=\"\(escape(property.type.signature))\" access=\"\(property.access.rawValue)\""
            if annotations.isEmpty {
                xml += opening + "/>\n"
                continue
            }
            xml += opening + ">\n"
            for annotation in annotations { xml += annotationElement(annotation, indent: inner + "  ") }
            xml += "\(inner)</property>\n"
        }
        xml += "\(indent)</interface>\n"
        return xml
    }

    private static func argumentElement(_ argument: DBusArgument, direction: String?, indent: String) -> String {
        var opening = "\(indent)<arg"
        if !argument.name.isEmpty { opening += " name=\"\(escape(argument.name))\"" }
        opening += " type=\"\(escape(argument.type.signature))\""
        if let direction { opening += " direction=\"\(direction)\"" }
        if argument.annotations.isEmpty { return opening + "/>\n" }
        var xml = opening + ">\n"
        for annotation in argument.annotations { xml += annotationElement(annotation, indent: indent + "  ") }
        return xml + "\(indent)</arg>\n"
    }

    private static func annotationElement(_ annotation: DBusAnnotation, indent: String) -> String {
        "\(indent)<annotation name=\"\(escape(annotation.name))\" value=\"\(escape(annotation.value))\"/>\n"
    }

    /// Escapes text for an XML attribute value.
    static func escape(_ text: String) -> String {
        guard text.contains(where: { "&<>\"'".contains($0) }) else { return text }
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// The `<interface name="…">…</interface>` elements found in an introspection document,
    /// by interface name, each exactly as written (with its indentation) — for comparing a
    /// live `Introspect` reply with `interfaces/*.xml` files.
    public static func interfaceElements(in document: String) -> [String: String] {
        var result: [String: String] = [:]
        let lines = document.split(separator: "\n", omittingEmptySubsequences: false)
        var current: (name: String, lines: [Substring])?
        var inComment = false
        for line in lines {
            let trimmed = line.drop { $0 == " " }
            // Documentation comments are not part of the interface's shape.
            if inComment || trimmed.hasPrefix("<!--") {
                inComment = !trimmed.hasSuffix("-->")
                continue
            }
            if current == nil, trimmed.hasPrefix("<interface name=\"") {
                let afterName = trimmed.dropFirst("<interface name=\"".count)
                let name = String(afterName.prefix { $0 != "\"" })
                current = (name, [line])
                if trimmed.hasSuffix("/>") {
                    result[name] = line + "\n"
                    current = nil
                }
                continue
            }
            if var open = current {
                open.lines.append(line)
                current = open
                if trimmed.hasPrefix("</interface>") {
                    result[open.name] = open.lines.joined(separator: "\n") + "\n"
                    current = nil
                }
            }
        }
        return result
    }

    /// The child node names listed in an introspection document.
    public static func childNodes(in document: String) -> [String] {
        var names: [String] = []
        for line in document.split(separator: "\n") {
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix("<node name=\"") else { continue }
            names.append(String(trimmed.dropFirst("<node name=\"".count).prefix { $0 != "\"" }))
        }
        return names
    }
}
