/// Why a template cannot make a sequence from the parameters given. Each case names the
/// parameter at fault and says what was expected; secret values are never repeated.
public enum TemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No template of that name.
    case unknownTemplate(String, known: [String])
    /// The template has no such parameter.
    case unknownParameter(template: String, name: String, known: [String])
    /// A required parameter is missing; `reason` says what it is for.
    case missingParameter(name: String, reason: String)
    /// A value of the wrong form; `value` is `nil` for secrets.
    case invalidValue(name: String, value: String?, expected: String)
    /// Two parameters that cannot be given together.
    case conflictingParameters(name: String, other: String, reason: String)
    /// A parameter that only means something with another one.
    case dependentParameter(name: String, requires: String, reason: String)
    /// The action catalog refused a step the template builds (a defect of the template data).
    case catalog(CatalogError)

    /// The parameter the error is about (`template` for an unknown template).
    public var parameter: String {
        switch self {
        case .unknownTemplate: "template"
        case .unknownParameter(_, let name, _), .missingParameter(let name, _), .invalidValue(let name, _, _),
             .conflictingParameters(let name, _, _), .dependentParameter(let name, _, _): name
        case .catalog: "template"
        }
    }

    public var description: String {
        switch self {
        case .unknownTemplate(let name, let known):
            "no template '\(name)'; known: \(known.joined(separator: ", "))"
        case .unknownParameter(let template, let name, let known):
            "template \(template) has no parameter '\(name)'; it takes \(known.joined(separator: ", "))"
        case .missingParameter(let name, let reason):
            "\(name) is required: \(reason)"
        case .invalidValue(let name, let value, let expected):
            if let value { "\(name) '\(value)' is not valid: expected \(expected)" } else { "\(name) is not valid: expected \(expected)" }
        case .conflictingParameters(let name, let other, let reason):
            "\(name) and \(other) cannot both be given: \(reason)"
        case .dependentParameter(let name, let requires, let reason):
            "\(name) needs \(requires): \(reason)"
        case .catalog(let error):
            "the template builds a step the catalog refuses: \(error)"
        }
    }
}
