import GRDB

// Fetches by key through one prepared statement per connection. GRDB's `fetchOne(_:key:)`
// generates and prepares its SQL on every call — and the preparation, with GRDB's authorizer
// called back for every column, was half of what a step edit cost.

extension PackageRow {
    public static func fetchOne(_ db: Database, packageID: String) throws -> PackageRow? {
        try fetchOne(db.cachedStatement(sql: "SELECT * FROM package WHERE packageID = ?"), arguments: [packageID])
    }

    public static func exists(_ db: Database, packageID: String) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM package WHERE packageID = ?)"), arguments: [packageID]) ?? false
    }
}

extension StepRow {
    public static func fetchOne(_ db: Database, id: Int64) throws -> StepRow? {
        try fetchOne(db.cachedStatement(sql: "SELECT * FROM step WHERE id = ?"), arguments: [id])
    }
}

extension ConditionOperandRow {
    public static func fetchOne(_ db: Database, id: Int64) throws -> ConditionOperandRow? {
        try fetchOne(db.cachedStatement(sql: "SELECT * FROM conditionOperand WHERE id = ?"), arguments: [id])
    }
}

extension StepVariableRow {
    /// A step's variables in order.
    public static func fetchAll(_ db: Database, stepID: Int64) throws -> [StepVariableRow] {
        try fetchAll(db.cachedStatement(sql: "SELECT * FROM stepVariable WHERE stepID = ? ORDER BY position"), arguments: [stepID])
    }
}

// Whole-package reads, for listing a package's tree in one pass.

extension StepRow {
    /// Every step of a package, ordered by parent and position (siblings in order).
    public static func fetchAll(_ db: Database, packageID: String) throws -> [StepRow] {
        try fetchAll(db.cachedStatement(sql: "SELECT * FROM step WHERE packageID = ? ORDER BY parentID, position"), arguments: [packageID])
    }
}

extension StepVariableRow {
    /// The variables of every step of a package, by step then position.
    public static func fetchAll(_ db: Database, packageID: String) throws -> [StepVariableRow] {
        try fetchAll(db.cachedStatement(sql: """
            SELECT stepVariable.* FROM stepVariable JOIN step ON step.id = stepVariable.stepID
            WHERE step.packageID = ? ORDER BY stepVariable.stepID, stepVariable.position
            """), arguments: [packageID])
    }
}
