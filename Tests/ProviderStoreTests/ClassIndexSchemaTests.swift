import GRDB
import Testing
import TestSupport
import TaskSequenceModel
@testable import ProviderStore

/// Migration v14-class-indexes-within-their-container: an earlier store's steps and operands are
/// found by class as before, through the indexes behind their package and step.
@Suite struct ClassIndexSchemaTests {
    @Test func anEarlierStoresClassesAreFoundThroughTheNewIndexes() throws {
        let store = try EarlierStore(migratedUpTo: "v13-instance-permissions-without-rowid: an instance's rights kept in their primary key's B-tree alone")
        let queue = store.queue
        for id in ["PS100001", "PS100002"] {
            try queue.write { db in
                var properties = PackageProperties()
                properties.packageID = id
                properties.name = "Package \(id)"
                try PackageRow(properties: properties).insert(db)
                try SequenceTree.replace(packageID: id, with: Samples.rich, in: db)
            }
        }
        let classes = ["SMS_TaskSequence_RunCommandLineAction", "SMS_TaskSequence_Group"]
        let before = try queue.read { db in
            (try StepRow.stepKeys(db, ofClasses: classes, readable: .all).map { "\($0.packageID) \($0.stepID)" },
             try ConditionOperandRow.operandKeys(db, ofClasses: ["SMS_TaskSequence_VariableConditionExpression"], readable: .all).map { "\($0.stepID) \($0.operandID)" })
        }
        #expect(!before.0.isEmpty && !before.1.isEmpty)

        try store.migrate()
        try queue.read { db in
            let indexes = try db.values(String.self, """
                SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name IN ('step', 'conditionOperand') AND name LIKE '%nocase%' ORDER BY name
                """)
            #expect(indexes == ["step_on_packageID_className_nocase"])
            let container = try db.value(String.self, "SELECT sql FROM sqlite_schema WHERE name = 'conditionOperand_on_container'") ?? ""
            #expect(container.contains("\"position\", className COLLATE NOCASE") || container.contains("position, className COLLATE NOCASE"), "\(container)")
            // Class names still compare without case.
            let after = (try StepRow.stepKeys(db, ofClasses: classes.map { $0.uppercased() }, readable: .all).map { "\($0.packageID) \($0.stepID)" },
                         try ConditionOperandRow.operandKeys(db, ofClasses: ["sms_tasksequence_variableconditionexpression"], readable: .all)
                            .map { "\($0.stepID) \($0.operandID)" })
            #expect(after.0 == before.0)
            #expect(after.1 == before.1)
            let plan: [String] = try db.rows("EXPLAIN QUERY PLAN SELECT id FROM step WHERE className COLLATE NOCASE IN ('a', 'b')")
                .map { try $0.decode(at: 3) }
            #expect(plan.contains { $0.contains("COVERING INDEX step_on_packageID_className_nocase") }, "\(plan)")
        }
    }
}
