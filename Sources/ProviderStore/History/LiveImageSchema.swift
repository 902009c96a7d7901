import GRDB

/// A snapshot revision whose step images are still the package's live rows
/// (`revisionLiveImage`), copied into the image tables only when the package is about to change.
///
/// A new package's first revision is a snapshot of rows just written: copying them at once
/// wrote every step, variable and operand of an import twice (a tenth of an import's
/// instructions, and as many pages again for the WAL). Instead the revision points at the live
/// rows, and they are copied — as they are before the first change — the moment anything would
/// change them: by `BEFORE` triggers on `step`, `stepVariable` and `conditionOperand` from v7,
/// and since v9 by the writers themselves (`StepChangeTracking.willChange`, the same statements).
enum LiveImageSchema {
    /// What is copied for package `package` (an SQL expression) before its rows first change,
    /// and then forgotten (`StepChangeTracking.willChange`). A step's variables are in its row.
    static func materializeStatements(package: String, dialect: SQLDialect) -> [String] {
        let (insert, ignoring) = insertIgnoring(dialect)
        return [
            """
            \(insert) revisionStep (\(RevisionImages.stepImageColumns))
            SELECT l.revisionID, 0, s.id, s.packageID, s.parentID, s.position, s.kind, s.className, s.name, s.description, s.enabled,
                   s.continueOnError, s.supportedEnvironment, s.timeout, s.actionText, s.contributesFacts, s.hasCondition, s.attributes, s.layout,
                   s.variables
            FROM revisionLiveImage l JOIN step s ON s.packageID = l.packageID WHERE l.packageID = \(package)\(ignoring)
            """,
            operandStatement(package: package, insert: insert, ignoring: ignoring),
            "DELETE FROM revisionLiveImage WHERE packageID = \(package)",
        ]
    }

    /// The statements v7's triggers ran, as they were then (variables as rows of their own):
    /// the v7 migrations create those triggers, and v9 drops them.
    private static func v7MaterializeStatements(package: String, dialect: SQLDialect) -> [String] {
        let (insert, ignoring) = insertIgnoring(dialect)
        return [
            """
            \(insert) revisionStep (revisionID, removed, id, packageID, parentID, position, kind, className, name, description, enabled,
            continueOnError, supportedEnvironment, timeout, actionText, contributesFacts, hasCondition, attributes, layout)
            SELECT l.revisionID, 0, s.id, s.packageID, s.parentID, s.position, s.kind, s.className, s.name, s.description, s.enabled,
                   s.continueOnError, s.supportedEnvironment, s.timeout, s.actionText, s.contributesFacts, s.hasCondition, s.attributes, s.layout
            FROM revisionLiveImage l JOIN step s ON s.packageID = l.packageID WHERE l.packageID = \(package)\(ignoring)
            """,
            """
            \(insert) revisionStepVariable (revisionID, stepID, position, name, property, value, attributes, "foreign")
            SELECT l.revisionID, v.stepID, v.position, v.name, v.property, v.value, v.attributes, v."foreign"
            FROM revisionLiveImage l JOIN step s ON s.packageID = l.packageID JOIN stepVariable v ON v.stepID = s.id
            WHERE l.packageID = \(package)\(ignoring)
            """,
            operandStatement(package: package, insert: insert, ignoring: ignoring),
            "DELETE FROM revisionLiveImage WHERE packageID = \(package)",
        ]
    }

    /// `insert` starts an insert that skips rows already copied on this engine; `ignoring` ends it.
    private static func insertIgnoring(_ dialect: SQLDialect) -> (insert: String, ignoring: String) {
        switch dialect {
        case .sqlite: ("INSERT OR IGNORE INTO", "")
        case .postgresql: ("INSERT INTO", " ON CONFLICT DO NOTHING")
        }
    }

    private static func operandStatement(package: String, insert: String, ignoring: String) -> String {
        """
        \(insert) revisionConditionOperand (\(RevisionImages.operandImageColumns))
        SELECT l.revisionID, o.id, o.stepID, o.parentID, o.position, o.kind, o.className, o.attributes, o.content
        FROM revisionLiveImage l JOIN step s ON s.packageID = l.packageID JOIN conditionOperand o ON o.stepID = s.id
        WHERE l.packageID = \(package)\(ignoring)
        """
    }

    /// The tables whose changes copy a live image first, with the package of the changed row
    /// (`ROW` stands for `NEW` or `OLD`). A step's parts find theirs through the step, which a
    /// cascade may already have removed — by then the step's own trigger has copied the image.
    static let watchedTables: [(table: String, package: String)] = [
        ("step", "ROW.packageID"),
        ("stepVariable", "(SELECT packageID FROM step WHERE id = ROW.stepID)"),
        ("conditionOperand", "(SELECT packageID FROM step WHERE id = ROW.stepID)"),
    ]

    static let table = """
        CREATE TABLE revisionLiveImage (
            revisionID INTEGER PRIMARY KEY REFERENCES revision(id) ON DELETE CASCADE,
            packageID TEXT NOT NULL
        );
        CREATE INDEX revisionLiveImage_on_package ON revisionLiveImage(packageID);
        """

    /// SQLite: nine triggers, each copying the image of the changed row's package (both, for an
    /// update that moves a row) when it has a live one. Nothing is live while tracking is paused:
    /// only a new package is written then.
    static func createSQLite(_ db: Database) throws {
        var sql = table
        for (table, package) in watchedTables {
            for event in ["INSERT", "UPDATE", "DELETE"] {
                let rows = event == "INSERT" ? ["NEW"] : event == "DELETE" ? ["OLD"] : ["OLD", "NEW"]
                let packages = rows.map { package.replacingOccurrences(of: "ROW", with: $0) }
                let live = packages.map { "EXISTS (SELECT 1 FROM revisionLiveImage WHERE packageID = \($0))" }.joined(separator: " OR ")
                let body = packages.flatMap { v7MaterializeStatements(package: $0, dialect: .sqlite) }.map { $0 + ";" }.joined(separator: "\n")
                sql += """

                    CREATE TRIGGER \(table)_live_image_\(event.lowercased()) BEFORE \(event) ON \(table)
                    WHEN NOT EXISTS (SELECT 1 FROM revisionTrackingPause) AND (\(live))
                    BEGIN
                    \(body)
                    END;
                    """
            }
        }
        try db.execute(sql: sql)
    }

    /// PostgreSQL: one function copies a package's live image; one trigger function per table
    /// finds the package of the changed row and calls it; the triggers keep SQLite's names.
    static let postgres: String = {
        // citext as `step.packageID` is there, so the joins and lookups use their indexes.
        var sql = table.replacingOccurrences(of: "revisionID INTEGER", with: "revisionID bigint").replacingOccurrences(of: "TEXT", with: "citext")
        sql += """

            CREATE FUNCTION copy_live_image(target citext) RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
                IF target IS NULL OR NOT EXISTS (SELECT 1 FROM revisionLiveImage WHERE packageID = target) THEN RETURN; END IF;
            \(v7MaterializeStatements(package: "target", dialect: .postgresql).map { $0 + ";" }.joined(separator: "\n"))
            END $$;

            """
        for (table, package) in watchedTables {
            sql += """
                CREATE FUNCTION \(table)_live_image() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NOT EXISTS (SELECT 1 FROM revisionTrackingPause) THEN
                        IF TG_OP <> 'INSERT' THEN PERFORM copy_live_image(\(package.replacingOccurrences(of: "ROW", with: "OLD"))); END IF;
                        IF TG_OP <> 'DELETE' THEN PERFORM copy_live_image(\(package.replacingOccurrences(of: "ROW", with: "NEW"))); END IF;
                    END IF;
                    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                    RETURN NEW;
                END $$;

                """
            for event in ["insert", "update", "delete"] {
                sql += "CREATE TRIGGER \(table)_live_image_\(event) BEFORE \(event.uppercased()) ON \(table) FOR EACH ROW EXECUTE FUNCTION \(table)_live_image();\n"
            }
        }
        return sql
    }()
}
