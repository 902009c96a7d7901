/// The catalog's per-property rules, applied to the `<variable>` values of an action or a
/// condition expression.
extension SequenceValidator {
    /// Checks each value against the property it carries: type, AllowedLen, ValueRange,
    /// ValueMap, documented values, variable-name and value-length rules. Unknown properties are
    /// warnings (notes when `relaxed`).
    ///
    /// - Parameters:
    ///   - matches: what each of `settings` resolved to in `resolvedClass` (the caller resolves
    ///     each variable once for this check and the required settings).
    ///   - relaxed: the step is MDT's; every issue is at most a note.
    ///   - valueMapRule: the rule a ValueMap violation is reported as (operator vocabularies are
    ///     ``ValidationRule/operatorVocabulary``).
    mutating func checkSettings(
        _ settings: [Variable],
        matches: [ResolvedClass.Match?],
        in resolvedClass: ResolvedClass?,
        ofClass className: String,
        at location: ValidationLocation,
        relaxed: Bool,
        valueMapRule: (PropertyDefinition) -> ValidationRule = { _ in .valueMap }
    ) {
        for (offset, variable) in settings.enumerated() {
            let label = variable.attributes["property"] ?? variable.name
            guard let resolvedClass, offset < matches.count, let match = matches[offset] else {
                report(relaxed ? .note : .warning, .unknownProperty, location, property: label,
                       "not a property of \(className)")
                continue
            }
            guard resolvedClass.isWrittenAsVariable[match.position] else {
                report(relaxed ? .note : .warning, .unknownProperty, location, property: label,
                       "is written as XML structure, not as a <variable>")
                continue
            }
            if match.isElementCount(in: resolvedClass) {
                let ceiling = Self.ceiling(for: resolvedClass.properties[match.position], relaxed: relaxed)
                if !variable.value.isEmpty, UInt32(variable.value) == nil {
                    report(min(.error, ceiling), .valueType, location, property: label, "'\(variable.value)' is not an element count (uint32)")
                }
                continue
            }
            // The rules are the member's for a flattened array element, else the property's.
            if let member = match.member {
                checkValue(variable.value, of: member, label: label, at: location, ceiling: Self.ceiling(for: member, relaxed: relaxed), valueMapRule: valueMapRule(member))
            } else {
                let property = resolvedClass.properties[match.position]
                checkValue(variable.value, of: property, label: label, at: location, ceiling: Self.ceiling(for: property, relaxed: relaxed), valueMapRule: valueMapRule(property))
            }
        }
    }

    /// The highest severity a value of `property` is reported at: rules the SDK does not state
    /// are never errors, and nothing on MDT's steps is more than a note.
    private static func ceiling(for property: PropertyDefinition, relaxed: Bool) -> ValidationIssue.Severity {
        relaxed ? .note : (property.provenance == .sdk ? .error : .warning)
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
        if let bounds = property.allowedLength, !value.characterCount(isWithin: bounds) {
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
        if property.holdsVariableValue, value.hasMoreCharacters(than: VariableNameRules.maximumValueLength),
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
    /// `matches` runs beside `settings`, as for ``checkSettings(_:matches:in:ofClass:at:relaxed:valueMapRule:)``.
    mutating func checkRequiredSettings(
        _ settings: [Variable],
        matches: [ResolvedClass.Match?],
        in resolvedClass: ResolvedClass?,
        ofClass className: String,
        at location: ValidationLocation
    ) {
        guard let resolvedClass, !resolvedClass.requirementPositions.isEmpty else { return }
        // By property position: the first value written, and whether an array got elements.
        var values = [String?](repeating: nil, count: resolvedClass.properties.count)
        var arraysWithElements = [Bool](repeating: false, count: resolvedClass.properties.count)
        for (offset, variable) in settings.enumerated() where offset < matches.count {
            guard let match = matches[offset] else { continue }
            if match.element != nil {
                arraysWithElements[match.position] = true
            } else if values[match.position] == nil {
                values[match.position] = variable.value
            }
        }
        func isPresent(_ position: Int?) -> Bool {
            guard let position else { return false }
            return values[position] != nil || arraysWithElements[position]
        }
        func hasValue(_ position: Int?) -> Bool {
            guard let position else { return false }
            return !(values[position] ?? "").isEmpty || arraysWithElements[position]
        }

        var reportedPairs: Set<[String]> = []
        for position in resolvedClass.requirementPositions {
            let property = resolvedClass.properties[position]
            let severity: ValidationIssue.Severity = property.provenance == .sdk ? .error : .warning
            if property.requirement != .optional, !isPresent(position) {
                let qualifier = property.requirement == .notNull ? "Not_Null" : "Not_Null:ToInstance"
                report(severity, .notNull, location, property: property.name, "missing; required (\(qualifier))")
            }
            if let other = property.requiredIfNull, !isPresent(position), !isPresent(resolvedClass.position(ofProperty: other)) {
                // Either-or pairs (ImagePackageID / InstallPackageID) are reported once.
                let pair = [property.name.lowercased(), other.lowercased()].sorted()
                if reportedPairs.insert(pair).inserted {
                    report(severity, .requiredIfNull, location, property: property.name,
                           "missing; required when \(other) is not set (RequiredIfNull)")
                }
            }
            if let other = property.requiredIfNotNull, hasValue(resolvedClass.position(ofProperty: other)), !isPresent(position) {
                report(severity, .requiredIfNotNull, location, property: property.name,
                       "missing; required when \(other) is set (RequiredIfNotNull)")
            }
        }
    }
}
