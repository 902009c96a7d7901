import TaskSequenceModel

extension StepProperty {
    /// The property `name` names (case-insensitive, as WMI names are).
    init?(caseInsensitive name: String) {
        self.init(named: name)
    }

    /// Writes `value` (text, as the bus layer passes it) into the step's attributes.
    func apply(_ value: String, to step: inout Step) throws {
        switch self {
        case .name: step.name = value
        case .description: step.description = value
        case .enabled: step.isEnabled = try Self.flag(value, rawValue)
        case .continueOnError: step.continueOnError = try Self.flag(value, rawValue)
        case .supportedEnvironment:
            guard !step.isGroup else { throw ProviderError.readOnly(property: "\(rawValue) (groups have none)") }
            step.supportedEnvironment = value
        case .timeout:
            guard !step.isGroup else { throw ProviderError.readOnly(property: "\(rawValue) (groups have none)") }
            guard let seconds = UInt32(value) else {
                throw ProviderError.validationFailed(property: rawValue, rule: "must be a number of seconds, got '\(value)'")
            }
            step.timeout = seconds == 0 ? nil : seconds
        }
    }

    private static func flag(_ value: String, _ property: String) throws -> Bool {
        switch value.lowercased() {
        case "true": return true
        case "false": return false
        default: throw ProviderError.validationFailed(property: property, rule: "must be true or false, got '\(value)'")
        }
    }
}

extension ProviderError {
    init(_ error: CatalogError) {
        switch error {
        case .unknownClass, .notAnAction: self = .invalidArgument(name: "class_name", problem: error.description)
        case .unknownSetting(let className, let property):
            // The class named, and the setting a typo most likely meant.
            let suggestion = NameSuggestion.clause(for: property, among: ActionCatalog.builtIn.settingNames(of: className) + StepProperty.allCases.map(\.rawValue))
            self = .unknownProperty(named: "\(property) on \(className)\(suggestion)")
        }
    }
}
