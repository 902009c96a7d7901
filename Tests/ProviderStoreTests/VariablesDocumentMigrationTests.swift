import Foundation
import Testing
import TestSupport
import TaskSequenceModel
@testable import ProviderStore

/// `postgresql-v6` folds a PostgreSQL store's `stepVariable` and `revisionStepVariable` rows
/// into the documents of their steps and step images, in order, foreign entries included.
/// (SQLite's `v10` is checked on a store from before history-v5 by `RevisionImagesTests`.)
@Suite struct VariablesDocumentMigrationTests {
    private static let entries: [VariableListEntry] = [
        .variable(Variable(name: "CommandLine", property: "CommandLine", value: "cmd /c \"echo é\"\n")),
        .foreign(.comment(" kept ")),
        .variable(Variable(name: "SuccessCodes", property: "SuccessCodes", value: "0 3010")),
    ]

    @Test(.enabled(if: TestStoreEngine.current == .postgresql, "the PostgreSQL pass runs it"))
    func postgreSQLStoresKeepEveryVariableOfStepsAndImages() throws {
        let location = StoreLocation.postgresql(try PostgresServer.shared().createDatabase())
        let before = Array(PostgresSchema.migrations.prefix { !$0.identifier.hasPrefix("postgresql-v6") })
        var properties = PackageProperties()
        properties.packageID = "PS100001"
        properties.name = "Before v6"
        let step = Step.action(className: "SMS_TaskSequence_RunCommandLineAction", name: "Run", commandLine: "cmd",
                               variables: Self.entries.compactMap { if case .variable(let variable) = $0 { variable } else { nil } })
        let layout = try JSONColumn.encode(StepContent(children: step.children).layout)
        do {
            let old = try ProviderStore(location: location, postgresMigrations: before)
            try old.write { db in
                try PackageRow(properties: properties).insert(db)
                let stepID = try db.insertReturningID("""
                    INSERT INTO step (packageID, parentID, position, kind, className, name, description, enabled, continueOnError, attributes, layout)
                    VALUES ('PS100001', NULL, 65536, 'step', 'SMS_TaskSequence_RunCommandLineAction', 'Run', '', 1, 0, ?, ?)
                    """, [try JSONColumn.encode(step.attributes), layout])
                var revision = RevisionRow(packageID: "PS100001", sourceVersion: 1, uid: 0, userName: "root", time: 1, change: "import")
                try revision.insert(db)
                let revisionID = try #require(revision.id)
                try db.run("""
                    INSERT INTO revisionPackage (revisionID, packageID, isSnapshot, deltaSteps, snapshotSteps, properties, "references", sequenceAttributes, layout)
                    VALUES (?, 'PS100001', 1, 0, 1, ?, '[]', '[]', '[]')
                    """, [revisionID, String(decoding: try JSONEncoder().encode(properties), as: UTF8.self)])
                try db.run("""
                    INSERT INTO revisionStep (revisionID, removed, id, packageID, parentID, position, kind, className, name, description, enabled,
                                              continueOnError, contributesFacts, hasCondition, attributes, layout)
                    SELECT ?, 0, id, packageID, parentID, position, kind, className, name, description, enabled, continueOnError, contributesFacts,
                           hasCondition, attributes, layout FROM step WHERE id = ?
                    """, [revisionID, stepID])
                // Written out of order: the position, not the insertion order, is what counts.
                for (position, entry) in Self.entries.enumerated().reversed() {
                    let row = try StepVariableRow(stepID: stepID, position: Int64(position), entry: entry)
                    let values: SQLArguments = [stepID, row.position, row.name, row.property, row.value, row.attributes, row.foreign]
                    try db.run("""
                        INSERT INTO stepVariable (stepID, position, name, property, value, attributes, "foreign") VALUES (?, ?, ?, ?, ?, ?, ?)
                        """, values)
                    try db.run("""
                        INSERT INTO revisionStepVariable (revisionID, stepID, position, name, property, value, attributes, "foreign")
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """, [revisionID] + values)
                }
            }
        }
        let store = try ProviderStore(location: location)
        try store.read { db in
            let live = try StepVariableRow.rows(of: StepRow.fetchAll(db, packageID: "PS100001"))
            #expect(try live.map { try $0.entry() } == Self.entries)
            let revisionID = try #require(try db.value(Int64.self, "SELECT MAX(id) FROM revision"))
            let image = try #require(try RevisionImages.image(revisionID: revisionID, packageID: "PS100001", in: db))
            #expect(try image.variables.map { try $0.entry() } == Self.entries)
            #expect(try db.value(Int.self, "SELECT COUNT(*) FROM information_schema.tables WHERE table_name IN ('stepvariable', 'revisionstepvariable')") == 0)
        }
    }
}
