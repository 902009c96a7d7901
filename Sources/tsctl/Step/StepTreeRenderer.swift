import TaskSequenceSDK

/// Draws a step tree with box-drawing lines, each step with its ID, name, class, flags and
/// condition:
///
/// ```
/// PS100004  Windows 11
/// ├── [12] Diagnostics (Group)  if _SMSTSInWinPE equals "false"
/// │   └── [13] Save network configuration (Run Command Line)  [disabled, continue on error]
/// └── [2] Restart (Restart Computer)
/// ```
struct StepTreeRenderer {
    var nodes: [StepNode]

    func render(title: String) -> String {
        var lines = [title]
        draw(nodes, prefix: "", into: &lines)
        if nodes.isEmpty { lines.append("(no steps)") }
        return lines.joined(separator: "\n")
    }

    private func draw(_ nodes: [StepNode], prefix: String, into lines: inout [String]) {
        for (index, node) in nodes.enumerated() {
            let last = index == nodes.count - 1
            lines.append(prefix + (last ? "└── " : "├── ") + Self.label(node.info))
            draw(node.children, prefix: prefix + (last ? "    " : "│   "), into: &lines)
        }
    }

    /// `[ID] Name (Class)  [flags]  if condition`.
    static func label(_ info: StepInfo) -> String {
        var label = "[\(info.id)] \(info.name) (\(StepClassNames.label(info.className)))"
        let flags = info.flags
        if !flags.isEmpty { label += "  [" + flags.joined(separator: ", ") + "]" }
        if let condition = info.conditionText, !condition.isEmpty { label += "  if " + condition.split(whereSeparator: \.isNewline).joined(separator: " ") }
        return label
    }
}
