import DBusKit

/// A step's condition (`…/Steps/<StepID>/Condition`): its tests and operators.
///
/// ```swift
/// let condition = package.step(12).condition
/// try condition.add(.variable("_SMSTSInWinPE", .equals, "false"))
/// print(try condition.info()?.text ?? "always runs")
/// ```
public struct ConditionHandle: Sendable {
    /// The step the condition belongs to.
    public let step: StepHandle

    /// The client calls go through.
    public var client: ProviderClient { step.client }
    var path: ObjectPath { ProviderPaths.condition(step.packageID, step.id) }

    /// `/…/Steps/<StepID>/Condition`.
    public var objectPath: String { path.rawValue }

    /// An operand of this condition, by ID.
    public func operand(_ id: Int64) -> OperandHandle {
        OperandHandle(step: step, id: id)
    }

    /// The condition's text and operand tree; `nil` when the step has no condition.
    public func info() throws -> ConditionInfo? {
        let properties = try client.properties(of: ProviderInterface.step, at: step.path)
        guard properties.path("Condition") != nil else { return nil }
        let condition = try client.properties(of: ProviderInterface.condition, at: path)
        let operands = try ProviderClient.paths(condition["Operands"]).compactMap(ProviderPaths.operandID(of:)).map { try operand($0).node() }
        return ConditionInfo(stepID: step.id, text: condition.string("Text"), operands: operands)
    }

    /// Adds `condition` to the step's condition (making one when the step has none), inside
    /// operator `parent` or at the top. Returns the operands made at the top of what was added.
    ///
    /// The top of a condition is already an implicit `and`, so a top-level ``StepCondition/and(_:)``
    /// adds its parts directly.
    ///
    /// - Throws: `ProviderError.validationFailed(property:rule:)` for a test the object model
    ///   refuses (an operator the class does not know …). What was added before the failure stays.
    @discardableResult
    public func add(_ condition: StepCondition, into parent: OperandHandle? = nil) throws -> [OperandHandle] {
        try condition.validate()
        if parent == nil, case .and(let parts) = condition {
            return try parts.flatMap { try add($0, into: nil) }
        }
        return [try addOne(condition, into: parent)]
    }

    private func addOne(_ condition: StepCondition, into parent: OperandHandle?) throws -> OperandHandle {
        switch condition {
        case .expression(let className, let properties):
            return try addExpression(className: className, properties: properties, into: parent)
        case .and(let parts), .or(let parts), .not(let parts):
            let kind: LogicalOperator = switch condition {
            case .and: .and
            case .or: .or
            default: .not
            }
            let created = try addOperator(kind, into: parent)
            for part in parts { _ = try addOne(part, into: created) }
            return created
        }
    }

    /// Adds one test of `className` with `properties` (WMI names, in order).
    @discardableResult
    public func addExpression(className: String, properties: [ConditionProperty], into parent: OperandHandle? = nil) throws -> OperandHandle {
        let values = Dictionary(properties.map { ($0.name, PropertyValue.string($0.value)) }, uniquingKeysWith: { $1 })
        let reply = try client.call(
            path, ProviderInterface.condition, "AddExpression", [.objectPath(parent?.path ?? path), .string(className), values.dbusDictionary])
        return try operand(from: reply.first)
    }

    /// Adds an `and`, `or` or `not` operator; add its operands with `into:`.
    @discardableResult
    public func addOperator(_ kind: LogicalOperator, into parent: OperandHandle? = nil) throws -> OperandHandle {
        let reply = try client.call(path, ProviderInterface.condition, "AddOperator", [.objectPath(parent?.path ?? path), .string(kind.rawValue)])
        return try operand(from: reply.first)
    }

    /// Removes the whole condition: the step always runs.
    public func clear() throws {
        _ = try client.call(path, ProviderInterface.condition, "Clear")
    }

    private func operand(from value: DBusValue?) throws -> OperandHandle {
        guard case .objectPath(let path)? = value?.unwrappingVariant, let id = ProviderPaths.operandID(of: path) else {
            throw ProviderError.other(name: "org.freedesktop.DBus.Error.Failed", message: "the provider answered \(value.map(String.init(describing:)) ?? "nothing") where an operand path was expected")
        }
        return OperandHandle(step: step, id: id)
    }
}

/// One test or operator of a step's condition (`…/Condition/<OperandID>`).
public struct OperandHandle: Sendable, Hashable {
    /// The step whose condition it is in.
    public let step: StepHandle
    /// The operand's ID.
    public let id: Int64

    /// A handle for operand `id` of `step`'s condition.
    public init(step: StepHandle, id: Int64) {
        self.step = step
        self.id = id
    }

    var path: ObjectPath { ProviderPaths.operand(step.packageID, step.id, id) }

    /// `/…/Steps/<StepID>/Condition/<OperandID>`.
    public var objectPath: String { path.rawValue }

    /// The operand with everything inside it.
    public func info() throws -> OperandNode {
        try node()
    }

    func node() throws -> OperandNode {
        let client = step.client
        do {
            let expression = try client.properties(of: ProviderInterface.expression, at: path)
            // In the order the expression holds them (as the XML writes them).
            let properties = expression["Properties"].map { OrderedProperties($0).propertyValues.map { ConditionProperty($0.name, $0.value.text) } } ?? []
            return OperandNode(id: id, className: expression.string("ClassName"), operatorType: nil, properties: properties, operands: [])
        } catch ProviderError.notSupported {
            let op = try client.properties(of: ProviderInterface.conditionOperator, at: path)
            let children = try ProviderClient.paths(op["Operands"]).compactMap(ProviderPaths.operandID(of:)).map {
                try OperandHandle(step: step, id: $0).node()
            }
            return OperandNode(id: id, className: ConditionClass.conditionOperator, operatorType: op.string("OperatorType"), properties: [], operands: children)
        }
    }

    /// Removes the operand and, for an operator, everything inside it.
    public func delete() throws {
        let client = step.client
        do {
            _ = try client.call(path, ProviderInterface.expression, "Delete")
        } catch ProviderError.notSupported {
            _ = try client.call(path, ProviderInterface.conditionOperator, "Delete")
        }
    }

    /// Replaces an expression's properties (WMI names).
    public func setProperties(_ properties: [ConditionProperty]) throws {
        let values = Dictionary(properties.map { ($0.name, PropertyValue.string($0.value)) }, uniquingKeysWith: { $1 })
        try step.client.setProperty("Properties", of: ProviderInterface.expression, at: path, to: values.dbusDictionary)
    }

    /// Changes an operator's kind.
    public func setOperator(_ kind: LogicalOperator) throws {
        try step.client.setProperty("OperatorType", of: ProviderInterface.conditionOperator, at: path, to: .string(kind.rawValue))
    }
}

/// A step's condition at one moment. JSON: `StepID`, `Text`, `Operands`.
public struct ConditionInfo: Sendable, Hashable, Codable {
    /// The step.
    public var stepID: Int64
    /// The condition as readable text.
    public var text: String
    /// The top-level operands (all must hold).
    public var operands: [OperandNode]

    enum CodingKeys: String, CodingKey {
        case stepID = "StepID", text = "Text", operands = "Operands"
    }
}

/// One test or operator of a condition, with what is inside it. JSON: `OperandID`,
/// `ClassName`, `OperatorType` (`null` for tests), `Properties` (an object), `Operands`.
public struct OperandNode: Sendable, Hashable, Codable {
    /// The operand's ID.
    public var id: Int64
    /// The expression class, or `SMS_TaskSequence_ConditionOperator`.
    public var className: String
    /// `and`, `or` or `not` for operators; `nil` for tests.
    public var operatorType: String?
    /// A test's properties by WMI name, in the order the test holds them.
    public var properties: [ConditionProperty]
    /// An operator's operands.
    public var operands: [OperandNode]

    /// Whether this is an operator.
    public var isOperator: Bool { operatorType != nil }

    /// ``operatorType`` as the catalog's value map names it (`and`, `or`, `not`); `nil` for tests.
    public var logicalOperator: LogicalOperator? { operatorType.flatMap { LogicalOperator(rawValue: $0.lowercased()) } }

    enum CodingKeys: String, CodingKey {
        case id = "OperandID", className = "ClassName", operatorType = "OperatorType", properties = "Properties", operands = "Operands"
    }

    /// An operand.
    public init(id: Int64, className: String, operatorType: String?, properties: [ConditionProperty], operands: [OperandNode]) {
        self.id = id
        self.className = className
        self.operatorType = operatorType
        self.properties = properties
        self.operands = operands
    }

    /// Decodes what ``encode(to:)`` wrote.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int64.self, forKey: .id)
        className = try container.decode(String.self, forKey: .className)
        operatorType = try container.decodeIfPresent(String.self, forKey: .operatorType)
        let values = try container.decodeIfPresent([String: String].self, forKey: .properties) ?? [:]
        properties = values.sorted { $0.key < $1.key }.map { ConditionProperty($0.key, $0.value) }
        operands = try container.decodeIfPresent([OperandNode].self, forKey: .operands) ?? []
    }

    /// `Properties` as a JSON object; `OperatorType` `null` for tests.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(className, forKey: .className)
        try container.encode(operatorType, forKey: .operatorType)
        try container.encode(Dictionary(properties.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 }), forKey: .properties)
        try container.encode(operands, forKey: .operands)
    }

    /// The property named `name` (any case).
    public subscript(property name: String) -> String? {
        properties.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
