import Foundation
import GRDB
import TaskSequenceModel

/// Writes and reads the images that make every revision of a package readable: a snapshot of
/// every step now and then, and between snapshots a delta of only the steps a revision touched
/// (docs/history.md says why this scheme).
public enum RevisionImages {
    /// Fewest step images written in deltas before a new snapshot is due, so a tiny sequence is
    /// not snapshotted on every edit.
    static let minimumDeltaStepsBeforeSnapshot = 32

    /// Records the package as it is now as revision `revisionID`: a snapshot when `whole` (or
    /// when the deltas since the last snapshot have written as many step images as it held),
    /// else the images of the steps touched since the last revision was recorded.
    public static func record(revisionID: Int64, packageID: String, whole: Bool, in db: Database) throws {
        let previous = try Row.fetchOne(db, sql: """
            SELECT deltaSteps, snapshotSteps FROM revisionPackage WHERE packageID = ? ORDER BY revisionID DESC LIMIT 1
            """, arguments: [packageID])
        let touched = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM revisionTouchedStep") ?? 0
        if whole || previous == nil {
            try writeSnapshot(revisionID: revisionID, packageID: packageID, in: db)
        } else if let previous {
            let deltaSteps: Int = previous[0], snapshotSteps: Int = previous[1]
            let written = deltaSteps + touched
            if written >= max(snapshotSteps, minimumDeltaStepsBeforeSnapshot) {
                try writeSnapshot(revisionID: revisionID, packageID: packageID, in: db)
            } else {
                try writeDelta(revisionID: revisionID, packageID: packageID, deltaSteps: written, snapshotSteps: snapshotSteps, in: db)
            }
        }
        try db.execute(sql: "DELETE FROM revisionTouchedStep")
    }

    /// Runs `body` without noting the steps it touches. Only for writes that are recorded as a
    /// snapshot (a new package): their revision copies every row anyway.
    public static func withoutTracking<T>(in db: Database, _ body: () throws -> T) throws -> T {
        try db.execute(sql: "INSERT INTO revisionTrackingPause (reason) VALUES ('whole write')")
        let result: T
        do {
            result = try body()
        } catch {
            // The transaction is rolled back anyway; this keeps the pause from outliving it if not.
            try? db.execute(sql: "DELETE FROM revisionTrackingPause")
            throw error
        }
        try db.execute(sql: "DELETE FROM revisionTrackingPause")
        return result
    }

    /// Forgets what changed since the last recorded revision (after changes that are not
    /// revisions of a package still stored, such as deleting one).
    public static func forgetTouchedSteps(in db: Database) throws {
        try db.execute(sql: "DELETE FROM revisionTouchedStep")
    }

    static func writeSnapshot(revisionID: Int64, packageID: String, in db: Database) throws {
        try db.execute(sql: """
            INSERT INTO revisionStep
            SELECT ?, 0, id, packageID, parentID, position, kind, className, name, description, enabled, continueOnError,
                   supportedEnvironment, timeout, actionText, contributesFacts, hasCondition, attributes, layout
            FROM step WHERE packageID = ?
            """, arguments: [revisionID, packageID])
        let steps = db.changesCount
        try db.execute(sql: """
            INSERT INTO revisionStepVariable
            SELECT ?, v.stepID, v.position, v.name, v.property, v.value, v.attributes, v."foreign"
            FROM stepVariable v JOIN step s ON s.id = v.stepID WHERE s.packageID = ?
            """, arguments: [revisionID, packageID])
        try db.execute(sql: """
            INSERT INTO revisionConditionOperand
            SELECT ?, o.id, o.stepID, o.parentID, o.position, o.kind, o.className, o.attributes, o.content
            FROM conditionOperand o JOIN step s ON s.id = o.stepID WHERE s.packageID = ?
            """, arguments: [revisionID, packageID])
        try writePackage(revisionID: revisionID, packageID: packageID, isSnapshot: true, deltaSteps: 0, snapshotSteps: steps, in: db)
    }

    // CROSS JOIN keeps the few touched steps the outer loop: without statistics SQLite may
    // otherwise walk every step of the package and look each up among the touched.
    private static func writeDelta(revisionID: Int64, packageID: String, deltaSteps: Int, snapshotSteps: Int, in db: Database) throws {
        try db.execute(sql: """
            INSERT INTO revisionStep
            SELECT ?, 0, s.id, s.packageID, s.parentID, s.position, s.kind, s.className, s.name, s.description, s.enabled, s.continueOnError,
                   s.supportedEnvironment, s.timeout, s.actionText, s.contributesFacts, s.hasCondition, s.attributes, s.layout
            FROM revisionTouchedStep t CROSS JOIN step s ON s.id = t.stepID WHERE s.packageID = ?
            """, arguments: [revisionID, packageID])
        // Touched steps that are gone. A step of another package cannot be among them: every
        // change of steps records a revision of their package in the same transaction.
        try db.execute(sql: """
            INSERT INTO revisionStep (revisionID, removed, id, packageID)
            SELECT ?, 1, t.stepID, ? FROM revisionTouchedStep t WHERE NOT EXISTS (SELECT 1 FROM step s WHERE s.id = t.stepID)
            """, arguments: [revisionID, packageID])
        try db.execute(sql: """
            INSERT INTO revisionStepVariable
            SELECT ?, v.stepID, v.position, v.name, v.property, v.value, v.attributes, v."foreign"
            FROM revisionTouchedStep t CROSS JOIN step s ON s.id = t.stepID CROSS JOIN stepVariable v ON v.stepID = s.id WHERE s.packageID = ?
            """, arguments: [revisionID, packageID])
        try db.execute(sql: """
            INSERT INTO revisionConditionOperand
            SELECT ?, o.id, o.stepID, o.parentID, o.position, o.kind, o.className, o.attributes, o.content
            FROM revisionTouchedStep t CROSS JOIN step s ON s.id = t.stepID CROSS JOIN conditionOperand o ON o.stepID = s.id WHERE s.packageID = ?
            """, arguments: [revisionID, packageID])
        try writePackage(revisionID: revisionID, packageID: packageID, isSnapshot: false, deltaSteps: deltaSteps, snapshotSteps: snapshotSteps, in: db)
    }

    /// The package row as it is now. References (as large as the sequence's list of packages)
    /// are written only by a snapshot or when they changed, and compared as stored text, so an
    /// edit that leaves them alone costs the same whatever their size.
    private static func writePackage(revisionID: Int64, packageID: String, isSnapshot: Bool, deltaSteps: Int, snapshotSteps: Int, in db: Database) throws {
        guard var package = try PackageRow.fetchOne(db, packageID: packageID) else { throw StoreError.packageNotFound(packageID) }
        let references = package.references
        package.references = "[]"
        let properties = try JSONEncoder().encode(try package.properties())
        var changedReferences: String? = references
        if !isSnapshot, try latestReferences(packageID: packageID, upTo: revisionID, in: db) == references { changedReferences = nil }
        try db.execute(sql: """
            INSERT INTO revisionPackage (revisionID, packageID, isSnapshot, deltaSteps, snapshotSteps, properties, "references", sequenceAttributes, layout)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [revisionID, packageID, isSnapshot, deltaSteps, snapshotSteps, String(decoding: properties, as: UTF8.self), changedReferences,
                             package.sequenceAttributes, package.layout])
    }

    /// The References text (JSON) the package had after revision `revisionID`.
    static func latestReferences(packageID: String, upTo revisionID: Int64, in db: Database) throws -> String? {
        try String.fetchOne(db, sql: """
            SELECT "references" FROM revisionPackage WHERE packageID = ? AND revisionID <= ? AND "references" IS NOT NULL
            ORDER BY revisionID DESC LIMIT 1
            """, arguments: [packageID, revisionID])
    }

    // MARK: Reading

    /// Whether revision `revisionID` of the package has an image (revisions recorded before
    /// history-v5 and those retention dropped have none).
    public static func hasImage(revisionID: Int64, in db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM revisionPackage WHERE revisionID = ?)", arguments: [revisionID]) ?? false
    }

    /// The package as it was after revision `revisionID`: its rows as they were then.
    /// `nil` when the revision has no image.
    public static func image(revisionID: Int64, packageID: String, in db: Database) throws -> PackageImage? {
        guard let packageRow = try Row.fetchOne(db, sql: """
            SELECT properties, sequenceAttributes, layout FROM revisionPackage WHERE revisionID = ? AND packageID = ?
            """, arguments: [revisionID, packageID]) else { return nil }
        guard let base = try Int64.fetchOne(db, sql: """
            SELECT MAX(revisionID) FROM revisionPackage WHERE packageID = ? AND isSnapshot AND revisionID <= ?
            """, arguments: [packageID, revisionID]) else {
            throw StoreError.corrupt("revision \(revisionID) of \(packageID) has no snapshot before it")
        }
        // The latest image of each step in base…revisionID; SQLite takes the other columns from
        // the row holding the MAX.
        let latest = """
            WITH latest AS (
                SELECT id, MAX(revisionID) AS revisionID, removed FROM revisionStep
                WHERE packageID = ? AND revisionID BETWEEN ? AND ? GROUP BY id)
            """
        let arguments: StatementArguments = [packageID, base, revisionID]
        let steps = try StepRow.fetchAll(db, sql: latest + """
            SELECT s.* FROM revisionStep s JOIN latest l ON s.revisionID = l.revisionID AND s.id = l.id
            WHERE NOT l.removed ORDER BY s.parentID, s.position
            """, arguments: arguments)
        let variables = try StepVariableRow.fetchAll(db, sql: latest + """
            SELECT v.* FROM revisionStepVariable v JOIN latest l ON v.revisionID = l.revisionID AND v.stepID = l.id
            WHERE NOT l.removed ORDER BY v.stepID, v.position
            """, arguments: arguments)
        let operands = try ConditionOperandRow.fetchAll(db, sql: latest + """
            SELECT o.* FROM revisionConditionOperand o JOIN latest l ON o.revisionID = l.revisionID AND o.stepID = l.id
            WHERE NOT l.removed ORDER BY o.stepID, o.parentID, o.position
            """, arguments: arguments)
        let propertiesText: String = packageRow[0]
        var properties = try JSONDecoder().decode(PackageProperties.self, from: Data(propertiesText.utf8))
        if let references = try latestReferences(packageID: packageID, upTo: revisionID, in: db) {
            properties.references = try JSONColumn.decode([PackageReference].self, from: references)
        }
        return PackageImage(properties: properties, sequenceAttributes: packageRow[1], layout: packageRow[2], steps: steps, variables: variables, operands: operands)
    }
}
