import DBusKit

extension LintFinding {
    /// A finding from Validate's `aa{sv}` (Code, Rule, Severity, Message; StepID, Name and Path
    /// when it is about a step). A code this SDK does not know reads as
    /// `LintCode.unknown(code:rule:)` with the provider's severity.
    init(reported value: DBusValue) throws {
        var fields: [String: PropertyValue] = [:]
        if case .dictionary(let entries) = PropertyValue(value) { fields = entries }
        let severityText = fields["Severity"]?.text ?? ""
        guard let severity = LintSeverity(rawValue: severityText) else {
            throw Self.unexpected("a finding of severity '\(severityText)'; known: error, warning, info")
        }
        var step: LintStepLocation?
        if let name = fields["Name"]?.text, let pathText = fields["Path"]?.text {
            guard let path = StepPath(parsing: pathText) else { throw Self.unexpected("a finding at '\(pathText)', which is not a step path") }
            step = LintStepLocation(path: path, name: name, stepID: fields["StepID"]?.intValue)
        }
        self.init(
            code: LintCode(code: fields["Code"]?.text ?? "", rule: fields["Rule"]?.text ?? ""), severity: severity, step: step,
            message: fields["Message"]?.text ?? "")
    }

    private static func unexpected(_ what: String) -> ProviderError {
        .other(name: "org.freedesktop.DBus.Error.Failed", message: "Validate returned \(what)")
    }
}

extension PackageHandle {
    /// Lints the package's sequence (`Validate`; needs Read): findings in document order, each
    /// with its stable code, severity, step and message. See docs/lint.md.
    public func validate() throws -> [LintFinding] {
        let reply = try client.call(path, ProviderInterface.package, "Validate", timeout: client.options.transferTimeout)
        guard case .array(_, let items)? = reply.first?.unwrappingVariant else { return [] }
        return try items.map(LintFinding.init(reported:))
    }
}
