/// Where the store keeps a property's value for rows of a query family.
public enum ValueStorage: Sendable, Hashable {
    /// A column of the row (trusted SQL such as `s.name`), already typed.
    case column(String)
    /// Kept nowhere: the value is always NULL (package properties ConfigMgr has and the
    /// provider does not keep, such as PkgFlags).
    case absent
    /// An action setting: the entry of the step's variables document carrying `property` (or,
    /// as MDT writes some, its task sequence variable name `variable`).
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

extension ValueStorage {
    /// The column a result row must carry for the value (a setting's own column where the step
    /// has no variable for it); `nil` when the value comes from elsewhere or nowhere. Distinct
    /// values name distinct columns.
    public var selectedColumn: String? {
        switch self {
        case .column(let column), .attribute(let column, _), .settingOrColumn(_, _, let column): column
        case .absent, .unqueryable, .presence, .setting, .expressionProperty: nil
        }
    }

    /// Whether the value comes from the detail rows (``QuerySource/Details``).
    public var readsDetails: Bool {
        switch self {
        case .setting, .expressionProperty, .settingOrColumn: true
        case .column, .attribute, .absent, .unqueryable, .presence: false
        }
    }
}
