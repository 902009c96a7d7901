/// Renders a ``SequenceDocumentation`` as one self-contained HTML file: inline CSS, groups as
/// collapsible `<details>` (open), a print style that shows everything, every text escaped.
public enum HTMLDocumentation {
    public static func render(_ documentation: SequenceDocumentation) -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(documentation.title))</title>
            <style>\(style)</style>
            </head>
            <body>
            <header>
            <h1>\(escape(documentation.title))</h1>
            <p class="revision">\(escape(documentation.revision))</p>

            """
        let properties = documentation.properties.filter { !$0.value.isEmpty }
        if !properties.isEmpty {
            out += "<table class=\"properties\">\n"
            for property in properties {
                out += "<tr><th>\(escape(property.label))</th><td>\(escape(property.value))</td></tr>\n"
            }
            out += "</table>\n"
        }
        if !documentation.references.isEmpty {
            out += "<p class=\"references\"><strong>References:</strong> \(documentation.references.map(escape).joined(separator: ", "))</p>\n"
        }
        out += "</header>\n<main>\n<h2>Steps</h2>\n"
        if documentation.steps.isEmpty {
            out += "<p class=\"empty\">The sequence has no steps.</p>\n"
        } else {
            out += "<ol class=\"steps\">\n"
            for step in documentation.steps { render(step, into: &out) }
            out += "</ol>\n"
        }
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    private static func render(_ step: DocumentedStep, into out: inout String) {
        var classes = [step.isGroup ? "group" : "step"]
        if !step.isEnabled { classes.append("disabled") }
        out += "<li class=\"\(classes.joined(separator: " "))\">"
        let head = heading(step)
        if step.isGroup {
            out += "<details open><summary>\(head)</summary>\n"
            details(step, into: &out)
            if step.children.isEmpty {
                out += "<p class=\"empty\">(empty group)</p>\n"
            } else {
                out += "<ol>\n"
                for child in step.children { render(child, into: &out) }
                out += "</ol>\n"
            }
            out += "</details>"
        } else {
            out += "<div class=\"head\">\(head)</div>\n"
            details(step, into: &out)
        }
        out += "</li>\n"
    }

    private static func heading(_ step: DocumentedStep) -> String {
        var head = "<span class=\"name\">\(escape(step.name))</span> <span class=\"class\">\(escape(step.classWords))</span>"
        if let id = step.stepID { head += " <span class=\"id\">step \(id)</span>" }
        if !step.isEnabled { head += " <span class=\"flag off\">disabled</span>" }
        if step.continueOnError { head += " <span class=\"flag\">continue on error</span>" }
        return head
    }

    private static func details(_ step: DocumentedStep, into out: inout String) {
        var rows: [(String, String)] = []
        if !step.description.isEmpty { rows.append(("Description", escape(step.description))) }
        if let condition = step.condition { rows.append(("Condition", "<code>\(escape(condition))</code>")) }
        for setting in step.settings {
            let value = setting.value == DocumentedStep.hiddenValue
                ? "<em class=\"secret\">\(escape(setting.value))</em>" : "<code>\(escape(setting.value))</code>"
            rows.append((escape(setting.name), value))
        }
        if !step.references.isEmpty { rows.append(("References", step.references.map(escape).joined(separator: ", "))) }
        guard !rows.isEmpty else { return }
        out += "<dl>"
        for (label, value) in rows { out += "<dt>\(label)</dt><dd>\(value)</dd>" }
        out += "</dl>\n"
    }

    /// Text safe in element content and in quoted attributes.
    static func escape(_ text: String) -> String {
        MarkupText.escaped(text)
    }

    private static let style = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;max-width:70em;padding:0 1em;color:#1b1b1b}
        h1{margin-bottom:.2em}.revision{color:#555;margin-top:0}
        table.properties{border-collapse:collapse;margin:1em 0}
        table.properties th,table.properties td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
        table.properties th{background:#f3f3f3;font-weight:600}
        ol{list-style:decimal;padding-left:1.6em}ol.steps{padding-left:1.2em}
        li{margin:.35em 0}li.group>details>summary{cursor:pointer;font-weight:600}
        details>ol{border-left:2px solid #d0d7de;margin-left:.2em}
        .name{font-weight:600}.class{color:#0b5394;font-size:.9em;margin-left:.4em}
        .id{color:#777;font-size:.85em;margin-left:.4em}
        .flag{display:inline-block;font-size:.8em;padding:0 .4em;margin-left:.4em;border-radius:3px;background:#fff3cd;color:#664d03}
        .flag.off{background:#eee;color:#555}li.disabled>.head .name,li.disabled>details>summary .name{text-decoration:line-through;color:#777}
        dl{display:grid;grid-template-columns:max-content 1fr;gap:.1em .8em;margin:.3em 0 .3em 1em;font-size:.92em}
        dt{color:#555}dd{margin:0;overflow-wrap:anywhere}code{background:#f6f8fa;padding:0 .25em;border-radius:3px}
        .secret{color:#a00}.empty{color:#777;font-style:italic}
        @media print{body{margin:0;max-width:none;font-size:11px}li{break-inside:avoid}summary{list-style:none}
        summary::-webkit-details-marker{display:none}.flag{border:1px solid #999;background:none}code{background:none}}
        """
}
