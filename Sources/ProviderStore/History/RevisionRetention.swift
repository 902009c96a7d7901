import GRDB

/// Drops a package's old revisions: a revision goes once it is neither among the newest
/// `keepRevisions` nor younger than `keepSeconds`. What is kept stays readable: when the oldest
/// kept revision is a delta, it is turned into a snapshot first.
public enum RevisionRetention {
    public static func prune(packageID: String, keepRevisions: Int, keepSeconds: Int64?, now: Int64, in db: Database) throws {
        // The newest revision beyond the count, and older than the age limit: it and all before go.
        var sql = "SELECT id FROM revision WHERE packageID = ?"
        var arguments: StatementArguments = [packageID]
        if let keepSeconds {
            sql += " AND time < ?"
            arguments += [now - keepSeconds]
        }
        let countLimited = try Int64.fetchOne(db, sql: "SELECT id FROM revision WHERE packageID = ? ORDER BY id DESC LIMIT 1 OFFSET ?",
                                              arguments: [packageID, max(keepRevisions, 1)])
        guard let countLimited else { return }
        guard let cut = try Int64.fetchOne(db, sql: sql + " AND id <= ? ORDER BY id DESC LIMIT 1", arguments: arguments + [countLimited]) else { return }
        guard let oldestKept = try Int64.fetchOne(db, sql: "SELECT MIN(id) FROM revision WHERE packageID = ? AND id > ?", arguments: [packageID, cut]) else { return }
        try makeSnapshot(revisionID: oldestKept, packageID: packageID, in: db)
        try db.execute(sql: "DELETE FROM revision WHERE packageID = ? AND id <= ?", arguments: [packageID, cut])
    }

    /// Rewrites a delta revision as a snapshot of what the package held after it.
    static func makeSnapshot(revisionID: Int64, packageID: String, in db: Database) throws {
        guard let isSnapshot = try Bool.fetchOne(db, sql: "SELECT isSnapshot FROM revisionPackage WHERE revisionID = ?", arguments: [revisionID]),
              !isSnapshot else { return }
        guard let image = try RevisionImages.image(revisionID: revisionID, packageID: packageID, in: db) else { return }
        try db.execute(sql: "DELETE FROM revisionStep WHERE revisionID = ?", arguments: [revisionID])
        try db.execute(sql: "DELETE FROM revisionStepVariable WHERE revisionID = ?", arguments: [revisionID])
        try db.execute(sql: "DELETE FROM revisionConditionOperand WHERE revisionID = ?", arguments: [revisionID])
        for row in image.steps {
            try db.execute(sql: """
                INSERT INTO revisionStep VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [revisionID, row.id, row.packageID, row.parentID, row.position, row.kind, row.className, row.name, row.description,
                                 row.enabled, row.continueOnError, row.supportedEnvironment, row.timeout, row.actionText,
                                 row.contributesFacts, row.hasCondition, row.attributes, row.layout])
        }
        for row in image.variables {
            try db.execute(sql: "INSERT INTO revisionStepVariable VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           arguments: [revisionID, row.stepID, row.position, row.name, row.property, row.value, row.attributes, row.foreign])
        }
        for row in image.operands {
            try db.execute(sql: "INSERT INTO revisionConditionOperand VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           arguments: [revisionID, row.id, row.stepID, row.parentID, row.position, row.kind, row.className, row.attributes, row.content])
        }
        try db.execute(sql: """
            UPDATE revisionPackage SET isSnapshot = 1, deltaSteps = 0, snapshotSteps = ?, "references" = ? WHERE revisionID = ?
            """, arguments: [image.steps.count, try RevisionImages.latestReferences(packageID: packageID, upTo: revisionID, in: db), revisionID])
    }
}
