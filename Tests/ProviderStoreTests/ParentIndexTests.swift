import Testing
import TestSupport
import TaskSequenceModel
@testable import ProviderStore

/// The parent indexes hold only rows that have a parent (`ParentIndexSchema`), and the
/// requests for children still find them through those indexes.
@Suite struct ParentIndexTests {
    /// The index's definition as the engine keeps it.
    private static func definition(of index: String, in db: StoreDatabase) throws -> String {
        switch db.dialect {
        case .sqlite: try db.value(String.self, "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", [index]) ?? ""
        case .postgresql: try db.value(String.self, "SELECT indexdef FROM pg_indexes WHERE indexname = lower(?)", [index]) ?? ""
        }
    }

    @Test(arguments: [TestStoreEngine.sqlite, .postgresql])
    func parentIndexesLeaveOutTheTopLevel(engine: TestStoreEngine) throws {
        let fixture = try TemporaryStore(engine: engine)
        for index in ["step_on_parent", "conditionOperand_on_parent"] {
            let definition = try fixture.store.read { try Self.definition(of: index, in: $0) }
            #expect(definition.lowercased().replacingOccurrences(of: "(", with: "").replacingOccurrences(of: ")", with: "")
                .contains("where parentid is not null"), "\(index): \(definition)")
        }
    }

    /// SQLite's plans: a subtree walks its children, and deleting a step finds the steps inside
    /// it (the cascade), through the partial index.
    @Test func childrenAreFoundThroughThePartialIndex() throws {
        let fixture = try TemporaryStore(engine: .sqlite)
        try fixture.addPackage(sequence: Samples.rich)
        let plans = try fixture.store.read { db in
            let subtree = try db.rows("""
                EXPLAIN QUERY PLAN WITH RECURSIVE subtree(id) AS (SELECT CAST(? AS BIGINT) UNION ALL SELECT s.id FROM step s JOIN subtree ON s.parentID = subtree.id)
                SELECT step.* FROM step JOIN subtree ON step.id = subtree.id
                """, [1]).map { try $0.decode("detail", as: String.self) }
            let operands = try db.rows("EXPLAIN QUERY PLAN SELECT id FROM conditionOperand WHERE parentID = ?", [1])
                .map { try $0.decode("detail", as: String.self) }
            return (subtree.joined(separator: "\n"), operands.joined(separator: "\n"))
        }
        #expect(plans.0.contains("step_on_parent"), "\(plans.0)")
        #expect(plans.1.contains("conditionOperand_on_parent"), "\(plans.1)")
        // The cascade still takes every step inside a deleted group.
        let group = try fixture.store.read { try SequenceTree.childStepIDs(packageID: "PS100001", parentID: nil, in: $0).first }
        try fixture.store.write { try SequenceTree.delete(stepID: try #require(group), in: $0) }
        let left = try fixture.store.read { db in try db.values(Int64.self, "SELECT id FROM step WHERE parentID IS NOT NULL") }
        #expect(left.isEmpty)
    }
}
