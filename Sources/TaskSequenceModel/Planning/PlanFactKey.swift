extension ConditionExpression {
    /// The `--fact` that would decide this expression: its key and an example value, with
    /// `%Variable%` references expanded by `expand`. `nil` for variable expressions, which
    /// variables decide.
    func factSuggestion(expand: (String) -> String) -> (key: String, example: String, alternative: String)? {
        func value(_ property: String) -> String { expand(self[property] ?? "") }
        func given(_ property: String) -> Bool { !(self[property] ?? "").isEmpty }
        switch className.lowercased() {
        case ConditionClass.variable.lowercased():
            return nil
        case ConditionClass.file.lowercased():
            var example = "exists"
            if given("Version"), given("VersionOperator") { example += ";version=\(value("Version"))" }
            if given("DateTime"), given("DateTimeOperator") { example += ";modified=\(value("DateTime"))" }
            return ("file:" + value("Path"), example, "missing")
        case ConditionClass.folder.lowercased():
            let example = given("DateTime") && given("DateTimeOperator") ? "exists;modified=\(value("DateTime"))" : "exists"
            return ("folder:" + value("Path"), example, "missing")
        case ConditionClass.registry.lowercased():
            let valueName = value("Value")
            guard !valueName.isEmpty else { return ("registry:" + value("KeyPath"), "exists", "missing") }
            let type = (self["Type"] ?? "").isEmpty ? "REG_SZ" : value("Type").uppercased()
            return ("registry:" + value("KeyPath") + "|" + valueName, "\(type):\(value("Data"))", "missing")
        case ConditionClass.software.lowercased():
            let anyVersion = (self["Operator"] ?? "").equalsIgnoringCase(ExpressionOperator.anyVersion)
            let upgradeCode = value("UpgradeCode")
            let key = anyVersion && !upgradeCode.isEmpty ? "software-family:" + upgradeCode : "software:" + value("ProductCode")
            return (key, "installed", "missing")
        case ConditionClass.wmi.lowercased():
            return ("wmi:" + value("Namespace") + ":" + value("Query"), "rows", "none")
        default:
            return ("expression:" + text, "true", "false")
        }
    }

    /// The texts this expression expands `%Variable%` references in.
    var expandedTexts: [String] {
        let properties = ["Value", "Path", "KeyPath", "Data", "Namespace", "Query", "ProductCode", "UpgradeCode"]
        return properties.compactMap { self[$0] }.filter { $0.contains("%") }
    }
}

extension String {
    /// Every name between two `%` signs, the way ``VariableEnvironment/expanding(_:)`` could
    /// read them (over-eager: `%a%b%` yields `a` and `b`).
    var variableReferences: [String] {
        let pieces = split(separator: "%", omittingEmptySubsequences: false)
        guard pieces.count > 2 else { return [] }
        return pieces.dropFirst().dropLast().map(String.init).filter { !$0.isEmpty }
    }
}
