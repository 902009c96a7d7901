/// Migration `v9-step-tracking-in-code` (`postgresql-v5`): the row triggers that noted touched
/// steps (`*_touched_*`, `HistorySchema`) and copied live images (`*_live_image_*`,
/// `LiveImageSchema`) give way to `StepChangeTracking`, called by the store's writers; the
/// pause table the triggers read goes with them.
///
/// Also gone: indexes no statement needs. Settings and expression properties are read
/// through their step or operand (`stepVariable`'s key, `conditionProperty_on_operand`), never by
/// property name across steps, yet every imported variable and property paid for an entry in
/// `stepVariable_on_property` and `conditionProperty_on_name_value` — pages scattered over the
/// whole index that every commit wrote.
enum StepTrackingSchema {
    static let triggerNames: [String] = ["step", "stepVariable", "conditionOperand"].flatMap { table in
        ["insert", "update", "delete"].flatMap { event in ["\(table)_touched_\(event)", "\(table)_live_image_\(event)"] }
    }

    static let droppedIndexes = "DROP INDEX stepVariable_on_property;\nDROP INDEX conditionProperty_on_name_value;\n"

    /// SQLite also had `step_on_className` beside `step_on_className_nocase`, and `package_on_name`
    /// beside `package_on_name_nocase` (PostgreSQL has one citext index for each pair): listings
    /// by class now compare without case and use the former's twin; nothing read the latter.
    static let dropSQLite: String = triggerNames.map { "DROP TRIGGER \($0);\n" }.joined()
        + "DROP TABLE revisionTrackingPause;\n" + droppedIndexes + "DROP INDEX step_on_className;\nDROP INDEX package_on_name;\n"

    /// PostgreSQL's triggers sit on their tables; the functions they ran go too.
    static let dropPostgreSQL: String = {
        var sql = ""
        for table in ["step", "stepVariable", "conditionOperand"] {
            for event in ["insert", "update", "delete"] {
                sql += "DROP TRIGGER \(table)_touched_\(event) ON \(table);\nDROP TRIGGER \(table)_live_image_\(event) ON \(table);\n"
            }
            sql += "DROP FUNCTION \(table)_live_image();\n"
        }
        sql += "DROP FUNCTION step_touched();\nDROP FUNCTION step_part_touched();\nDROP FUNCTION copy_live_image(citext);\n"
        return sql + "DROP TABLE revisionTrackingPause;\n" + droppedIndexes
    }()
}
