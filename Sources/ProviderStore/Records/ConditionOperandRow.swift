import TaskSequenceModel

/// What a stored condition operand is.
public enum OperandKind: String, Codable, Sendable {
    case expression
    case `operator`
    case osConditionGroup
    case osExpressionGroup
    case foreign

    init(_ kind: ConditionOperatorKind) {
        switch kind {
        case .operator: self = .operator
        case .osConditionGroup: self = .osConditionGroup
        case .osExpressionGroup: self = .osExpressionGroup
        }
    }

    /// The operator element this kind is written as, for operator kinds.
    var operatorKind: ConditionOperatorKind? {
        switch self {
        case .operator: .operator
        case .osConditionGroup: .osConditionGroup
        case .osExpressionGroup: .osExpressionGroup
        case .expression, .foreign: nil
        }
    }
}

extension OperandKind: SQLValueConvertible {
    public var sqlValue: SQLValue { .text(rawValue) }
    public static func fromSQL(_ value: SQLValue) -> OperandKind? { String.fromSQL(value).flatMap(OperandKind.init(rawValue:)) }
}

/// An operand of a step's condition: an expression, an operator, or verbatim markup.
///
/// `id` is stable (the operand's D-Bus path); `parentID` is the operator holding it, `nil` for
/// the condition's own operands.
public struct ConditionOperandRow: Sendable, Equatable {
    /// The `conditionOperand` table's columns.
    public enum Columns: String, CaseIterable, Sendable {
        case id, stepID, parentID, position, kind, className, attributes, content
    }

    public var id: Int64?
    public var stepID: Int64
    public var parentID: Int64?
    public var position: Int64
    public var kind: OperandKind
    /// The expression class, or the operator's WMI class.
    public var className: String
    /// JSON `AttributeList`.
    public var attributes: String
    /// JSON `[VariableListEntry]` for expressions, `Markup` for foreign operands, `[]` for operators.
    public var content: String

    /// A row for `operand` itself; an operator's operands are rows of their own.
    init(operand: ConditionOperand, stepID: Int64, parentID: Int64?, position: Int64) throws {
        self.stepID = stepID
        self.parentID = parentID
        self.position = position
        switch operand {
        case .expression(let expression):
            kind = .expression
            className = expression.className
            attributes = try JSONColumn.encode(expression.attributes)
            content = try JSONColumn.encode(expression.entries)
        case .operator(let op):
            kind = OperandKind(op.kind)
            className = op.className
            attributes = try JSONColumn.encode(op.attributes)
            content = "[]"
        case .foreign(let markup):
            kind = .foreign
            className = ""
            attributes = "[]"
            content = try JSONColumn.encode(markup)
        }
    }

    /// Decodes a row of `SELECT * FROM conditionOperand` (or of a table shaped like it).
    public init(row: SQLRow) throws {
        id = try row.decode(Columns.id)
        stepID = try row.decode(Columns.stepID)
        parentID = try row.decode(Columns.parentID)
        position = try row.decode(Columns.position)
        kind = try row.decode(Columns.kind)
        className = try row.decode(Columns.className)
        attributes = try row.decode(Columns.attributes)
        content = try row.decode(Columns.content)
    }

    public func attributeList() throws -> AttributeList {
        try JSONColumn.decodeAttributes(attributes)
    }

    /// The operand without its children (for operators) as the model has it.
    func operand(children: [ConditionOperand]) throws -> ConditionOperand {
        if kind == .foreign {
            return .foreign(try JSONColumn.decode(Markup.self, from: content))
        }
        let attributes = try attributeList()
        if let operatorKind = kind.operatorKind {
            return .operator(ConditionOperator(kind: operatorKind, attributes: attributes, operands: children))
        }
        return .expression(ConditionExpression(attributes: attributes, entries: try JSONColumn.decode([VariableListEntry].self, from: content)))
    }

    /// The expression's properties, for expressions.
    public func expression() throws -> ConditionExpression? {
        guard kind == .expression else { return nil }
        return ConditionExpression(attributes: try attributeList(), entries: try JSONColumn.decode([VariableListEntry].self, from: content))
    }
}
