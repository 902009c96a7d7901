import Foundation
import TaskSequenceModel

/// Writes and reads the images that make every revision of a package readable: a snapshot of
/// every step now and then, and between snapshots a delta of only the steps a revision touched
/// (docs/history.md says why this scheme).
public enum RevisionImages {
    /// Fewest step images written in deltas before a new snapshot is due, so a tiny sequence is
    /// not snapshotted on every edit.
    static let minimumDeltaStepsBeforeSnapshot = 32

    // The columns of the image tables, named so inserts don't depend on their order. Arguments
    // in the SELECT lists that fill them are cast: PostgreSQL types a parameter there from the
    // cast, not from the column it goes into.
    static let stepImageColumns = """
        revisionID, removed, id, packageID, parentID, position, kind, className, name, description, enabled, continueOnError,
        supportedEnvironment, timeout, actionText, contributesFacts, hasCondition, attributes, layout, variables
        """
    static let operandImageColumns = "revisionID, id, stepID, parentID, position, kind, className, attributes, content"

    /// Records the package as it is now as revision `revisionID`: a snapshot when `whole` (or
    /// when the deltas since the last snapshot have written as many step images as it held),
    /// else the images of the steps touched since the last revision was recorded. `stored` is
    /// the package's row as the caller just wrote it, when it has it (saves reading it back).
    public static func record(revisionID: Int64, packageID: String, whole: Bool, stored: PackageRow? = nil, in db: StoreDatabase) throws {
        // The previous revision matters only to a delta (a new package's import has none to read).
        let previous = whole ? nil : try db.row("""
            SELECT deltaSteps, snapshotSteps FROM revisionPackage WHERE packageID = ? ORDER BY revisionID DESC LIMIT 1
            """, [packageID])
        let touched = try db.value(Int.self, "SELECT COUNT(*) FROM revisionTouchedStep") ?? 0
        if let previous {
            let deltaSteps = try previous.decode(at: 0, as: Int.self), snapshotSteps = try previous.decode(at: 1, as: Int.self)
            let written = deltaSteps + touched
            if written >= max(snapshotSteps, minimumDeltaStepsBeforeSnapshot) {
                try writeLiveSnapshot(revisionID: revisionID, packageID: packageID, stored: stored, in: db)
            } else {
                try writeDelta(revisionID: revisionID, packageID: packageID, deltaSteps: written, snapshotSteps: snapshotSteps, stored: stored, in: db)
            }
        } else {
            try writeLiveSnapshot(revisionID: revisionID, packageID: packageID, stored: stored, in: db)
        }
        // Emptying an empty table still writes its root page: one more page for every commit.
        if touched > 0 { try db.run("DELETE FROM revisionTouchedStep") }
    }

    /// Runs `body` without noting the steps it touches. Only for writes that are recorded as a
    /// snapshot (a new package): their revision copies every row anyway.
    public static func withoutTracking<T>(in db: StoreDatabase, _ body: () throws -> T) throws -> T {
        try StepChangeTracking.$isPaused.withValue(true) { try body() }
    }

    /// Forgets what changed since the last recorded revision (after changes that are not
    /// revisions of a package still stored, such as deleting one).
    public static func forgetTouchedSteps(in db: StoreDatabase) throws {
        try db.run("DELETE FROM revisionTouchedStep")
    }

    /// A snapshot that keeps no copy yet: its steps are the package's rows as they are now, and
    /// they are copied into the image tables before anything changes them
    /// (`StepChangeTracking.willChange`). Reading it reads the live rows.
    static func writeLiveSnapshot(revisionID: Int64, packageID: String, stored: PackageRow? = nil, in db: StoreDatabase) throws {
        let steps = try db.value(Int.self, "SELECT COUNT(*) FROM step WHERE packageID = ?", [packageID]) ?? 0
        try db.run("INSERT INTO revisionLiveImage (revisionID, packageID) VALUES (?, ?)", [revisionID, packageID])
        try writePackage(revisionID: revisionID, packageID: packageID, isSnapshot: true, deltaSteps: 0, snapshotSteps: steps, stored: stored, in: db)
    }

    /// A snapshot copied into the image tables at once, as the history-v5 migration that made
    /// every revision readable wrote it — with the tables as they were then (a step's variables
    /// as rows of their own until v10).
    static func writeSnapshot(revisionID: Int64, packageID: String, in db: StoreDatabase) throws {
        let steps = try db.run("""
            INSERT INTO revisionStep (revisionID, removed, id, packageID, parentID, position, kind, className, name, description, enabled,
                                      continueOnError, supportedEnvironment, timeout, actionText, contributesFacts, hasCondition, attributes, layout)
            SELECT CAST(? AS BIGINT), 0, id, packageID, parentID, position, kind, className, name, description, enabled, continueOnError,
                   supportedEnvironment, timeout, actionText, contributesFacts, hasCondition, attributes, layout
            FROM step WHERE packageID = ?
            """, [revisionID, packageID])
        try db.run("""
            INSERT INTO revisionStepVariable (revisionID, stepID, position, name, property, value, attributes, "foreign")
            SELECT CAST(? AS BIGINT), v.stepID, v.position, v.name, v.property, v.value, v.attributes, v."foreign"
            FROM stepVariable v JOIN step s ON s.id = v.stepID WHERE s.packageID = ?
            """, [revisionID, packageID])
        try db.run("""
            INSERT INTO revisionConditionOperand (\(operandImageColumns))
            SELECT CAST(? AS BIGINT), o.id, o.stepID, o.parentID, o.position, o.kind, o.className, o.attributes, o.content
            FROM conditionOperand o JOIN step s ON s.id = o.stepID WHERE s.packageID = ?
            """, [revisionID, packageID])
        try writePackage(revisionID: revisionID, packageID: packageID, isSnapshot: true, deltaSteps: 0, snapshotSteps: steps, in: db)
    }

    private static func writeDelta(revisionID: Int64, packageID: String, deltaSteps: Int, snapshotSteps: Int, stored: PackageRow?, in db: StoreDatabase) throws {
        let touched = try touchedSteps(in: db)
        try db.run("""
            INSERT INTO revisionStep (\(stepImageColumns))
            SELECT CAST(? AS BIGINT), 0, s.id, s.packageID, s.parentID, s.position, s.kind, s.className, s.name, s.description, s.enabled, s.continueOnError,
                   s.supportedEnvironment, s.timeout, s.actionText, s.contributesFacts, s.hasCondition, s.attributes, s.layout, s.variables
            FROM \(touched.steps)
            """, [revisionID] + touched.arguments + [packageID])
        // Touched steps that are gone. A step of another package cannot be among them: every
        // change of steps records a revision of their package in the same transaction.
        try db.run("""
            INSERT INTO revisionStep (revisionID, removed, id, packageID)
            SELECT CAST(? AS BIGINT), 1, t.stepID, CAST(? AS TEXT) FROM revisionTouchedStep t WHERE NOT EXISTS (SELECT 1 FROM step s WHERE s.id = t.stepID)
            """, [revisionID, packageID])
        try db.run("""
            INSERT INTO revisionConditionOperand (\(operandImageColumns))
            SELECT CAST(? AS BIGINT), o.id, o.stepID, o.parentID, o.position, o.kind, o.className, o.attributes, o.content
            FROM \(touched.operands)
            """, [revisionID] + touched.arguments + [packageID])
        try writePackage(revisionID: revisionID, packageID: packageID, isSnapshot: false, deltaSteps: deltaSteps, snapshotSteps: snapshotSteps, stored: stored, in: db)
    }

    /// `FROM` clauses over the steps of the package (the last argument, after `arguments`) noted
    /// as touched, and over their condition operands. How they are found differs by engine, for
    /// each planner's sake: `revisionTouchedStep` is emptied on every revision and never
    /// analyzed on PostgreSQL, whose planner guesses it large and walks every step of the package
    /// instead; so there the IDs are read first and looked up by key, and the package is compared
    /// as text so that no plan starts from the package's steps. SQLite's planner looks the steps
    /// up from the join when CROSS JOIN keeps the touched steps the outer loop, and given an ID
    /// list would rather walk the package's steps by its index.
    private static func touchedSteps(in db: StoreDatabase) throws -> (steps: String, operands: String, arguments: SQLArguments) {
        switch db.dialect {
        case .sqlite:
            return ("revisionTouchedStep t CROSS JOIN step s WHERE s.id = t.stepID AND s.packageID = ?",
                    "revisionTouchedStep t CROSS JOIN step s CROSS JOIN conditionOperand o WHERE s.id = t.stepID AND o.stepID = s.id AND s.packageID = ?", [])
        case .postgresql:
            let ids = QuerySQL(.inIDs(try db.values(Int64.self, "SELECT stepID FROM revisionTouchedStep"))).render(db.dialect)
            let package = "CAST(s.packageID AS text) = CAST(? AS text)"
            return ("step s WHERE s.id \(ids.sql) AND \(package)",
                    "conditionOperand o JOIN step s ON s.id = o.stepID WHERE o.stepID \(ids.sql) AND \(package)", ids.arguments)
        }
    }

    /// The package row as it is now. References (as large as the sequence's list of packages)
    /// are written only by a snapshot or when they changed, and compared as stored text, so an
    /// edit that leaves them alone costs the same whatever their size.
    private static func writePackage(revisionID: Int64, packageID: String, isSnapshot: Bool, deltaSteps: Int, snapshotSteps: Int,
                                     stored: PackageRow? = nil, in db: StoreDatabase) throws {
        guard var package = try stored ?? PackageRow.fetchOne(db, packageID: packageID) else { throw StoreError.packageNotFound(packageID) }
        let references = package.references
        package.references = "[]"
        let properties = try JSONColumn.encode(try package.properties())
        var changedReferences: String? = references
        if !isSnapshot, try latestReferences(packageID: packageID, upTo: revisionID, in: db) == references { changedReferences = nil }
        try db.run("""
            INSERT INTO revisionPackage (revisionID, packageID, isSnapshot, deltaSteps, snapshotSteps, properties, "references", sequenceAttributes, layout)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [revisionID, packageID, isSnapshot, deltaSteps, snapshotSteps, properties, changedReferences,
                             package.sequenceAttributes, package.layout])
    }

    /// The References text (JSON) the package had after revision `revisionID`.
    static func latestReferences(packageID: String, upTo revisionID: Int64, in db: StoreDatabase) throws -> String? {
        try db.value(String.self, """
            SELECT "references" FROM revisionPackage WHERE packageID = ? AND revisionID <= ? AND "references" IS NOT NULL
            ORDER BY revisionID DESC LIMIT 1
            """, [packageID, revisionID])
    }

    // MARK: Reading

    /// Whether revision `revisionID` of the package has an image (revisions recorded before
    /// history-v5 and those retention dropped have none).
    public static func hasImage(revisionID: Int64, in db: StoreDatabase) throws -> Bool {
        try db.exists("SELECT 1 FROM revisionPackage WHERE revisionID = ?", [revisionID])
    }

    /// The package as it was after revision `revisionID`: its rows as they were then.
    /// `nil` when the revision has no image.
    public static func image(revisionID: Int64, packageID: String, in db: StoreDatabase) throws -> PackageImage? {
        guard let packageRow = try db.row("""
            SELECT properties, sequenceAttributes, layout FROM revisionPackage WHERE revisionID = ? AND packageID = ?
            """, [revisionID, packageID]) else { return nil }
        guard let base = try db.value(Int64.self, """
            SELECT MAX(revisionID) FROM revisionPackage WHERE packageID = ? AND isSnapshot = 1 AND revisionID <= ?
            """, [packageID, revisionID]) else {
            throw StoreError.corrupt("revision \(revisionID) of \(packageID) has no snapshot before it")
        }
        var properties = try JSONColumn.decode(PackageProperties.self, from: packageRow.decode(at: 0, as: String.self))
        if let references = try latestReferences(packageID: packageID, upTo: revisionID, in: db) {
            properties.references = try JSONColumn.decode([PackageReference].self, from: references)
        }
        let rows: (steps: [StepRow], variables: [StepVariableRow], operands: [ConditionOperandRow])
        if try db.exists("SELECT 1 FROM revisionLiveImage WHERE revisionID = ?", [base]) {
            // A live base has had no change since: nothing was copied, the rows are the image
            // (none when the package had no steps and is gone: no trigger had anything to copy).
            let steps = try StepRow.fetchAll(db, packageID: packageID)
            rows = (steps, try StepVariableRow.rows(of: steps), try ConditionOperandRow.fetchAll(db, packageID: packageID))
        } else {
            rows = try imageRows(packageID: packageID, base: base, revisionID: revisionID, in: db)
        }
        return PackageImage(properties: properties, sequenceAttributes: try packageRow.decode(at: 1), layout: try packageRow.decode(at: 2),
                            steps: rows.steps, variables: rows.variables, operands: rows.operands)
    }

    /// The latest image of each step in base…revisionID; whether that image records the step's
    /// removal is read from the image itself.
    private static func imageRows(packageID: String, base: Int64, revisionID: Int64, in db: StoreDatabase) throws
        -> (steps: [StepRow], variables: [StepVariableRow], operands: [ConditionOperandRow]) {
        let latest = """
            WITH latest AS (
                SELECT id, MAX(revisionID) AS revisionID FROM revisionStep
                WHERE packageID = ? AND revisionID BETWEEN ? AND ? GROUP BY id)
            """
        let arguments: SQLArguments = [packageID, base, revisionID]
        let steps = try db.rows(latest + """
            SELECT s.* FROM revisionStep s JOIN latest l ON s.revisionID = l.revisionID AND s.id = l.id
            WHERE s.removed = 0 ORDER BY s.parentID, s.position
            """, arguments).map(StepRow.init(row:))
        let variables = try StepVariableRow.rows(of: steps)
        let operands = try db.rows(latest + """
            SELECT o.* FROM revisionConditionOperand o JOIN latest l ON o.revisionID = l.revisionID AND o.stepID = l.id
            JOIN revisionStep s ON s.revisionID = l.revisionID AND s.id = l.id
            WHERE s.removed = 0 ORDER BY o.stepID, o.parentID, o.position
            """, arguments).map(ConditionOperandRow.init(row:))
        return (steps, variables, operands)
    }
}
