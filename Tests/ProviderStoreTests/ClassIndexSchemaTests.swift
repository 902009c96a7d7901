import GRDB
import Testing
import TestSupport
import TaskSequenceModel
@testable import ProviderStore

/// Migration v14-class-indexes-within-their-container: an earlier store's steps and operands are
/// found by class as before, through the indexes behind their package and step.
@Suite struct ClassIndexSchemaTests {
    /// Both engines index a step's class behind its package and an operand's behind its step,
    /// and neither keeps an index led by the class.
    @Test(arguments: [TestStoreEngine.sqlite, .postgresql])
    func classesAreIndexedBehindTheirContainer(engine: TestStoreEngine) throws {
        let fixture = try TemporaryStore(engine: engine)
        let definitions = try fixture.store.read { db -> [String: String] in
            let sql = switch db.dialect {
            case .sqlite: "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('step', 'conditionOperand') AND sql IS NOT NULL"
            case .postgresql: "SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('step', 'conditionoperand')"
            }
            let rows: [(String, String)] = try db.rows(sql).map { (try $0.decode(at: 0), try $0.decode(at: 1)) }
            return Dictionary(rows.map { ($0.0.lowercased(), $0.1.lowercased().replacingOccurrences(of: "\"", with: "")) },
                              uniquingKeysWith: { first, _ in first })
        }
        #expect(definitions["step_on_packageid_classname_nocase"]?.contains("(packageid") == true, "\(definitions)")
        #expect(definitions["conditionoperand_on_container"]?.contains("position, classname") == true, "\(definitions)")
        for (name, definition) in definitions {
            #expect(!definition.contains("(classname"), "\(name) is led by the class: \(definition)")
        }
    }

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
