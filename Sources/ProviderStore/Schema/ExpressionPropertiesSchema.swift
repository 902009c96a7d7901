/// Migration `v12-expression-properties-in-operand` (`postgresql-v8`): a condition expression's
/// properties are read from its operand row's `content` (the `<variable>` entries, JSON), like a
/// step's settings from its `variables`; the `conditionProperty` table, which held a copy of
/// each as a row of its own, goes.
///
/// An import wrote some fourteen such rows a file, with their index, all of them copies:
/// queries on expression properties (`SMS_TaskSequence_VariableConditionExpression.Variable = …`)
/// read the entries with `json_each` / `jsonb_array_elements` (`QuerySQL.Piece.expressionProperty`),
/// and no index served them since v9 (`conditionProperty_on_name_value` was never read).
enum ExpressionPropertiesSchema {
    static let sql = "DROP TABLE conditionProperty;"
}
