import ProviderStore
import TaskSequenceModel

/// What the provider shows of one condition operand.
public struct OperandInfo: Sendable, Hashable {
    public var id: Int64
    public var stepID: Int64
    public var packageID: String
    /// The operator holding it; `nil` for the condition's own operands.
    public var parentID: Int64?
    public var kind: OperandKind
    /// The expression class, or the operator's WMI class.
    public var className: String
    /// `and`, `or`, `not` as written, for operators.
    public var operatorType: String
    /// The expression's properties in order (empty for operators).
    public var properties: [(name: String, value: String)]
    /// Operands directly inside, for operators.
    public var childIDs: [Int64]

    public var reference: ObjectReference { .operand(packageID: packageID, stepID: stepID, operandID: id) }

    public static func == (lhs: OperandInfo, rhs: OperandInfo) -> Bool {
        lhs.id == rhs.id && lhs.stepID == rhs.stepID && lhs.packageID == rhs.packageID && lhs.parentID == rhs.parentID
            && lhs.kind == rhs.kind && lhs.className == rhs.className && lhs.operatorType == rhs.operatorType
            && lhs.properties.map(\.name) == rhs.properties.map(\.name) && lhs.properties.map(\.value) == rhs.properties.map(\.value)
            && lhs.childIDs == rhs.childIDs
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(stepID)
    }
}

extension ProviderService {
    /// The step's condition: its top-level operand IDs and a readable rendering; `nil` when the
    /// step has none.
    public func condition(stepID: Int64, packageID: String, for caller: Caller) throws -> (operandIDs: [Int64], text: String)? {
        try read(caller) { db in
            try require(.read, on: .package(packageID), for: caller, in: db)
            guard let condition = try ConditionTree.load(stepRow(stepID, packageID: packageID, in: db), in: db) else { return nil }
            let ids = try ConditionTree.operandRows(stepID: stepID, parentID: nil, in: db).compactMap(\.id)
            return (ids, condition.text)
        }
    }

    /// One operand of a step's condition.
    public func operand(_ operandID: Int64, stepID: Int64, packageID: String, for caller: Caller) throws -> OperandInfo {
        try read(caller) { db in
            try require(.read, on: .package(packageID), for: caller, in: db)
            return try operandInfo(try operandRow(operandID, stepID: stepID, packageID: packageID, in: db), packageID: packageID, in: db)
        }
    }

    /// Adds an expression of `className` with `properties` inside operator `parentID` (`nil`:
    /// the condition itself, created when the step has none). Returns the new operand's ID.
    public func addExpression(
        className: String, properties: [(name: String, value: String)], stepID: Int64, packageID: String, parentID: Int64?, for caller: Caller
    ) throws -> Int64 {
        guard let definition = ActionCatalog.builtIn[className],
              ActionCatalog.builtIn.isClass(definition.name, derivedFrom: ConditionClass.expression), !definition.isAbstract else {
            throw ProviderError.invalidArgument(name: "class_name", problem: "\(className) is not a condition expression class; expected one of \(ConditionClass.expressionClasses.joined(separator: ", "))")
        }
        var expression = ConditionExpression(attributes: ["type": definition.name])
        for (name, value) in properties {
            guard let property = ActionCatalog.builtIn.property(name, of: definition.name) else {
                let known = ActionCatalog.builtIn.properties(of: definition.name).map(\.name)
                throw ProviderError.unknownProperty(named: "\(name) on \(definition.name)\(NameSuggestion.clause(for: name, among: known))")
            }
            expression[property.name] = value
        }
        return try insertOperand(.expression(expression), stepID: stepID, packageID: packageID, parentID: parentID, for: caller)
    }

    /// Adds an operator (`and`, `or`, `not`) inside operator `parentID` (`nil`: the condition
    /// itself). Returns the new operand's ID.
    public func addOperator(_ operatorType: String, stepID: Int64, packageID: String, parentID: Int64?, for caller: Caller) throws -> Int64 {
        guard ["and", "or", "not"].contains(operatorType.lowercased()) else {
            throw ProviderError.validationFailed(property: "OperatorType", rule: "'\(operatorType)' is not one of and, or, not")
        }
        return try insertOperand(.operator(ConditionOperator(operatorType, [])), stepID: stepID, packageID: packageID, parentID: parentID, for: caller)
    }

    /// Deletes an operand (and, for an operator, everything inside it).
    public func deleteOperand(_ operandID: Int64, stepID: Int64, packageID: String, for caller: Caller) throws {
        try write(caller) { db, events in
            try require(.modify, on: .package(packageID), for: caller, in: db)
            let row = try operandRow(operandID, stepID: stepID, packageID: packageID, in: db)
            try ConditionTree.delete(operandID: operandID, stepID: stepID, in: db)
            try conditionChanged(stepID: stepID, packageID: packageID, change: "delete operand \(operandID)", caller: caller, db: db, events: &events)
            events.append(ChangeRecord(kind: .deleted, className: row.className, object: .operand(packageID: packageID, stepID: stepID, operandID: operandID)))
        }
    }

    /// Removes the step's condition entirely.
    public func clearCondition(stepID: Int64, packageID: String, for caller: Caller) throws {
        try write(caller) { db, events in
            try require(.modify, on: .package(packageID), for: caller, in: db)
            _ = try stepRow(stepID, packageID: packageID, in: db)
            try ConditionTree.replace(stepID: stepID, with: nil, in: db)
            try conditionChanged(stepID: stepID, packageID: packageID, change: "clear condition", caller: caller, db: db, events: &events)
        }
    }

    /// Replaces an expression's properties, or an operator's type.
    public func updateOperand(
        _ operandID: Int64, stepID: Int64, packageID: String, operatorType: String? = nil,
        properties: [(name: String, value: String)]? = nil, for caller: Caller
    ) throws {
        try write(caller) { db, events in
            try require(.modify, on: .package(packageID), for: caller, in: db)
            let row = try operandRow(operandID, stepID: stepID, packageID: packageID, in: db)
            var attributes = try row.attributeList()
            var entries: [VariableListEntry]?
            if let operatorType {
                guard row.kind.operatorKindIsOperator else { throw ProviderError.readOnly(property: "OperatorType (\(row.className))") }
                guard ["and", "or", "not"].contains(operatorType.lowercased()) else {
                    throw ProviderError.validationFailed(property: "OperatorType", rule: "'\(operatorType)' is not one of and, or, not")
                }
                attributes["type"] = operatorType
            }
            if let properties {
                guard var expression = try row.expression() else { throw ProviderError.readOnly(property: "Properties (\(row.className) is not an expression)") }
                expression.entries = []
                for (name, value) in properties {
                    guard let property = ActionCatalog.builtIn.property(name, of: row.className) else { throw ProviderError.unknownProperty(named: name) }
                    expression[property.name] = value
                }
                try Self.validate(expression)
                entries = expression.entries
            }
            try ConditionTree.update(operandID: operandID, stepID: stepID, attributes: attributes, entries: entries, in: db)
            try conditionChanged(stepID: stepID, packageID: packageID, change: "change operand \(operandID)", caller: caller, db: db, events: &events)
            events.append(ChangeRecord(kind: .modified, className: row.className, object: .operand(packageID: packageID, stepID: stepID, operandID: operandID),
                                      changedProperties: operatorType != nil ? ["OperatorType"] : ["Properties"]))
        }
    }

    // MARK: Internals

    private func insertOperand(_ operand: ConditionOperand, stepID: Int64, packageID: String, parentID: Int64?, for caller: Caller) throws -> Int64 {
        if case .expression(let expression) = operand { try Self.validate(expression) }
        return try write(caller) { db, events in
            try require(.modify, on: .package(packageID), for: caller, in: db)
            let hadCondition = try stepRow(stepID, packageID: packageID, in: db).hasCondition
            if let parentID {
                guard let parent = try ConditionOperandRow.fetchOne(db, id: parentID), parent.stepID == stepID else {
                    throw ProviderError.notFound(object: "parent operator \(parentID) of the condition of step \(stepID) in package \(packageID)")
                }
                guard parent.kind != .expression, parent.kind != .foreign else {
                    throw ProviderError.invalidArgument(name: "parent", problem: "operand \(parentID) is an expression (\(parent.className)), not an operator")
                }
            }
            let id = try ConditionTree.insert(operand, stepID: stepID, parentID: parentID, in: db)
            try conditionChanged(stepID: stepID, packageID: packageID, change: "add operand \(id)", summary: hadCondition ? nil : "condition added to step \(stepID)",
                                 caller: caller, db: db, events: &events)
            let className = switch operand {
            case .expression(let expression): expression.className
            case .operator(let op): op.className
            case .foreign: ConditionClass.operand
            }
            events.append(ChangeRecord(kind: .created, className: className, object: .operand(packageID: packageID, stepID: stepID, operandID: id)))
            return id
        }
    }

    /// `summary` replaces the revision's usual one (`condition of step 85: add operand 7`).
    private func conditionChanged(stepID: Int64, packageID: String, change: String, summary: String? = nil, caller: Caller, db: StoreDatabase, events: inout [ChangeRecord]) throws {
        try sequenceChanged(packageID, change: summary ?? "condition of step \(stepID): \(change)", affectsReferences: false, caller: caller, db: db, events: &events)
        events.append(ChangeRecord(kind: .modified, className: ConditionClass.condition, object: .condition(packageID: packageID, stepID: stepID), changedProperties: ["Operands", "Text"]))
        // The step's own class, as every other event about the step reports it.
        let stepClass = (try? stepRow(stepID, packageID: packageID, in: db).className) ?? StepClass.step
        events.append(ChangeRecord(kind: .modified, className: stepClass, object: .step(packageID: packageID, stepID: stepID), changedProperties: ["Condition"]))
    }

    func operandRow(_ operandID: Int64, stepID: Int64, packageID: String, in db: StoreDatabase) throws -> ConditionOperandRow {
        _ = try stepRow(stepID, packageID: packageID, in: db)
        guard let row = try ConditionOperandRow.fetchOne(db, id: operandID), row.stepID == stepID else {
            throw ProviderError.notFound(object: ObjectReference.operand(packageID: packageID, stepID: stepID, operandID: operandID).relativePath)
        }
        return row
    }

    /// What the provider shows of an operand row; `childIDs` when the caller already has them
    /// (the rows inside it, in order), otherwise read.
    func operandInfo(_ row: ConditionOperandRow, packageID: String, childIDs: [Int64]? = nil, in db: StoreDatabase) throws -> OperandInfo {
        guard let id = row.id else { throw ProviderError.storage("operand row without ID") }
        let attributes = try row.attributeList()
        return OperandInfo(
            id: id, stepID: row.stepID, packageID: packageID, parentID: row.parentID, kind: row.kind, className: row.className,
            operatorType: row.kind == .expression ? "" : attributes["type"] ?? "",
            properties: try row.expression()?.properties ?? [],
            childIDs: row.kind == .expression || row.kind == .foreign ? [] : try childIDs ?? ConditionTree.operandRows(stepID: row.stepID, parentID: id, in: db).compactMap(\.id)
        )
    }

    static func validate(_ expression: ConditionExpression) throws {
        let condition = Condition(operands: [.expression(expression)])
        var probe = Step.group(name: "probe")
        probe.condition = condition
        if let issue = probe.validate(catalog: .builtIn).first(where: { $0.severity == .error }) {
            throw ProviderError.validationFailed(property: issue.property ?? "condition", rule: issue.detail)
        }
    }
}

extension OperandKind {
    /// Whether the operand is a plain `<operator>`, whose type a client may change.
    var operatorKindIsOperator: Bool { self == .operator }
}

extension ProviderService {
    /// Every operand of a step's condition, at any depth, in ID order.
    public func allOperandIDs(stepID: Int64, packageID: String, for caller: Caller) throws -> [Int64] {
        try read(caller) { db in
            try require(.read, on: .package(packageID), for: caller, in: db)
            _ = try stepRow(stepID, packageID: packageID, in: db)
            return try ConditionOperandRow.ids(db, stepID: stepID)
        }
    }
}
