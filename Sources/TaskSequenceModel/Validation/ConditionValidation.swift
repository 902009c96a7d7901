/// Condition rules: operator types per operator class, expression classes, their operator
/// vocabularies and required properties.
extension SequenceValidator {
    mutating func validateCondition(_ condition: Condition, location: ValidationLocation) {
        if !condition.operands.contains(where: \.isOperand) {
            // MDT writes empty <condition/> elements all the time.
            report(.note, .operands, location, property: "Operands", "the condition has no operands; it is always true")
        }
        validateOperands(condition.operands, under: location, parentKind: nil)
    }

    private mutating func validateOperands(
        _ operands: [ConditionOperand],
        under location: ValidationLocation,
        parentKind: ConditionOperatorKind?
    ) {
        let parentPath = location.operand ?? OperandPath()
        var index = 0
        for operand in operands {
            var here = location
            switch operand {
            case .foreign:
                continue
            case .expression(let expression):
                here.operand = parentPath.appending("expression", at: index)
                if parentKind == .osConditionGroup {
                    report(.warning, .operands, here, property: "Operands", "an OS condition group holds OS expression groups, not expressions")
                }
                if parentKind == .osExpressionGroup, !expression.className.equalsIgnoringCase(ConditionClass.wmi) {
                    report(.warning, .operands, here, property: "Operands", "an OS expression group holds WMI expressions, not \(expression.className)")
                }
                validateExpression(expression, at: here)
            case .operator(let op):
                here.operand = parentPath.appending(op.kind.rawValue, at: index)
                if parentKind == .osConditionGroup, op.kind != .osExpressionGroup {
                    report(.warning, .operands, here, property: "Operands", "an OS condition group holds OS expression groups only")
                }
                validateOperator(op, at: here)
            }
            index += 1
        }
    }

    private mutating func validateOperator(_ op: ConditionOperator, at location: ValidationLocation) {
        let allowed = catalog.property("OperatorType", of: op.className)?.valueMap ?? OperatorType.allValues
        if let type = op.attributes["type"] {
            if !allowed.contains(where: { $0.equalsIgnoringCase(type) }) {
                report(.error, .operatorVocabulary, location, property: "OperatorType",
                       "'\(type)' is not a \(op.className) operator type (\(allowed.joined(separator: ", ")))")
            }
        } else {
            report(.error, .notNull, location, property: "OperatorType", "missing; required (\(allowed.joined(separator: ", ")))")
        }
        if !op.operands.contains(where: \.isOperand) {
            report(.warning, .operands, location, property: "Operands",
                   "the \(op.operatorType.isEmpty ? "operator" : op.operatorType) operator has no operands")
        }
        validateOperands(op.operands, under: location, parentKind: op.kind)
    }

    private mutating func validateExpression(_ expression: ConditionExpression, at location: ValidationLocation) {
        let className = expression.className
        guard !className.isEmpty else {
            report(.warning, .unknownClass, location, property: nil, "expression without a type; it cannot be evaluated")
            return
        }
        guard let resolvedClass = catalog.resolvedClass(className) else {
            report(.warning, .unknownClass, location, property: nil, "class \(className) is not in the catalog")
            return
        }
        guard resolvedClass.kind == .conditionExpression, !resolvedClass.isAbstract else {
            report(.warning, .notAnAction, location, property: nil, "class \(resolvedClass.name) is not a concrete expression class")
            return
        }
        // The legacy OS expression has no documented properties; keep whatever it carries.
        guard !resolvedClass.properties.isEmpty else { return }
        let settings = expression.entries.compactMap { entry -> Variable? in
            if case .variable(let variable) = entry { variable } else { nil }
        }
        // Each variable is resolved once, for both checks.
        let matches = settings.map { resolvedClass.match($0, catalog: catalog) }
        checkSettings(settings, matches: matches, in: resolvedClass, ofClass: className, at: location, relaxed: false) { property in
            property.name.hasSuffix("Operator") ? .operatorVocabulary : .valueMap
        }
        checkRequiredSettings(settings, matches: matches, in: resolvedClass, ofClass: className, at: location)
        if className.equalsIgnoringCase(ConditionClass.variable), let name = expression["Variable"], !name.containsPercentSign {
            checkVariableName(name, property: "Variable", forWriting: false, at: location, maximumSeverity: .warning)
        }
    }
}

extension ConditionOperand {
    /// Whether this is an expression or an operator, not foreign markup.
    var isOperand: Bool {
        if case .foreign = self { false } else { true }
    }
}
