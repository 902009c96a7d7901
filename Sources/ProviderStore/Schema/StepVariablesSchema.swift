/// Migration `v10-step-variables-document` (`postgresql-v6`): a step's variables become one
/// JSON document in its row (`step.variables`, `StepVariableRow`), and so do the variables of
/// every step image (`revisionStep.variables`); the `stepVariable` and `revisionStepVariable`
/// tables go. Entries keep their order; the document's keys are in the order
/// `StepVariableRow.document` writes them, so the fast reader takes migrated text too.
enum StepVariablesSchema {
    /// One `stepVariable`-shaped row `v` as a document entry (SQLite).
    private static let sqliteEntry = """
        CASE WHEN v."foreign" IS NULL THEN json_object('a', json(v.attributes), 'n', v.name, 'p', v.property, 'v', v.value)
             ELSE json_object('f', json(v."foreign")) END
        """

    static let sqlite = """
        ALTER TABLE step ADD COLUMN variables TEXT NOT NULL DEFAULT '[]';
        UPDATE step SET variables = (
            SELECT json_group_array(json(entry)) FROM (
                SELECT \(sqliteEntry) AS entry FROM stepVariable v WHERE v.stepID = step.id ORDER BY v.position))
        WHERE id IN (SELECT stepID FROM stepVariable);
        ALTER TABLE revisionStep ADD COLUMN variables TEXT;
        UPDATE revisionStep SET variables = (
            SELECT json_group_array(json(entry)) FROM (
                SELECT \(sqliteEntry) AS entry FROM revisionStepVariable v
                WHERE v.revisionID = revisionStep.revisionID AND v.stepID = revisionStep.id ORDER BY v.position))
        WHERE removed = 0;
        DROP TABLE stepVariable;
        DROP TABLE revisionStepVariable;
        """

    private static let postgresqlDocument = """
        json_agg(CASE WHEN "foreign" IS NULL
                      THEN json_build_object('a', attributes::json, 'n', name::text, 'p', property::text, 'v', value::text)
                      ELSE json_build_object('f', "foreign"::json) END ORDER BY position)::text
        """

    static let postgresql = """
        ALTER TABLE step ADD COLUMN variables text NOT NULL DEFAULT '[]';
        UPDATE step s SET variables = d.document
        FROM (SELECT stepID, \(postgresqlDocument) AS document FROM stepVariable GROUP BY stepID) d WHERE s.id = d.stepID;
        ALTER TABLE revisionStep ADD COLUMN variables text;
        UPDATE revisionStep r SET variables = d.document
        FROM (SELECT revisionID, stepID, \(postgresqlDocument) AS document FROM revisionStepVariable GROUP BY revisionID, stepID) d
        WHERE r.revisionID = d.revisionID AND r.id = d.stepID;
        UPDATE revisionStep SET variables = '[]' WHERE removed = 0 AND variables IS NULL;
        DROP TABLE stepVariable;
        DROP TABLE revisionStepVariable;
        """
}
