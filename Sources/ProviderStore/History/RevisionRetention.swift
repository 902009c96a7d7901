/// Drops a package's old revisions: a revision goes once it is neither among the newest
/// `keepRevisions` nor younger than `keepSeconds`. What is kept stays readable: when the oldest
/// kept revision is a delta, it is turned into a snapshot first.
public enum RevisionRetention {
    public static func prune(packageID: String, keepRevisions: Int, keepSeconds: Int64?, now: Int64, in db: StoreDatabase) throws {
        // The newest revision beyond the count, and older than the age limit: it and all before go.
        guard let countLimited = try db.value(Int64.self, "SELECT id FROM revision WHERE packageID = ? ORDER BY id DESC LIMIT 1 OFFSET ?",
                                              [packageID, max(keepRevisions, 1)]) else { return }
        var sql = "SELECT id FROM revision WHERE packageID = ? AND id <= ?"
        var arguments: SQLArguments = [packageID, countLimited]
        if let keepSeconds {
            sql += " AND time < ?"
            arguments.append(now - keepSeconds)
        }
        guard let cut = try db.value(Int64.self, sql + " ORDER BY id DESC LIMIT 1", arguments) else { return }
        guard let oldestKept = try db.value(Int64.self, "SELECT MIN(id) FROM revision WHERE packageID = ? AND id > ?", [packageID, cut]) else { return }
        try makeSnapshot(revisionID: oldestKept, packageID: packageID, in: db)
        try db.run("DELETE FROM revision WHERE packageID = ? AND id <= ?", [packageID, cut])
    }

    /// Rewrites a delta revision as a snapshot of what the package held after it.
    static func makeSnapshot(revisionID: Int64, packageID: String, in db: StoreDatabase) throws {
        guard let isSnapshot = try db.value(Bool.self, "SELECT isSnapshot FROM revisionPackage WHERE revisionID = ?", [revisionID]),
              !isSnapshot else { return }
        guard let image = try RevisionImages.image(revisionID: revisionID, packageID: packageID, in: db) else { return }
        try db.run("DELETE FROM revisionStep WHERE revisionID = ?", [revisionID])
        try db.run("DELETE FROM revisionConditionOperand WHERE revisionID = ?", [revisionID])
        for row in image.steps {
            try db.run("""
                INSERT INTO revisionStep (\(RevisionImages.stepImageColumns)) VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [revisionID, row.id, row.packageID, row.parentID, row.position, row.kind.rawValue, row.className, row.name, row.description,
                      row.enabled, row.continueOnError, row.supportedEnvironment, row.timeout, row.actionText,
                      row.contributesFacts, row.hasCondition, row.attributes, row.layout, row.variables])
        }
        for row in image.operands {
            try db.run("INSERT INTO revisionConditionOperand (\(RevisionImages.operandImageColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       [revisionID, row.id, row.stepID, row.parentID, row.position, row.kind.rawValue, row.className, row.attributes, row.content])
        }
        try db.run("""
            UPDATE revisionPackage SET isSnapshot = 1, deltaSteps = 0, snapshotSteps = ?, "references" = ? WHERE revisionID = ?
            """, [image.steps.count, try RevisionImages.latestReferences(packageID: packageID, upTo: revisionID, in: db), revisionID])
    }
}
