import GRDB

/// Tables that keep every revision of a package readable (docs/history.md):
///
/// - `revisionPackage`: one row per revision — the package's properties and `<sequence>` element
///   as they were after it, and whether the revision's steps are a snapshot (every step) or a
///   delta (only the steps it touched).
/// - `revisionStep`, `revisionStepVariable`, `revisionConditionOperand`: images of step rows as
///   they were after a revision, columns as in `step`, `stepVariable`, `conditionOperand`; a
///   `removed` step image says the step was gone after that revision.
/// - `revisionTouchedStep`: the steps changed since the last revision was recorded, noted by
///   the store's writers of sequence rows (`StepChangeTracking`; row triggers until v9).
/// - `stepOrigin`, `packageLink`: lineage of copied steps, copies and merges.
enum HistorySchema {
    /// Revisions that recorded References (snapshots, and deltas that changed them): reading a
    /// revision's References looks up the latest of these, which the index on (packageID,
    /// revisionID) found only by walking back over every delta since — hundreds for a large
    /// sequence edited many times between snapshots. The same statement on both engines.
    static let referencesIndex = """
        CREATE INDEX revisionPackage_with_references ON revisionPackage(packageID, revisionID) WHERE "references" IS NOT NULL;
        """

    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE revisionPackage (
                revisionID INTEGER PRIMARY KEY REFERENCES revision(id) ON DELETE CASCADE,
                packageID TEXT NOT NULL,
                isSnapshot BOOLEAN NOT NULL,
                -- Step images written since the last snapshot, this revision's included, and the
                -- steps that snapshot held: a new snapshot is due when the first reaches the second.
                deltaSteps INTEGER NOT NULL,
                snapshotSteps INTEGER NOT NULL,
                -- The properties as JSON, References left out: that list grows with the sequence,
                -- so it is kept apart and only when it changed (NULL: as the revision before).
                properties TEXT NOT NULL,
                "references" TEXT,
                sequenceAttributes TEXT NOT NULL,
                layout TEXT NOT NULL
            );
            CREATE INDEX revisionPackage_on_package ON revisionPackage(packageID, revisionID);
            CREATE TABLE revisionStep (
                revisionID INTEGER NOT NULL REFERENCES revision(id) ON DELETE CASCADE,
                removed BOOLEAN NOT NULL,
                id INTEGER NOT NULL,
                packageID TEXT NOT NULL,
                parentID INTEGER, position INTEGER, kind TEXT, className TEXT, name TEXT, description TEXT,
                enabled BOOLEAN, continueOnError BOOLEAN, supportedEnvironment TEXT, timeout INTEGER, actionText TEXT,
                contributesFacts BOOLEAN, hasCondition BOOLEAN, attributes TEXT, layout TEXT,
                PRIMARY KEY (revisionID, id)
            ) WITHOUT ROWID;
            CREATE INDEX revisionStep_on_package ON revisionStep(packageID, revisionID);
            CREATE TABLE revisionStepVariable (
                revisionID INTEGER NOT NULL REFERENCES revision(id) ON DELETE CASCADE,
                stepID INTEGER NOT NULL, position INTEGER NOT NULL,
                name TEXT NOT NULL, property TEXT NOT NULL, value TEXT NOT NULL, attributes TEXT NOT NULL, "foreign" TEXT,
                PRIMARY KEY (revisionID, stepID, position)
            ) WITHOUT ROWID;
            CREATE TABLE revisionConditionOperand (
                revisionID INTEGER NOT NULL REFERENCES revision(id) ON DELETE CASCADE,
                id INTEGER NOT NULL, stepID INTEGER NOT NULL, parentID INTEGER, position INTEGER NOT NULL,
                kind TEXT NOT NULL, className TEXT NOT NULL, attributes TEXT NOT NULL, content TEXT NOT NULL,
                PRIMARY KEY (revisionID, stepID, id)
            ) WITHOUT ROWID;
            CREATE TABLE revisionTouchedStep (stepID INTEGER PRIMARY KEY);
            -- A row here pauses the triggers: a write of a whole new package, which is recorded as
            -- a snapshot anyway, need not note each of its thousands of rows.
            CREATE TABLE revisionTrackingPause (reason TEXT PRIMARY KEY);
            CREATE TRIGGER step_touched_insert AFTER INSERT ON step WHEN NOT EXISTS (SELECT 1 FROM revisionTrackingPause) BEGIN INSERT OR IGNORE INTO revisionTouchedStep VALUES (NEW.id); END;
            CREATE TRIGGER step_touched_update AFTER UPDATE ON step WHEN NOT EXISTS (SELECT 1 FROM revisionTrackingPause) BEGIN INSERT OR IGNORE INTO revisionTouchedStep VALUES (NEW.id); END;
            CREATE TRIGGER step_touched_delete AFTER DELETE ON step WHEN NOT EXISTS (SELECT 1 FROM revisionTrackingPause) BEGIN INSERT OR IGNORE INTO revisionTouchedStep VALUES (OLD.id); END;
            CREATE TRIGGER stepVariable_touched_insert AFTER INSERT ON stepVariable WHEN NOT EXISTS (SELECT 1 FROM revisionTrackingPause) BEGIN INSERT OR IGNORE INTO revisionTouchedStep VALUES (NEW.stepID); END;
            CREATE TRIGGER stepVariable_touched_update AFTER UPDATE ON stepVariable WHEN NOT EXISTS (SELECT 1 FROM revisionTrackingPause) BEGIN INSERT OR IGNORE INTO revisionTouchedStep VALUES (NEW.stepID); END;
            CREATE TRIGGER stepVariable_touched_delete AFTER DELETE ON stepVariable WHEN NOT EXISTS (SELECT 1 FROM revisionTrackingPause) BEGIN INSERT OR IGNORE INTO revisionTouchedStep VALUES (OLD.stepID); END;
            CREATE TRIGGER conditionOperand_touched_insert AFTER INSERT ON conditionOperand WHEN NOT EXISTS (SELECT 1 FROM revisionTrackingPause) BEGIN INSERT OR IGNORE INTO revisionTouchedStep VALUES (NEW.stepID); END;
            CREATE TRIGGER conditionOperand_touched_update AFTER UPDATE ON conditionOperand WHEN NOT EXISTS (SELECT 1 FROM revisionTrackingPause) BEGIN INSERT OR IGNORE INTO revisionTouchedStep VALUES (NEW.stepID); END;
            CREATE TRIGGER conditionOperand_touched_delete AFTER DELETE ON conditionOperand WHEN NOT EXISTS (SELECT 1 FROM revisionTrackingPause) BEGIN INSERT OR IGNORE INTO revisionTouchedStep VALUES (OLD.stepID); END;
            -- Where a step was copied from. No foreign keys: lineage outlives both ends, and a
            -- rollback may bring a deleted step back under its old ID.
            CREATE TABLE stepOrigin (
                stepID INTEGER PRIMARY KEY,
                originPackageID TEXT NOT NULL,
                originStepID INTEGER NOT NULL
            );
            -- A package copied from another (kind 'copy') or changes merged from one into another
            -- ('merge'): FROM at fromVersion went into INTO, which became intoVersion.
            CREATE TABLE packageLink (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                kind TEXT NOT NULL,
                fromPackageID TEXT NOT NULL,
                fromVersion INTEGER NOT NULL,
                intoPackageID TEXT NOT NULL,
                intoVersion INTEGER NOT NULL,
                time INTEGER NOT NULL
            );
            CREATE INDEX packageLink_on_packages ON packageLink(fromPackageID, intoPackageID);
            """)
        // Every existing package becomes readable from its latest revision on: a snapshot of
        // what it holds now. Older revisions keep what they had (the XML of whole-sequence changes).
        let latest = try Row.fetchAll(db, sql: """
            SELECT p.packageID, MAX(r.id) FROM package p JOIN revision r ON r.packageID = p.packageID GROUP BY p.packageID
            """)
        for row in latest {
            let packageID: String = row[0]
            let revisionID: Int64 = row[1]
            try RevisionImages.writeSnapshot(revisionID: revisionID, packageID: packageID, in: db)
        }
        try db.execute(sql: "DELETE FROM revisionTouchedStep")
    }
}
