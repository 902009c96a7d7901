extension Condition {
    /// The condition as one line a person can read, the way the D-Bus `Condition.Text` property
    /// shows it:
    ///
    /// `_SMSTSInWinPE equals "false" AND (OSDOSVersion equals "WIN10x64" OR NOT(PHASE exists))`
    ///
    /// Top-level operands are joined with AND; operators nested among other operands are
    /// parenthesised; `not` reads as `NOT(…)` over its operands joined with OR ("none of these").
    /// Expression operators appear as written (`Equals`, `notequals` stay so).
    public var text: String {
        let parts = operands.compactMap { $0.text(nested: operands.lazy.filter(\.isOperand).count > 1) }
        return parts.isEmpty ? "TRUE" : parts.joined(separator: " AND ")
    }
}

extension ConditionOperand {
    /// The operand as text; `nil` for foreign markup.
    public var text: String? { text(nested: false) }

    func text(nested: Bool) -> String? {
        switch self {
        case .expression(let expression): expression.text
        case .operator(let op): op.text(nested: nested)
        case .foreign: nil
        }
    }
}

extension ConditionOperator {
    /// The operator and its operands as text (see ``Condition/text``).
    public var text: String { text(nested: false) }

    func text(nested: Bool) -> String {
        let children = operands.filter(\.isOperand)
        let parts = children.compactMap { $0.text(nested: children.count > 1) }
        switch kind {
        case .osConditionGroup:
            return "OS(" + parts.joined(separator: " OR ") + ")"
        case .osExpressionGroup:
            if let name = attributes["name"], !name.isEmpty { return quoted(name) }
        case .operator:
            break
        }
        switch operatorType.lowercased() {
        case OperatorType.and, OperatorType.or:
            let keyword = operatorType.uppercased()
            guard parts.count > 1 else { return parts.first ?? "\(keyword)()" }
            let joined = parts.joined(separator: " \(keyword) ")
            return nested ? "(\(joined))" : joined
        case OperatorType.not:
            return "NOT(" + parts.joined(separator: " OR ") + ")"
        default:
            return (operatorType.isEmpty ? "?" : operatorType) + "(" + parts.joined(separator: ", ") + ")"
        }
    }
}

extension ConditionExpression {
    /// The expression as text: `OSDOSVersion equals "WIN10x64"`, `File "C:\x.exe" exists`,
    /// `Registry "HKEY_LOCAL_MACHINE\SOFTWARE\X" "Version" greaterEqual "2"`,
    /// `WMI root\cimv2 "SELECT * FROM Win32_Battery"` …
    public var text: String {
        func value(_ property: String) -> String? {
            self[property].flatMap { $0.isEmpty ? nil : $0 }
        }
        switch className.lowercased() {
        case ConditionClass.variable.lowercased():
            let op = self["Operator"] ?? "?"
            let name = self["Variable"] ?? "?"
            let lowered = op.lowercased()
            if lowered == ExpressionOperator.exists.lowercased() || lowered == ExpressionOperator.notExists.lowercased() {
                return "\(name) \(op)"
            }
            return "\(name) \(op) \(quoted(self["Value"] ?? ""))"
        case ConditionClass.file.lowercased(), ConditionClass.folder.lowercased():
            let noun = className.lowercased() == ConditionClass.file.lowercased() ? "File" : "Folder"
            var tests: [String] = []
            if let version = value("Version"), let op = value("VersionOperator") { tests.append("version \(op) \(quoted(version))") }
            if let date = value("DateTime"), let op = value("DateTimeOperator") { tests.append("date \(op) \(quoted(date))") }
            let path = "\(noun) \(quoted(self["Path"] ?? ""))"
            return tests.isEmpty ? "\(path) exists" : "\(path) " + tests.joined(separator: " and ")
        case ConditionClass.registry.lowercased():
            var text = "Registry \(quoted(self["KeyPath"] ?? ""))"
            if let name = value("Value") { text += " \(quoted(name))" }
            let op = self["Operator"] ?? "?"
            let lowered = op.lowercased()
            if lowered == ExpressionOperator.exists.lowercased() || lowered == ExpressionOperator.nonExists.lowercased()
                || lowered == ExpressionOperator.notExists.lowercased() {
                text += " \(op)"
                if let type = value("Type") { text += " (\(type))" }
            } else {
                text += " \(op) \(quoted(self["Data"] ?? ""))"
            }
            return text
        case ConditionClass.software.lowercased():
            var text = "Software"
            if let name = value("ProductName") { text += " \(quoted(name))" }
            let op = (self["Operator"] ?? "").lowercased()
            if op == ExpressionOperator.anyVersion.lowercased() {
                text += " \(value("UpgradeCode") ?? self["ProductCode"] ?? "?") installed (any version)"
            } else if op == ExpressionOperator.thisVersion.lowercased() {
                text += " \(self["ProductCode"] ?? "?") installed (this version)"
            } else {
                text += " \(self["ProductCode"] ?? "?") \(self["Operator"] ?? "?")"
            }
            return text
        case ConditionClass.wmi.lowercased():
            return "WMI \(self["Namespace"] ?? "root\\cimv2") \(quoted(self["Query"] ?? ""))"
        default:
            let shortName = className.hasPrefix("SMS_TaskSequence_") ? String(className.dropFirst("SMS_TaskSequence_".count)) : className
            let arguments = properties.map { "\($0.name)=\(quoted($0.value))" }.joined(separator: ", ")
            return "\(shortName.isEmpty ? "Expression" : shortName)(\(arguments))"
        }
    }
}

/// `value` in double quotes, with inner double quotes escaped.
private func quoted(_ value: String) -> String {
    "\"" + value.replacingAll("\"", with: "\\\"") + "\""
}

extension String {
    /// Every occurrence of `target` replaced, without Foundation.
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
