import Testing
@testable import ProviderCore
import ProviderStore
import TestSupport

/// On PostgreSQL, WQL's comparisons and `LIKE` reach the indexes the schema declares
/// (PostgresSchema+Search): `LIKE` renders as `CAST(column AS text) ILIKE ?`, which the trigram
/// indexes serve (on a citext column a bare `ILIKE` resolves to citext's own operator, which no
/// index serves), and `=` as `CAST(column AS citext) = ?`, which the citext b-trees serve.
///
/// SQLite's plans are read by ``QueryPlanTests``.
@Suite(.enabled(if: TestStoreEngine.current == .postgresql)) struct QueryPlanPostgresTests {
    let fixture: QueryFixture

    init() throws {
        fixture = try QueryFixture()
    }

    /// PostgreSQL's plan for the statement `wql` runs (as a superuser: no rights filter).
    ///
    /// The fixture holds a handful of rows, which the planner would rightly read by scanning the
    /// table. With scans priced out for this transaction, only a bitmap scan of an index the
    /// condition can use avoids them: the plan names an index only if the condition's form lets
    /// that index serve (which is what a large table then chooses).
    private func plan(_ wql: String) throws -> String {
        let statement = try QueryPlan(WQLParser.parse(wql)).statement(restriction: nil).sql.render(.postgresql)
        return try fixture.service.store.write { db in
            for setting in ["enable_seqscan", "enable_indexscan", "enable_indexonlyscan"] {
                _ = try db.run("SET LOCAL \(setting) = off")
            }
            return try db.values(String.self, "EXPLAIN " + statement.sql, statement.arguments).joined(separator: "\n")
        }
    }

    @Test func likeWithinNamesUsesTheTrigramIndex() throws {
        let packages = try plan("SELECT Name FROM SMS_TaskSequencePackage WHERE Name LIKE '%Deploy%'")
        #expect(packages.contains("package_on_name_trgm"), "\(packages)")
        let steps = try plan("SELECT Name FROM SMS_TaskSequence_Step WHERE Name LIKE 'Apply%'")
        #expect(steps.contains("step_on_name_trgm"), "\(steps)")
    }

    @Test func equalityOnANameUsesItsCaselessIndex() throws {
        let packages = try plan("SELECT Name FROM SMS_TaskSequencePackage WHERE Name = 'office 365'")
        #expect(packages.contains("package_on_name"), "\(packages)")
        #expect(!packages.contains("Seq Scan"), "\(packages)")
    }

    @Test func likeFindsWithoutRegardToCase() throws {
        let rows = try fixture.service.execQuery("SELECT Name FROM SMS_TaskSequencePackage WHERE Name LIKE '%DEPLOY%'", for: fixture.root)
        #expect(rows.map { $0["Name"]?.description ?? "-" } == ["Windows 11 Deploy"])
    }
}
