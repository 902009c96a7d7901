/// Where the store keeps a property's value for rows of a query family.
enum ValueStorage: Sendable, Hashable {
    /// A column of the row (trusted SQL such as `s.name`), already typed.
    case column(String)
    /// Kept nowhere: the value is always NULL (package properties ConfigMgr has and the
    /// provider does not keep, such as PkgFlags).
    case absent
    /// An action setting: the step's `stepVariable` carrying `property` (or, as MDT writes
    /// some, its task sequence variable name `variable`).
    case setting(property: String, variable: String?)
    /// A condition expression's property, from `conditionProperty`.
    case expressionProperty(String)
    /// An attribute in a JSON `AttributeList` column (an operator's `type`, the sequence's
    /// `version`).
    case attribute(column: String, name: String)
    /// An action setting that, when the step has no variable for it, reads the text column
    /// `column` instead: Run Command Line's CommandLine, which MDT keeps only in `<action>`.
    case settingOrColumn(property: String, variable: String?, column: String)
    /// An embedded object kept elsewhere, of which queries can test only whether it is there
    /// (`Condition IS [NOT] NULL`): `column` is true when it is.
    case presence(column: String)
    /// Arrays, embedded objects and child elements, which queries neither return nor compare.
    case unqueryable
}
