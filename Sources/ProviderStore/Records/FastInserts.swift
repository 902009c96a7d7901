import Foundation
import GRDB

// Inserts of the rows an import writes by the thousand, each through one prepared statement
// per connection. GRDB's record `insert` encodes the record through `Encodable` and builds its
// SQL on every call, which cost more than a quarter of an import's instructions.

extension StepRow {
    mutating func insertPrepared(_ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO step (packageID, parentID, position, kind, className, name, description, enabled, continueOnError,
                              supportedEnvironment, timeout, actionText, contributesFacts, hasCondition, attributes, layout)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.execute(arguments: [
            packageID, parentID, position, kind, className, name, description, enabled, continueOnError,
            supportedEnvironment, timeout, actionText, contributesFacts, hasCondition, attributes, layout,
        ])
        id = db.lastInsertedRowID
    }
}

extension StepVariableRow {
    func insertPrepared(_ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO stepVariable (stepID, position, name, property, value, attributes, "foreign") VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.execute(arguments: [stepID, position, name, property, value, attributes, foreign])
    }
}

extension ConditionOperandRow {
    mutating func insertPrepared(_ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO conditionOperand (stepID, parentID, position, kind, className, attributes, content) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.execute(arguments: [stepID, parentID, position, kind, className, attributes, content])
        id = db.lastInsertedRowID
    }
}

extension ConditionPropertyRow {
    func insertPrepared(_ db: Database) throws {
        let statement = try db.cachedStatement(sql: "INSERT INTO conditionProperty (operandID, name, value) VALUES (?, ?, ?)")
        try statement.execute(arguments: [operandID, name, value])
    }
}

extension RevisionRow {
    /// Inserts the revision with its XML bound in place (a record `insert` binds a copy, and a
    /// whole-sequence revision of a 30 MiB import would then exist three times at once). The
    /// statement is not cached: SQLite keeps the buffer it built the row in with the statement,
    /// which would hold the size of the largest XML ever stored for the daemon's lifetime.
    public mutating func insertPrepared(_ db: Database) throws {
        let statement = try db.makeStatement(sql: """
            INSERT INTO revision (packageID, sourceVersion, uid, userName, time, change, xml, warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let warningsJSON = try warnings.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        try statement.execute(arguments: [packageID, sourceVersion, uid, userName, time, change, xml, warningsJSON])
        id = db.lastInsertedRowID
    }
}
