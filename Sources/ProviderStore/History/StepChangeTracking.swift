/// What history needs to hear of a write to a package's steps, variables or condition operands:
/// a live snapshot of the package is copied before its rows first change (`LiveImageSchema`),
/// and every step whose row, variables or operands change is noted in `revisionTouchedStep`, so
/// the next revision writes an image of exactly those (`RevisionImages.record`).
///
/// The Tree layer (`SequenceTree`, `ConditionTree`) and `PackageRow.delete` are the only writers
/// of those rows, and each of their public writes calls this once per write. (Until
/// `v9-step-tracking-in-code` / `postgresql-v5` row triggers did it: with a trigger on a table,
/// every insert into it ran a trigger program and kept a statement journal, which made an
/// imported step row half again as expensive — for a new package, which needs neither.)
enum StepChangeTracking {
    /// Set while a write needs no tracking (a new package, recorded as a snapshot of what it
    /// holds whatever wrote it).
    @TaskLocal static var isPaused = false

    /// Call before the first change of package `packageID`'s rows in a write: copies its live
    /// snapshot, if it has one, into the image tables as the rows are now.
    static func willChange(packageID: String, in db: StoreDatabase) throws {
        guard !isPaused, try db.exists("SELECT 1 FROM revisionLiveImage WHERE packageID = ?", [packageID]) else { return }
        for statement in LiveImageSchema.materializeStatements(package: "?", dialect: db.dialect) {
            try db.run(statement, [packageID])
        }
    }

    /// ``willChange(packageID:in:)`` for the package holding step `stepID`.
    static func willChange(stepID: Int64, in db: StoreDatabase) throws {
        guard !isPaused, let packageID = try db.value(String.self, """
            SELECT l.packageID FROM step s JOIN revisionLiveImage l ON l.packageID = s.packageID WHERE s.id = ?
            """, [stepID]) else { return }
        try willChange(packageID: packageID, in: db)
    }

    /// Notes steps whose row, variables or operands a write changed (created and deleted ones
    /// included).
    static func touched(_ stepIDs: some Sequence<Int64>, in db: StoreDatabase) throws {
        guard !isPaused else { return }
        let insert = noting("VALUES (?)", in: db)
        for id in stepIDs { try db.run(insert, [id]) }
    }

    /// Notes step `stepID` and every step below it: call before a delete, whose cascade takes them all.
    static func touchedSubtree(of stepID: Int64, in db: StoreDatabase) throws {
        guard !isPaused else { return }
        try db.run(noting("SELECT id FROM subtree", after: """
            WITH RECURSIVE subtree(id) AS (SELECT CAST(? AS BIGINT) UNION ALL SELECT s.id FROM step s JOIN subtree ON s.parentID = subtree.id)
            """, in: db), [stepID])
    }

    /// Notes every step the package holds now: call before they are all replaced.
    static func touchedAll(packageID: String, in db: StoreDatabase) throws {
        guard !isPaused else { return }
        try db.run(noting("SELECT id FROM step WHERE packageID = ?", in: db), [packageID])
    }

    /// The statement noting the step IDs `rows` gives (`VALUES …` or a `SELECT`, after the `WITH`
    /// clause `with`), skipping steps already noted.
    private static func noting(_ rows: String, after with: String = "", in db: StoreDatabase) -> String {
        switch db.dialect {
        case .sqlite: "\(with)\nINSERT OR IGNORE INTO revisionTouchedStep (stepID) \(rows)"
        case .postgresql: "\(with)\nINSERT INTO revisionTouchedStep (stepID) \(rows) ON CONFLICT DO NOTHING"
        }
    }
}
