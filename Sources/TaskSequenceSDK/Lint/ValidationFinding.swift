import DBusKit
internal import TaskSequenceModel

/// One thing `Validate` (lint) found in a package's sequence, as the provider reports it and
/// `tsctl lint --json` prints it.
///
/// JSON: `Code` (`TS101`), `Rule` (`dangling-package-reference`), `Severity` (`error`,
/// `warning`, `info`), `StepID` (null when not about a stored step), `Name` (the step's name,
/// null for the sequence as a whole), `Path` (`group[1]/step[2]`, null likewise), `Message`.
/// docs/lint.md lists every code.
public struct ValidationFinding: Sendable, Hashable, Codable {
    public var code: String
    public var rule: String
    public var severity: String
    public var stepID: Int64?
    public var name: String?
    public var path: String?
    public var message: String

    enum CodingKeys: String, CodingKey {
        case code = "Code", rule = "Rule", severity = "Severity", stepID = "StepID", name = "Name", path = "Path", message = "Message"
    }

    public init(code: String, rule: String, severity: String, stepID: Int64?, name: String?, path: String?, message: String) {
        self.code = code
        self.rule = rule
        self.severity = severity
        self.stepID = stepID
        self.name = name
        self.path = path
        self.message = message
    }

    /// A finding from Validate's `aa{sv}`.
    init(_ value: DBusValue) {
        var fields: [String: PropertyValue] = [:]
        if case .dictionary(let entries) = PropertyValue(value) { fields = entries }
        self.init(
            code: fields["Code"]?.text ?? "", rule: fields["Rule"]?.text ?? "", severity: fields["Severity"]?.text ?? "",
            stepID: fields["StepID"]?.intValue, name: fields["Name"]?.text, path: fields["Path"]?.text, message: fields["Message"]?.text ?? "")
    }

    /// Whether this finding makes `tsctl lint` exit 1.
    public var isError: Bool { severity == LintSeverity.error.rawValue }

    /// `error TS201 clear-text-secret-in-command group[1]/step[2] "Map share" (step 12): …`.
    public var line: String {
        var place = ""
        if let path, let name { place = " \(path) \"\(name)\"" }
        if let stepID { place += " (step \(stepID))" }
        return "\(severity) \(code) \(rule)\(place): \(message)"
    }

    /// The encoding for `Encodable`: every key present, nulls included, so that `--json` is a
    /// stable shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(rule, forKey: .rule)
        try container.encode(severity, forKey: .severity)
        try container.encode(stepID, forKey: .stepID)
        try container.encode(name, forKey: .name)
        try container.encode(path, forKey: .path)
        try container.encode(message, forKey: .message)
    }
}

extension PackageHandle {
    /// Lints the package's sequence (`Validate`; needs Read): findings in document order, each
    /// with its stable code, severity, step and message. See docs/lint.md.
    public func validate() throws -> [ValidationFinding] {
        let reply = try client.call(path, ProviderInterface.package, "Validate", timeout: client.options.transferTimeout)
        guard case .array(_, let items)? = reply.first?.unwrappingVariant else { return [] }
        return items.map(ValidationFinding.init)
    }
}
