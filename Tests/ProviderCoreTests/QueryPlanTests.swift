import Testing
@testable import ProviderCore
import ProviderStore
import TestSupport

/// Queries run as SQL that SQLite answers from indexes, with every value an argument.
@Suite struct QueryPlanTests {
    let fixture: QueryFixture

    init() throws {
        fixture = try QueryFixture()
    }

    /// SQLite's plan for the statement `wql` runs, as a superuser (no rights filter) unless
    /// `restriction` is given.
    private func plan(_ wql: String, restriction: QueryCondition? = nil) throws -> String {
        let statement = try QueryPlan(WQLParser.parse(wql)).statement(restriction: restriction).sql.render(.sqlite)
        return try fixture.service.store.read { db in
            try db.rows("EXPLAIN QUERY PLAN " + statement.sql, statement.arguments).map { try $0.decode("detail", as: String.self) }.joined(separator: "\n")
        }
    }

    /// Whether `plan` reads table alias `alias` row by row.
    private func scans(_ alias: String, _ plan: String) -> Bool {
        plan.split(separator: "\n").contains { $0 == "SCAN \(alias)" || $0.hasPrefix("SCAN \(alias) ") }
    }

    /// SQLite only: `EXPLAIN QUERY PLAN` and the `…_nocase` indexes are SQLite's (PostgreSQL's
    /// plans are read by QueryPlanPostgresTests).
    @Test(.enabled(if: TestStoreEngine.current == .sqlite))
    func classAndKeyFiltersUseIndexes() throws {
        #expect(try plan("SELECT Name FROM SMS_TaskSequence_Step WHERE PackageID = 'tst00001'").contains("step_on_packageID_className_nocase (packageID=?)"))
        #expect(try plan("SELECT Name FROM SMS_TaskSequencePackage WHERE Name = 'sample'").contains("package_on_name_nocase"))
        #expect(try plan("SELECT Name FROM SMS_TaskSequencePackage WHERE PackageID = 'tst00001'").contains("package_on_packageID_nocase"))
    }

    /// A class alone is found in the class index behind the package (or step) — read whole,
    /// without the rows — and then only its rows are read; with the package named, SQLite seeks
    /// package and class together (ClassIndexSchema).
    @Test(.enabled(if: TestStoreEngine.current == .sqlite))
    func classesAreFoundInTheIndexBehindTheirContainer() throws {
        let classOnly = [
            "SELECT Name FROM SMS_TaskSequence_RunCommandLineAction",
            "SELECT Name FROM SMS_TaskSequence_Step WHERE __CLASS = 'SMS_TaskSequence_RebootAction'",
        ]
        for wql in classOnly {
            let plan = try plan(wql)
            #expect(plan.contains("SCAN step USING COVERING INDEX step_on_packageID_className_nocase"), "\(wql): \(plan)")
            #expect(plan.contains("SEARCH s USING INTEGER PRIMARY KEY"), "\(wql): \(plan)")
            #expect(!scans("s", plan), "\(wql): \(plan)")
        }
        let withPackage = try plan("SELECT Name FROM SMS_TaskSequence_RunCommandLineAction WHERE PackageID = 'tst00001'")
        #expect(withPackage.contains("step_on_packageID_className_nocase (packageID=? AND className=?)"), "\(withPackage)")
        // A step named by its key is read by it, the class compared on that row alone.
        let withStep = try plan("SELECT Name FROM SMS_TaskSequence_RunCommandLineAction WHERE StepID = 5")
        #expect(withStep.contains("SEARCH s USING INTEGER PRIMARY KEY (rowid=?)") && !withStep.contains("SCAN"), "\(withStep)")
        // A caller who may read some packages: their steps are found first, the class compared on them.
        let readable = QueryCondition.readable(.only(["tst00001"]), guarded: .taskSequencePackage(column: "s.packageID"))
        let restricted = try plan("SELECT Name FROM SMS_TaskSequence_RunCommandLineAction", restriction: readable)
        #expect(!restricted.contains("COVERING INDEX step_on_packageID_className_nocase"), "\(restricted)")
        let operands = try plan("SELECT * FROM SMS_TaskSequence_VariableConditionExpression")
        #expect(operands.contains("SCAN conditionOperand USING COVERING INDEX conditionOperand_on_container"), "\(operands)")
        #expect(!scans("o", operands), "\(operands)")
    }

    @Test func valuesAreArgumentsNeverStatementText() throws {
        let hostile = "x'); DROP TABLE package; --"
        let query = try QueryPlan(WQLParser.parse(
            "SELECT * FROM SMS_TaskSequence_Step WHERE Name = '\(hostile.replacingOccurrences(of: "'", with: "''"))' OR CommandLine LIKE '%\(hostile.replacingOccurrences(of: "'", with: "''"))'"
        )).statement(restriction: nil).sql
        for dialect in SQLDialect.allCases {
            let statement = query.render(dialect)
            #expect(!statement.sql.contains("DROP") && !statement.sql.contains("x'"))
            #expect(statement.arguments.values.contains(.text(hostile)))
            #expect(statement.arguments.values.contains(.text("%" + hostile.replacingOccurrences(of: "_", with: "\\_"))))
            #expect(statement.sql.filter { $0 == "?" }.count == statement.arguments.values.count)
        }
    }
}
