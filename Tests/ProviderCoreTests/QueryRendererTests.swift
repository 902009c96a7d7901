import Testing
@testable import ProviderCore
import ProviderStore

/// The WQL renderer writes one plan in each engine's dialect: SQLite as the provider always has
/// (`COLLATE NOCASE`, `LIKE`, `GLOB`, `json_each`), PostgreSQL with `citext`, `ILIKE`, regular
/// expressions and one argument per key, both with every value an argument and Read filtering in the SQL.
@Suite struct QueryRendererTests {
    private static let alice = Caller(uid: 1000, groupIDs: [1000], userName: "alice")

    /// A query, the caller's Read filter, and the statement each engine runs.
    struct Golden: Sendable {
        var wql: String
        var restriction: QueryCondition?
        var sqlite: String
        var postgresql: String
        var arguments: [SQLValue]
        /// PostgreSQL's arguments where they differ (a pattern with sets is a regular expression).
        var postgresqlArguments: [SQLValue]? = nil
    }

    static let goldens: [Golden] = [
        Golden(
            wql: "SELECT Name FROM SMS_TaskSequencePackage WHERE PackageID = 'abc00001' ORDER BY Name DESC",
            restriction: .readable(.only(["ABC00002", "ABC00001"]), guarded: .taskSequencePackage(column: "p.packageID")),
            sqlite: #"SELECT p.packageID, NULL, p.name FROM package p WHERE (p.packageID IN (SELECT value FROM json_each(?))) AND ((p.packageID) COLLATE NOCASE = ?) ORDER BY (p.name) COLLATE NOCASE DESC, p.packageID"#,
            postgresql: #"SELECT p.packageID, NULL, p.name FROM package p WHERE (p.packageID IN (?, ?)) AND (CAST((p.packageID) AS citext) = ?) ORDER BY CAST((p.name) AS citext) DESC, p.packageID"#,
            arguments: [.text(#"["ABC00001","ABC00002"]"#), .text("abc00001")],
            postgresqlArguments: [.text("ABC00001"), .text("ABC00002"), .text("abc00001")]),
        Golden(
            wql: "SELECT Name, CommandLine FROM SMS_TaskSequence_Step WHERE CommandLine LIKE '%power_shell 100[%]%' AND Enabled = TRUE",
            restriction: .readable(.granted(objectKey: 20, rights: 1, principals: ["alice", "@staff"]), guarded: .taskSequencePackage(column: "s.packageID")),
            sqlite: #"SELECT s.packageID, s.id, s.className, s.name, s.actionText FROM step s WHERE (s.packageID IN (SELECT instanceKey FROM instancePermission WHERE objectKey = ? AND (rights & ?) <> 0 AND userName IN (?, ?))) AND (((CASE WHEN s.className COLLATE NOCASE IN (?) THEN COALESCE((SELECT json_extract(e.value, '$.v') FROM json_each(s.variables) e WHERE json_extract(e.value, '$.f') IS NULL AND json_extract(e.value, '$.p') COLLATE NOCASE IN (?) ORDER BY json_extract(e.value, '$.p') COLLATE NOCASE = ? DESC, e.key LIMIT 1), s.actionText) END) LIKE ? ESCAPE '\') AND ((s.enabled) = ?)) ORDER BY s.packageID, s.id"#,
            postgresql: #"SELECT s.packageID, s.id, s.className, s.name, s.actionText FROM step s WHERE (s.packageID IN (SELECT instanceKey FROM instancePermission WHERE objectKey = ? AND (rights & ?) <> 0 AND userName IN (?, ?))) AND ((CAST((CASE WHEN CAST(s.className AS citext) IN (?) THEN COALESCE((SELECT (e.value ->> 'v') FROM jsonb_array_elements(CAST(s.variables AS jsonb)) WITH ORDINALITY e(value, key) WHERE (e.value ->> 'f') IS NULL AND CAST((e.value ->> 'p') AS citext) IN (?) ORDER BY CAST((e.value ->> 'p') AS citext) = ? DESC, e.key LIMIT 1), s.actionText) END) AS text) ILIKE ? ESCAPE '\') AND ((s.enabled) = ?)) ORDER BY s.packageID, s.id"#,
            arguments: [.integer(20), .integer(1), .text("alice"), .text("@staff"), .text("SMS_TaskSequence_RunCommandLineAction"),
                        .text("CommandLine"), .text("CommandLine"), .text(#"%power_shell 100\%%"#), .integer(1)]),
        Golden(
            wql: "SELECT Name FROM SMS_TaskSequence_RunCommandLineAction WHERE Name LIKE '[^a-c]x%' OR Timeout > 30",
            restriction: nil,
            sqlite: #"SELECT s.packageID, s.id, s.className, s.name FROM step s WHERE (s.id IN (SELECT id FROM step WHERE className COLLATE NOCASE IN (?))) AND ((lower((s.name)) GLOB ?) OR ((s.timeout) > ?)) ORDER BY s.packageID, s.id"#,
            postgresql: #"SELECT s.packageID, s.id, s.className, s.name FROM step s WHERE (s.id IN (SELECT id FROM step WHERE CAST(className AS citext) IN (?))) AND ((lower((s.name)) ~ ?) OR ((s.timeout) > ?)) ORDER BY s.packageID, s.id"#,
            arguments: [.text("SMS_TaskSequence_RunCommandLineAction"), .text("[^a-c]x*"), .integer(30)],
            postgresqlArguments: [.text("SMS_TaskSequence_RunCommandLineAction"), .text("^[^a-c]x.*$"), .integer(30)]),
        Golden(
            wql: "SELECT COUNT(*) FROM SMS_TaskSequence_Step WHERE Condition IS NOT NULL",
            restriction: .readable(.none, guarded: .taskSequencePackage(column: "s.packageID")),
            sqlite: #"SELECT COUNT(*) FROM step s WHERE (0) AND ((s.hasCondition))"#,
            postgresql: #"SELECT COUNT(*) FROM step s WHERE (FALSE) AND (((s.hasCondition) <> 0))"#,
            arguments: []),
        Golden(
            wql: "SELECT * FROM SMS_UserInstancePermissions WHERE InstancePermissions > 1",
            restriction: .permissionEntriesVisible(.limited(
                principals: alice.principals, administered: [2],
                delegated: [.init(objectKey: 20, onClass: false, principals: alice.principals, readable: .only(["ABC00001"]), delegateRight: Rights.delegate.rawValue)]),
                instances: true),
            sqlite: #"SELECT i.userName, i.objectKey, i.instanceKey, NULL, i.userName, i.objectKey, i.instanceKey, i.rights FROM instancePermission i WHERE ((userName IN (?) OR objectKey = ? OR (objectKey = ? AND (objectKey, instanceKey) IN (SELECT d.objectKey, d.instanceKey FROM instancePermission d WHERE (d.rights & ?) <> 0 AND d.userName IN (?)) AND instanceKey IN (SELECT value FROM json_each(?))))) AND ((i.rights) > ?) ORDER BY i.objectKey, i.instanceKey, i.userName"#,
            postgresql: #"SELECT i.userName, i.objectKey, i.instanceKey, NULL, i.userName, i.objectKey, i.instanceKey, i.rights FROM instancePermission i WHERE ((userName IN (?) OR objectKey = ? OR (objectKey = ? AND (objectKey, instanceKey) IN (SELECT d.objectKey, d.instanceKey FROM instancePermission d WHERE (d.rights & ?) <> 0 AND d.userName IN (?)) AND instanceKey IN (?)))) AND ((i.rights) > ?) ORDER BY i.objectKey, i.instanceKey, i.userName"#,
            arguments: [.text("alice"), .integer(2), .integer(20), .integer(Int64(Rights.delegate.rawValue)), .text("alice"), .text(#"["ABC00001"]"#), .integer(1)],
            postgresqlArguments: [.text("alice"), .integer(2), .integer(20), .integer(Int64(Rights.delegate.rawValue)), .text("alice"), .text("ABC00001"), .integer(1)]),
    ]

    @Test(arguments: goldens.indices)
    func sqliteRendersTheGoldenStatement(_ index: Int) throws {
        let golden = Self.goldens[index]
        let statement = try QueryPlan(WQLParser.parse(golden.wql)).statement(restriction: golden.restriction).sql.render(.sqlite)
        #expect(statement.sql == golden.sqlite)
        #expect(statement.arguments.values == golden.arguments)
    }

    @Test(arguments: goldens.indices)
    func postgresqlRendersTheGoldenStatement(_ index: Int) throws {
        let golden = Self.goldens[index]
        let statement = try QueryPlan(WQLParser.parse(golden.wql)).statement(restriction: golden.restriction).sql.render(.postgresql)
        #expect(statement.sql == golden.postgresql)
        #expect(statement.arguments.values == (golden.postgresqlArguments ?? golden.arguments))
    }

    /// Settings read as numbers are checked before they are cast: PostgreSQL, unlike SQLite,
    /// fails a statement on a cast of text that is not a number, and does not promise to
    /// evaluate AND in order, so its check is an outer CASE.
    @Test func typedSettingsAreCheckedBeforeTheyAreCast() throws {
        let plan = try QueryPlan(WQLParser.parse("SELECT Name FROM SMS_TaskSequence_Step WHERE SuccessCodes = '0' OR Timeout > 5"))
        let postgresql = plan.statement(restriction: nil).sql.render(.postgresql).sql
        #expect(!postgresql.contains("GLOB") && !postgresql.contains("COLLATE") && !postgresql.contains("json_each") && !postgresql.contains("rowid"))
        let integerCheck = try QueryPlan(WQLParser.parse("SELECT Name FROM SMS_TaskSequence_Step WHERE DiskIndex > 2"))
            .statement(restriction: nil).sql
        #expect(integerCheck.render(.postgresql).sql.contains(
            "CASE WHEN (e.value ->> 'v') ~ '^[0-9]{1,10}$' THEN CASE WHEN CAST((e.value ->> 'v') AS bigint) <= 4294967295"))
        #expect(integerCheck.render(.sqlite).sql.contains(
            "CASE WHEN json_extract(e.value, '$.v') <> '' AND json_extract(e.value, '$.v') NOT GLOB '*[^0-9]*' AND length(json_extract(e.value, '$.v')) <= 10"))
    }
}
