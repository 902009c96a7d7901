import GRDB
import Testing
@testable import ProviderStore

/// Migration v13-instance-permissions-without-rowid: the rights an earlier store holds survive the
/// table's rebuild, which keeps the rows in their primary key's B-tree alone (an import wrote a
/// page of a second one).
@Suite struct InstancePermissionSchemaTests {
    @Test func anEarlierStoresInstanceRightsSurviveTheRebuild() throws {
        let store = try EarlierStore(migratedUpTo: "v12-expression-properties-in-operand: a condition expression's properties read from its operand row")
        let queue = store.queue
        let granted = [("alice", 2, "PS100001", 1), ("alice", 2, "PS100002", 3), ("bob", 2, "PS100001", 7)]
        try queue.write { db in
            for (user, object, instance, rights) in granted {
                try db.run("INSERT INTO instancePermission (userName, objectKey, instanceKey, rights) VALUES (?, ?, ?, ?)",
                           [user, object, instance, rights])
            }
        }

        try store.migrate()
        try queue.read { db in
            let rows = try db.values(String.self, """
                SELECT userName || ' ' || objectKey || ' ' || instanceKey || ' ' || rights FROM instancePermission ORDER BY userName, instanceKey
                """)
            #expect(rows == granted.map { "\($0.0) \($0.1) \($0.2) \($0.3)" })
            let definition = try db.values(String.self, "SELECT sql FROM sqlite_schema WHERE name = 'instancePermission'")
            #expect(definition.first?.hasSuffix("WITHOUT ROWID") == true, "\(definition)")
            // The primary key is the table itself now: no index of its own beside it.
            #expect(try db.values(String.self, "SELECT name FROM sqlite_schema WHERE tbl_name = 'instancePermission' AND type = 'index' ORDER BY name")
                == ["instancePermission_on_instance"])
            // The index by instance is still what a rights check by instance uses.
            let plan: [String] = try db.rows("EXPLAIN QUERY PLAN SELECT rights FROM instancePermission WHERE objectKey = 2 AND instanceKey = 'PS100001'")
                .map { try $0.decode(at: 3) }
            #expect(plan.contains { $0.contains("instancePermission_on_instance") }, "\(plan)")
        }
        // A second right for the same user and instance replaces nothing silently: the key is unique.
        #expect(throws: (any Error).self) {
            try queue.write { try $0.run("INSERT INTO instancePermission (userName, objectKey, instanceKey, rights) VALUES ('alice', 2, 'PS100001', 9)") }
        }
    }
}
