import Foundation
import GRDB
import Testing
@testable import ProviderStore

/// The PostgreSQL schema against the SQLite one a fresh store gets: every table, column,
/// index and trigger has its twin. (scripts/compare-schemas.sh applies it to a real server and
/// compares types, defaults and trigger effects; the engine's suites run on it once the driver
/// lands.)
@Suite struct PostgresSchemaTests {
    private var sql: String { PostgresSchema.migrations.map(\.sql).joined(separator: "\n") }

    private func sqliteNames(_ type: String, in fixture: TemporaryStore) throws -> [String] {
        try fixture.store.database.read { db in
            try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = ? AND sql IS NOT NULL
                AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations' ORDER BY name
                """, arguments: [type])
        }
    }

    /// The text of `CREATE TABLE table (…);`, or "" when there is none.
    private func createStatement(of table: String) -> String {
        guard let start = sql.range(of: "CREATE TABLE \(table) ("),
              let end = sql.range(of: ");", range: start.upperBound..<sql.endIndex) else { return "" }
        return String(sql[start.lowerBound..<end.upperBound])
    }

    /// The columns later migrations add to `table`: each `ALTER TABLE table ADD COLUMN …;`.
    private func addedColumns(of table: String) -> String {
        var statements: [String] = []
        var rest = sql.startIndex..<sql.endIndex
        while let start = sql.range(of: "ALTER TABLE \(table) ADD COLUMN ", range: rest),
              let end = sql.range(of: ";", range: start.upperBound..<sql.endIndex) {
            statements.append(String(sql[start.upperBound..<end.lowerBound]))
            rest = end.upperBound..<sql.endIndex
        }
        return statements.joined(separator: ", ")
    }

    @Test func oneMigrationCreatesEveryTableOfSQLite() throws {
        let fixture = try TemporaryStore(engine: .sqlite)
        let tables = try sqliteNames("table", in: fixture)
        #expect(PostgresSchema.migrations.map(\.identifier) == [
            "postgresql-v1: the schema of SQLite's migrations up to history-v5-revision-images",
            "postgresql-v2: conditionProperty.position (SQLite's v6-condition-property-position)",
            "postgresql-v3: live first revision (SQLite's v7-live-first-revision)",
            "postgresql-v4: revisions with References indexed (SQLite's v8-revision-references-index)",
            "postgresql-v5: step tracking in code (SQLite's v9-step-tracking-in-code)",
            "postgresql-v6: step variables as a document (SQLite's v10-step-variables-document)",
            "postgresql-v7: parent indexes without the top level (SQLite's v11-parent-indexes-without-top-level)",
            "postgresql-v8: expression properties read from the operand (SQLite's v12-expression-properties-in-operand)",
            "postgresql-v9: class indexes behind their container (SQLite's v14-class-indexes-within-their-container)",
        ])
        #expect(tables.count == 28)
        #expect(Set(PostgresSchema.tables) == Set(tables))
        for table in tables {
            #expect(!createStatement(of: table).isEmpty, "no CREATE TABLE \(table)")
        }
    }

    @Test func everyColumnOfSQLiteIsDeclared() throws {
        let fixture = try TemporaryStore(engine: .sqlite)
        for table in try sqliteNames("table", in: fixture) {
            let columns = try fixture.store.database.read { db in try db.columns(in: table).map(\.name) }
            let statement = createStatement(of: table) + "\n" + addedColumns(of: table)
            for column in columns {
                let declared = statement.range(of: #"(^|[\s(,])"?\#(column)"? (bigint|text|citext|bytea)"#, options: .regularExpression) != nil
                #expect(declared, "\(table).\(column) not declared in PostgreSQL")
            }
        }
    }

    @Test func everyIndexAndTriggerOfSQLiteHasItsTwin() throws {
        let fixture = try TemporaryStore(engine: .sqlite)
        let indexes = try sqliteNames("index", in: fixture)
        #expect(indexes.count == 28)
        for index in indexes where PostgresSchema.foldedSQLiteIndexes[index] == nil {
            #expect(sql.contains("INDEX \(index) ON "), "no index \(index)")
        }
        for (_, twin) in PostgresSchema.foldedSQLiteIndexes where !twin.hasSuffix("_pkey") {
            #expect(sql.contains("INDEX \(twin) ON "), "folded into \(twin), which does not exist")
        }
        let triggers = try sqliteNames("trigger", in: fixture)
        #expect(triggers.count == 7)
        for trigger in triggers {
            #expect(sql.contains("CREATE TRIGGER \(trigger) "), "no trigger \(trigger)")
        }
    }

    /// The deployed-collection refusal raises SQLite's message, which the driver passes on as
    /// `StoreError.refusedByRule`.
    @Test func deployedCollectionRefusalKeepsItsMessage() {
        #expect(sql.contains("RAISE EXCEPTION '%', '\(DeploymentTables.deployedCollectionMessage)';"))
    }

    /// scripts/compare-schemas.sh reads the migration and a fresh SQLite store from the
    /// directory in TSPROVIDER_SCHEMA_DUMP; without it the files go to a temporary directory.
    @Test func dumpsBothSchemasForTheComparisonScript() throws {
        let fixture = try TemporaryStore(engine: .sqlite)
        let directory = ProcessInfo.processInfo.environment["TSPROVIDER_SCHEMA_DUMP"].map { URL(fileURLWithPath: $0) }
            ?? fixture.directory.appendingPathComponent("dump")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let sqlFile = directory.appendingPathComponent("postgresql.sql")
        let storeFile = directory.appendingPathComponent("store.sqlite")
        let foldedFile = directory.appendingPathComponent("folded-indexes.tsv")
        try? FileManager.default.removeItem(at: storeFile)
        try sql.write(to: sqlFile, atomically: true, encoding: .utf8)
        try PostgresSchema.foldedSQLiteIndexes.sorted { $0.key < $1.key }.map { "\($0.key)\t\($0.value)\n" }.joined()
            .write(to: foldedFile, atomically: true, encoding: .utf8)
        try fixture.store.database.writeWithoutTransaction { db in
            try db.execute(sql: "VACUUM INTO ?", arguments: [storeFile.path])
        }
        #expect(try String(contentsOf: sqlFile, encoding: .utf8) == sql)
        let copy = try DatabaseQueue(path: storeFile.path)
        let tables = try copy.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
        #expect(Set(PostgresSchema.tables).isSubset(of: Set(tables)))
    }
}
