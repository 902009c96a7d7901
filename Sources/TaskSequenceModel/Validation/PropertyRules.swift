/// The catalog's per-property rules, applied to the `<variable>` values of an action or a
/// condition expression.
extension SequenceValidator {
    /// Checks each value against the property it carries: type, AllowedLen, ValueRange,
    /// ValueMap, documented values, variable-name and value-length rules. Unknown properties are
    /// warnings (notes when `relaxed`).
    ///
    /// - Parameters:
    ///   - relaxed: the step is MDT's; every issue is at most a note.
    ///   - valueMapRule: the rule a ValueMap violation is reported as (operator vocabularies are
    ///     ``ValidationRule/operatorVocabulary``).
    mutating func checkSettings(
        _ settings: [Variable],
        ofClass className: String,
        at location: ValidationLocation,
        relaxed: Bool,
        valueMapRule: (PropertyDefinition) -> ValidationRule = { _ in .valueMap }
    ) {
        for variable in settings {
            let label = variable.attributes["property"] ?? variable.name
            guard let resolved = catalog.resolve(variable, inClass: className) else {
                report(relaxed ? .note : .warning, .unknownProperty, location, property: label,
                       "not a property of \(className)")
                continue
            }
            guard case .variable = resolved.property.storage else {
                report(relaxed ? .note : .warning, .unknownProperty, location, property: label,
                       "is written as XML structure, not as a <variable>")
                continue
            }
            let property = resolved.effectiveProperty
            // Rules the SDK does not state are never errors.
            let ceiling: ValidationIssue.Severity = relaxed ? .note : (property.provenance == .sdk ? .error : .warning)
            if resolved.isElementCount {
                if !variable.value.isEmpty, UInt32(variable.value) == nil {
                    report(min(.error, ceiling), .valueType, location, property: label, "'\(variable.value)' is not an element count (uint32)")
                }
                continue
            }
            checkValue(variable.value, of: property, label: label, at: location, ceiling: ceiling, valueMapRule: valueMapRule(property))
        }
    }

    /// One value against one property's rules. Empty values are unset values (ConfigMgr writes
    /// unset strings as empty elements) and pass every rule here.
    private mutating func checkValue(
        _ value: String,
        of property: PropertyDefinition,
        label: String,
        at location: ValidationLocation,
        ceiling: ValidationIssue.Severity,
        valueMapRule: ValidationRule
    ) {
        guard !value.isEmpty else { return }
        func report(_ severity: ValidationIssue.Severity, _ rule: ValidationRule, _ detail: String) {
            self.report(min(severity, ceiling), rule, location, property: label, detail)
        }
        // `%Var%` is expanded by the engine at run time; its value cannot be checked now.
        let refersToVariable = value.containsPercentSign

        // Type, AllowedLen, ValueRange and ValueMap stay errors on import (but for the known
        // spelling variants below): no real file breaks them, and the engine reads these values.
        if !property.type.accepts(value), !refersToVariable {
            report(.error, .valueType, "'\(value)' is not a \(property.type.base == .boolean ? "boolean (true or false)" : property.type.description)")
            return
        }
        if let bounds = property.allowedLength, !bounds.contains(value.count) {
            let relation = value.count > bounds.upperBound ? "exceeds" : "is below"
            report(.error, .allowedLength, "length \(value.count) \(relation) AllowedLen \(bounds.lowerBound)-\(bounds.upperBound)")
        }
        if let bounds = property.valueRange, let number = Int64(value), !bounds.contains(number) {
            report(.error, .valueRange, "\(number) is outside ValueRange \(bounds.lowerBound)-\(bounds.upperBound)")
        }
        if let allowed = property.valueMap, !allowed.contains(where: { $0.equalsIgnoringCase(value) }),
           let documented = SpellingVariants.documentedSpelling(of: value), allowed.contains(where: { $0.equalsIgnoringCase(documented) }) {
            // Warning on import: current-branch ConfigMgr exports write a registry condition's
            // operator `notExists` where the SDK's ValueMap spells it `nonExists` (EDGE-CASES,
            // issue 12). Kept as written; the evaluator reads both.
            let detail = strength == .imported
                ? "'\(value)' is a spelling of '\(documented)' that ConfigMgr exports write (kept as written)"
                : "'\(value)' is not in ValueMap {\(allowed.joined(separator: ", "))}; write '\(documented)'"
            self.report(min(keptOnImport(.error), ceiling), valueMapRule, location, property: label, detail)
        } else if let allowed = property.valueMap, !allowed.contains(where: { $0.equalsIgnoringCase(value) }) {
            let list = allowed.map { $0.isEmpty ? "\"\"" : $0 }.joined(separator: ", ")
            report(.error, valueMapRule, "'\(value)' is not in ValueMap {\(list)}")
        }
        if let documented = property.documentedValues, !refersToVariable,
           !documented.contains(where: { $0.equalsIgnoringCase(value) }) {
            report(.warning, .documentedValue, "'\(value)' is not one of the documented values \(documented.joined(separator: ", "))")
        }
        if property.holdsVariableName, !refersToVariable {
            checkVariableName(value, property: label, forWriting: true, at: location, maximumSeverity: ceiling)
        }
        if property.holdsVariableValue, value.count > VariableNameRules.maximumValueLength,
           property.allowedLength.map({ $0.contains(value.count) }) ?? true {
            // Within AllowedLen (0-4001) but over the engine's documented 4,000.
            report(.warning, .variableValueLength,
                   "length \(value.count) exceeds the \(VariableNameRules.maximumValueLength)-character limit for variable values")
        }
        if property.isSuccessCodes {
            let codes = value.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if let bad = codes.first(where: { Int64($0) == nil }) {
                report(.warning, .successCodes, "'\(bad)' is not an exit code; SuccessCodes is a space-separated list of integers")
            }
        }
    }

    /// Checks that required properties are there: Not_Null ones unless they have a default,
    /// RequiredIfNull and RequiredIfNotNull against their partner.
    ///
    /// ConfigMgr writes unset strings as empty elements, and whether the provider reads an
    /// empty value as null is not documented. These rules lean towards accepting, because real
    /// exports rely on it (an Upgrade Operating System step with an empty InstallPath and no
    /// InstallPackageID): an empty value satisfies a requirement, and excuses its partner under
    /// RequiredIfNull, but does not impose one under RequiredIfNotNull.
    mutating func checkRequiredSettings(_ settings: [Variable], ofClass className: String, at location: ValidationLocation) {
        var values: [String: String] = [:]
        var arraysWithElements: Set<String> = []
        for variable in settings {
            guard let resolved = catalog.resolve(variable, inClass: className) else { continue }
            let key = resolved.property.name.lowercased()
            if resolved.element != nil {
                arraysWithElements.insert(key)
            } else if values[key] == nil {
                values[key] = variable.value
            }
        }
        func isPresent(_ name: String) -> Bool {
            values[name.lowercased()] != nil || arraysWithElements.contains(name.lowercased())
        }
        func hasValue(_ name: String) -> Bool {
            !(values[name.lowercased()] ?? "").isEmpty || arraysWithElements.contains(name.lowercased())
        }

        var reportedPairs: Set<[String]> = []
        for property in catalog.properties(of: className) {
            guard case .variable = property.storage, property.defaultValue == nil else { continue }
            let severity: ValidationIssue.Severity = property.provenance == .sdk ? .error : .warning
            if property.requirement != .optional, !isPresent(property.name) {
                let qualifier = property.requirement == .notNull ? "Not_Null" : "Not_Null:ToInstance"
                report(severity, .notNull, location, property: property.name, "missing; required (\(qualifier))")
            }
            if let other = property.requiredIfNull, !isPresent(property.name), !isPresent(other) {
                // Either-or pairs (ImagePackageID / InstallPackageID) are reported once.
                let pair = [property.name.lowercased(), other.lowercased()].sorted()
                if reportedPairs.insert(pair).inserted {
                    report(severity, .requiredIfNull, location, property: property.name,
                           "missing; required when \(other) is not set (RequiredIfNull)")
                }
            }
            if let other = property.requiredIfNotNull, hasValue(other), !isPresent(property.name) {
                report(severity, .requiredIfNotNull, location, property: property.name,
                       "missing; required when \(other) is set (RequiredIfNotNull)")
            }
        }
    }
}
