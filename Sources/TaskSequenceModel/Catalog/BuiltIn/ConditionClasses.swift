extension ActionCatalog {
    /// The condition classes (reference §4). Expression properties are written as
    /// `<variable name="Property">`, so their storage is the property name itself.
    static let conditionClasses: [ClassDefinition] = [
        ClassDefinition(
            name: ConditionClass.condition,
            superclass: nil,
            kind: .condition,
            properties: [
                .objects("Operands", of: ConditionClass.operand).notNullToInstance().stored(as: .children),
            ]
        ),
        ClassDefinition(name: ConditionClass.operand, superclass: nil, kind: .conditionOperand, isAbstract: true),
        ClassDefinition(
            name: ConditionClass.conditionOperator,
            superclass: ConditionClass.operand,
            kind: .conditionOperator,
            properties: [
                .string("OperatorType").notNullToInstance().valueMap(OperatorType.allValues).stored(as: .attribute("type")),
                .objects("Operands", of: ConditionClass.operand).notNullToInstance().stored(as: .children),
            ]
        ),
        ClassDefinition(
            name: ConditionClass.osConditionGroup,
            superclass: ConditionClass.conditionOperator,
            kind: .conditionOperator,
            properties: [
                .string("OperatorType").notNull().valueMap([OperatorType.or]).stored(as: .attribute("type")),
                .objects("Operands", of: ConditionClass.osExpressionGroup).notNull().stored(as: .children),
            ]
        ),
        ClassDefinition(
            name: ConditionClass.osExpressionGroup,
            superclass: ConditionClass.conditionOperator,
            kind: .conditionOperator,
            properties: [
                .string("OperatorType").notNull().valueMap([OperatorType.and]).stored(as: .attribute("type")),
                .objects("Operands", of: ConditionClass.wmi).notNull().stored(as: .children),
                .string("Name").stored(as: .attribute("name")),
                // Keys into SMS_SupportedPlatforms. Their XML form (<platformKey …/>) is not
                // documented; the model keeps those elements verbatim.
                .string("PlatformArchKey").notNull().stored(as: .children),
                .string("PlatformMaxVerKey").notNull().stored(as: .children),
                .string("PlatformMinVerKey").notNull().stored(as: .children),
                .string("PlatformTypeKey").notNull().stored(as: .children),
            ]
        ),
        ClassDefinition(name: ConditionClass.expression, superclass: ConditionClass.operand, kind: .conditionExpression, isAbstract: true),
        ClassDefinition(
            name: ConditionClass.variable,
            superclass: ConditionClass.expression,
            kind: .conditionExpression,
            properties: [
                .string("Variable").notNull(),
                // The SDK lists eight operators; the cmdlets (and the console) add like/notLike.
                .string("Operator").notNull().valueMap(ExpressionOperator.variableOperators),
                .string("Value"),
            ]
        ),
        ClassDefinition(
            name: ConditionClass.file,
            superclass: ConditionClass.expression,
            kind: .conditionExpression,
            properties: [
                .string("Path").notNull(),
                .string("Version"),
                .string("VersionOperator").valueMap(ExpressionOperator.comparisons),
                .datetime("DateTime"),
                .string("DateTimeOperator").valueMap(ExpressionOperator.comparisons),
            ]
        ),
        ClassDefinition(
            name: ConditionClass.folder,
            superclass: ConditionClass.expression,
            kind: .conditionExpression,
            properties: [
                .string("Path").notNull(),
                .datetime("DateTime"),
                .string("DateTimeOperator").valueMap(ExpressionOperator.comparisons),
            ]
        ),
        ClassDefinition(
            name: ConditionClass.registry,
            superclass: ConditionClass.expression,
            kind: .conditionExpression,
            properties: [
                .string("KeyPath").notNull(),
                .string("Value").allowedLength(0...250),
                // `nonExists`, not `notExists`: the registry class spells it differently.
                .string("Operator").notNull().valueMap(ExpressionOperator.registryOperators),
                .string("Type").documentedValues(["REG_BINARY", "REG_DWORD", "REG_EXPAND_SZ", "REG_MULTI_SZ", "REG_NONE", "REG_QWORD", "REG_SZ"]),
                .string("Data"),
            ]
        ),
        ClassDefinition(
            name: ConditionClass.software,
            superclass: ConditionClass.expression,
            kind: .conditionExpression,
            properties: [
                .string("Operator").notNull().valueMap(ExpressionOperator.softwareOperators),
                .string("ProductCode").notNull(),
                .string("UpgradeCode"),
                .string("ProductName"),
                .string("Version"),
            ]
        ),
        ClassDefinition(
            name: ConditionClass.wmi,
            superclass: ConditionClass.expression,
            kind: .conditionExpression,
            properties: [
                .string("Namespace").notNull(),
                .string("Query").notNull().allowedLength(1...16384),
            ]
        ),
        ClassDefinition(
            name: ConditionClass.os,
            superclass: ConditionClass.expression,
            kind: .conditionExpression,
            provenance: .corpus,
            note: "The legacy operating-system expression; no SDK page found, properties kept as written"
        ),
    ]
}

/// The OperatorType values of SMS_TaskSequence_ConditionOperator.
/// The spellings of ``LogicalOperator``, for code that matches written text.
public enum OperatorType {
    public static let and = LogicalOperator.and.rawValue
    public static let or = LogicalOperator.or.rawValue
    public static let not = LogicalOperator.not.rawValue
    public static let allValues = LogicalOperator.allCases.map(\.rawValue)
}

/// The Operator vocabularies of the condition expression classes (reference §4.2).
///
/// Real files do not normalise case (`Equals`, `notequals`), so compare without regard to case
/// and keep what is written.
public enum ExpressionOperator {
    public static let exists = Comparison.exists.rawValue
    public static let notExists = Comparison.notExists.rawValue
    /// The registry expression's spelling of "does not exist".
    public static let nonExists = "nonExists"
    public static let equals = Comparison.equals.rawValue
    public static let notEquals = Comparison.notEquals.rawValue
    public static let less = Comparison.less.rawValue
    public static let lessEqual = Comparison.lessEqual.rawValue
    public static let greater = Comparison.greater.rawValue
    public static let greaterEqual = Comparison.greaterEqual.rawValue
    public static let like = Comparison.like.rawValue
    public static let notLike = Comparison.notLike.rawValue
    public static let anyVersion = SoftwareMatch.anyVersion.rawValue
    public static let thisVersion = SoftwareMatch.thisVersion.rawValue

    /// The six comparisons of File and Folder versions and dates.
    public static let comparisons = [equals, notEquals, less, lessEqual, greater, greaterEqual]
    /// Variable expressions: existence, comparisons, and like/notLike.
    public static let variableOperators = [exists, notExists] + comparisons + [like, notLike]
    /// Registry expressions: `nonExists` (sic) and the comparisons.
    public static let registryOperators = [exists, nonExists] + comparisons
    /// Software expressions: match the product family or this exact product.
    public static let softwareOperators = [anyVersion, thisVersion]
}
